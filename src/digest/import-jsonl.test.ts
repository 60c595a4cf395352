// import-jsonl refuses records that would store something a later render cannot show, naming the line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPaper, storedSummary } from '../../test/contracts/store-fixtures.js';
import { UsageError } from '../errors.js';
import { renderJsonl, toJsonRecord } from '../render/jsonl.js';
import { summaryKey } from '../summarize/index.js';
import sqliteStore from '../store/sqlite.js';
import { importDigestJsonl } from './import-jsonl.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pd-import-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A record as `run` writes it, with an ok built-in summary that import-jsonl keeps. */
function record(id: string, change: Record<string, unknown> = {}): Record<string, unknown> {
  const { summary, meta } = storedSummary('k', id);
  const entry = { paper: apiPaper(id), announceType: 'new' as const, section: 'cs.LG', crossList: false, firstSeen: null };
  const written = toJsonRecord({ ...entry, summary: { summary, meta: { ...meta, version: 'v1' } } }, '2026-01-30');
  return { ...written, ...change };
}

interface Imported {
  papers: number;
  summaries: number;
  listed: string[];
  categories: string[];
  day: Awaited<ReturnType<typeof importDigestJsonl>>;
}

async function importLines(lines: string[], prefix = ''): Promise<Imported> {
  const file = path.join(dir, `${n++}.jsonl`);
  writeFileSync(file, prefix + lines.map((l) => `${l}\n`).join(''));
  const store = sqliteStore({ path: ':memory:' });
  try {
    const day = await importDigestJsonl(store, file);
    const stored = await store.getDay('2026-01-30');
    return { papers: day.papers, summaries: day.summaries, listed: stored?.listings.map((l) => l.id) ?? [], categories: stored?.categories ?? [], day };
  } finally {
    await store.close();
  }
}

const line = (id: string, change?: Record<string, unknown>): string => JSON.stringify(record(id, change));

describe('importDigestJsonl', () => {
  it('imports records as run writes them, with their summaries', async () => {
    expect(await importLines([line('2601.00001'), line('2601.00002')])).toMatchObject({ papers: 2, summaries: 2, listed: ['2601.00001', '2601.00002'] });
  });

  it('keeps the day\'s categories without papers, as renderJsonl writes them', async () => {
    const { summary, meta } = storedSummary('k', '2601.00001');
    const entry = { paper: apiPaper('2601.00001'), announceType: 'new' as const, section: 'cs.LG', crossList: false, firstSeen: null, summary: { summary, meta } };
    const jsonl = renderJsonl({ date: '2026-01-30', categories: ['cs.LG', 'stat.ML'], reconstructed: false, sections: [{ category: 'cs.LG', entries: [entry] }, { category: 'stat.ML', entries: [] }] });
    expect(await importLines(jsonl.trim().split('\n'))).toMatchObject({ papers: 1, categories: ['cs.LG', 'stat.ML'] });
    // A file from before day_categories: the sections of its records.
    expect(await importLines([line('2601.00001')])).toMatchObject({ categories: ['cs.LG'] });
    await expect(importLines([line('2601.00001', { day_categories: ['stat.ML'] })])).rejects.toThrow(/line 1: section "cs\.LG" is not one of "day_categories"/);
  });

  it('keeps the summaries of files without summary_meta.version, under a key no run computes, and counts what it skips', async () => {
    const { version: _, ...old } = record('2601.00001').summary_meta as Record<string, unknown>;
    const fallback = { ...old, status: 'fallback', reason: 'too short' };
    const got = await importLines([line('2601.00001', { summary_meta: old }), line('2601.00002', { summary_meta: fallback })]);
    expect(got).toMatchObject({ summaries: 1, day: { unversioned: 1, skipped: { fallback: 1, incomplete: 0 } } });
    const kept = got.day.stored[0];
    expect(kept?.meta.version).toBeUndefined();
    const current = summaryKey(apiPaper('2601.00001'), { name: 'builtin', model: kept?.meta.model ?? '', version: 'v1' }, 'en');
    expect(kept?.key).not.toBe(current);
  });

  it('refuses an incomplete summary or summary_meta, naming the line and the field', async () => {
    const partial = line('2601.00002', { summary: { tldr: 'x' } });
    await expect(importLines([line('2601.00001'), partial])).rejects.toThrow(/line 2: bad "summary\.motivation": invalid input: expected string/);
    const meta = { ...(record('2601.00001').summary_meta as object), status: 'great' };
    await expect(importLines([line('2601.00001', { summary_meta: meta })])).rejects.toThrow(/line 1: bad "summary_meta\.status"/);
    await expect(importLines([line('2601.00001', { summary_meta: undefined })])).rejects.toThrow(UsageError);
  });

  it('keeps a failed record: no summary, nothing reusable', async () => {
    const meta = { summarizer: null, model: null, language: null, status: 'failed', reason: 'no summary was made', sources: null, version: null };
    expect(await importLines([line('2601.00001', { summary: null, summary_meta: meta })])).toMatchObject({ papers: 1, summaries: 0 });
  });

  it('refuses a section the paper is not in, which would leave it out of every render', async () => {
    await expect(importLines([line('2601.00001', { section: 'bogus.XX' })])).rejects.toThrow(
      /line 1: section "bogus\.XX" is not one of the paper's categories \(cs\.LG, stat\.ML\)/,
    );
    expect(await importLines([line('2601.00001', { section: 'stat.ML', cross_list: true })])).toMatchObject({ papers: 1 });
  });

  it('refuses a date that is no day', async () => {
    await expect(importLines([line('2601.00001', { date: '2026-02-30' })])).rejects.toThrow(/line 1: bad date "2026-02-30"/);
  });

  it('refuses a paper listed twice in one day', async () => {
    await expect(importLines([line('2601.00001'), line('2601.00002'), line('2601.00001')])).rejects.toThrow(
      /line 3: 2601\.00001 is already on line 1; one record per paper/,
    );
  });

  it('ignores a byte order mark before the first record', async () => {
    expect(await importLines([line('2601.00001')], '\uFEFF')).toMatchObject({ papers: 1, summaries: 1 });
  });
});
