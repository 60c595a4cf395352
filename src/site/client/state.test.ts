import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, emptyState, exportState, mergeState, parseImport, parseStored } from './state.js';
import type { ReaderState } from './state.js';

const state: ReaderState = {
  favourites: { '2601.20868': { id: '2601.20868', version: 2, title: 'T', authors: ['A'], date: '2026-01-30', primary: 'cs.LG', added: '2026-01-30T00:00:00.000Z' } },
  read: { '2601.20868': '2026-01-30T01:00:00.000Z', 'hep-th/9901001': '2026-01-30T02:00:00.000Z' },
};

describe('reader state export and import', () => {
  it('round-trips through the JSON export', () => {
    const text = exportState(state, new Date('2026-02-01T00:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({ format: EXPORT_FORMAT, version: 1, exported: '2026-02-01T00:00:00.000Z' });
    expect(parseImport(text)).toEqual(state);
  });

  it('rejects files that are not an export, with a readable reason', () => {
    expect(() => parseImport('not json')).toThrow('the file is not JSON');
    expect(() => parseImport('{"favourites":[]}')).toThrow(`the file is not a ${EXPORT_FORMAT} export`);
  });

  it('drops malformed entries, bad ids and unknown keys, and bounds strings', () => {
    const hostile = {
      format: EXPORT_FORMAT,
      favourites: [
        { id: '__proto__', title: 'x' },
        { id: '<img src=x>', title: 'x' },
        { id: '2601.00001', version: -3, title: 'y'.repeat(5000), authors: ['ok', 7, null], date: 'yesterday', primary: 'cs.LG', extra: 'dropped' },
        'junk',
      ],
      read: [{ id: '2601.00002', at: '2026' }, { id: 'javascript:alert(1)' }, null],
    };
    const parsed = parseImport(JSON.stringify(hostile));
    expect(Object.keys(parsed.favourites)).toEqual(['2601.00001']);
    const f = parsed.favourites['2601.00001'];
    expect([f?.version, f?.title.length, f?.authors, f?.date]).toEqual([1, 2000, ['ok'], '']);
    expect(f).not.toHaveProperty('extra');
    expect(parsed.read).toEqual({ '2601.00002': '2026' });
    expect(Object.getPrototypeOf(parsed.favourites)).toBe(Object.prototype);
  });

  it('cleans titles and authors of bidi overrides and controls (stored by an older reader, or imported)', () => {
    const raw = { ...state.favourites['2601.20868'], title: 'Safe \u202eTCARTER\u202c \u{1F468}\u200D\u{1F467}', authors: ['\u2066Eve\u2069\u0000'] };
    const parsed = parseStored(JSON.stringify({ format: EXPORT_FORMAT, favourites: [raw], read: [] }));
    const f = parsed.favourites['2601.20868'];
    expect([f?.title, f?.authors]).toEqual(['Safe TCARTER \u{1F468}\u200D\u{1F467}', ['Eve']]);
  });

  it('merges an import without overwriting what is there', () => {
    const other: ReaderState = { favourites: {}, read: { '2601.20868': 'later', '2601.00009': 'x' } };
    expect(mergeState(state, other).read).toEqual({ ...state.read, '2601.00009': 'x' });
  });

  it('reads missing or corrupt storage as empty', () => {
    expect(parseStored(null)).toEqual(emptyState());
    expect(parseStored('{oops')).toEqual(emptyState());
  });
});
