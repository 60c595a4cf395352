import { describe, expect, it } from 'vitest';
import { makeDigest, makeEntry, makeSummary } from '../../test/fixtures/render/entries.js';
import { renderJsonl, toJsonRecord } from './jsonl.js';

const REQUIRED = [
  'id', 'version', 'title', 'authors', 'categories', 'primary_category', 'announce_type', 'section', 'cross_list',
  'first_seen', 'abstract', 'comment', 'journal_ref', 'doi', 'license', 'links', 'summary', 'summary_meta', 'date',
];

function parseLines(jsonl: string): Record<string, unknown>[] {
  expect(jsonl.endsWith('\n')).toBe(true);
  return jsonl.slice(0, -1).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('renderJsonl', () => {
  const hostile = 'Title with "quotes", \\backslash, <b>tags</b>,\nnewline, \u2028separator and $\\alpha_1$';
  const entries = [
    makeEntry({}, { id: '2601.00001', title: hostile, authors: ['Smith, Jr.', 'Ö Ü'], comment: 'code https://github.com/a/b' }),
    makeEntry({ summary: null, announceType: 'replace' }, { id: '2601.00002', version: 3 }),
    makeEntry(
      { section: 'stat.ML', crossList: true, firstSeen: '2026-01-28' },
      { id: '2601.00003', categories: ['cs.LG', 'stat.ML'] },
    ),
  ];
  const digest = makeDigest([
    ['cs.LG', entries.slice(0, 2)],
    ['stat.ML', entries.slice(2)],
  ]);
  const jsonl = renderJsonl(digest);
  const records = parseLines(jsonl);

  it('writes one object per entry, in the Markdown global order, each on its own line', () => {
    expect(jsonl.split('\n')).toHaveLength(entries.length + 1);
    expect(records.map((r) => r.id)).toEqual(['2601.00001', '2601.00002', '2601.00003']);
    expect(jsonl).not.toContain('\u2028');
  });

  it('has every required key on every record', () => {
    for (const record of records) expect(Object.keys(record)).toEqual(expect.arrayContaining(REQUIRED));
  });

  it('round-trips raw text exactly, with only JSON escaping', () => {
    expect(records[0]?.title).toBe(hostile);
    expect(records[0]?.authors).toEqual(['Smith, Jr.', 'Ö Ü']);
    expect(entries.map((e) => ({ ...toJsonRecord(e, digest.date), day_categories: ['cs.LG', 'stat.ML'] }))).toEqual(records);
  });

  it('carries section, cross-list, first-seen, announce type, links and date', () => {
    expect(records[2]).toMatchObject({
      section: 'stat.ML',
      cross_list: true,
      first_seen: '2026-01-28',
      primary_category: 'cs.LG',
      categories: ['cs.LG', 'stat.ML'],
      date: '2026-01-30',
    });
    expect(records[1]).toMatchObject({ announce_type: 'replace', version: 3 });
    expect(records[0]?.links).toEqual({
      abs: 'https://arxiv.org/abs/2601.00001',
      pdf: 'https://arxiv.org/pdf/2601.00001v1',
      html: 'https://arxiv.org/html/2601.00001v1',
      code: 'https://github.com/a/b',
    });
  });

  it('gives the summary and its meta, and for a missing summary null with a failed meta', () => {
    expect(records[0]?.summary).toEqual(makeSummary().summary);
    expect(records[0]?.summary_meta).toEqual({
      summarizer: 'builtin',
      model: 'roles-test',
      language: 'en',
      status: 'ok',
      reason: null,
      sources: null,
      version: null,
    });
    expect(records[1]?.summary).toBeNull();
    expect(records[1]?.summary_meta).toEqual({
      summarizer: null,
      model: null,
      language: null,
      status: 'failed',
      reason: 'no summary was made',
      sources: null,
      version: null,
    });
  });

  it('keeps fallback summaries with their reason, and drops the text of failed ones', () => {
    const fallback = makeEntry({ summary: makeSummary({ status: 'fallback', reason: 'HTTP 429' }) });
    const failed = makeEntry({ summary: makeSummary({ summarizer: 'llm', status: 'failed', reason: 'invalid JSON' }) });
    const [a, b] = [toJsonRecord(fallback, '2026-01-30'), toJsonRecord(failed, '2026-01-30')];
    expect(a.summary?.tldr).toBe('Small TL;DR.');
    expect(a.summary_meta).toMatchObject({ status: 'fallback', reason: 'HTTP 429' });
    expect(b.summary).toBeNull();
    expect(b.summary_meta).toMatchObject({ summarizer: 'llm', status: 'failed', reason: 'invalid JSON' });
  });

  it('passes built-in sentence sources through', () => {
    const entry = makeEntry({ summary: makeSummary({ sources: { tldr: 'result', method: 'none' } }) });
    expect(toJsonRecord(entry, '2026-01-30').summary_meta.sources).toEqual({ tldr: 'result', method: 'none' });
  });

  it('is empty for a digest without entries', () => {
    expect(renderJsonl(makeDigest([['cs.LG', []]]))).toBe('');
  });

  it('has relevance null when unranked, and score, reasons, library mark and For-you position when ranked', () => {
    expect(records.every((r) => r.relevance === null)).toBe(true);
    const a = makeEntry({ relevance: { score: 0.83456, reasons: ['matched "diffusion"', 'similar to 2401.12345 (0.41)'], inLibrary: false } }, { id: '2601.00001' });
    const b = makeEntry({ relevance: { score: 0.9, reasons: ['in your library'], inLibrary: true } }, { id: '2601.00002' });
    const ranked = { ...makeDigest([['cs.LG', [a, b]]]), forYou: ['2601.00001'] };
    const [ra, rb] = parseLines(renderJsonl(ranked));
    expect(ra?.relevance).toEqual({ score: 0.8346, reasons: ['matched "diffusion"', 'similar to 2401.12345 (0.41)'], in_library: false, for_you: 1 });
    expect(rb?.relevance).toEqual({ score: 0.9, reasons: ['in your library'], in_library: true, for_you: null });
  });
});
