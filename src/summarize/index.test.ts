import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDigest, makeEntry, makeSummary } from '../../test/fixtures/render/entries.js';
import { ConfigError, SummarizerStoppedError } from '../errors.js';
import sqliteStore from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import type { Paper, SummaryResult } from '../types.js';
import { createBuiltinSummarizer } from './builtin/index.js';
import { summarizeDigest, summaryKey } from './index.js';
import type { Summarizer } from './types.js';

/** A scripted summarizer: `behave(paper)` returns a result or throws; counts calls and peak concurrency. */
function scripted(behave: (paper: Paper) => SummaryResult | Error, concurrent = true, name: 'builtin' | 'llm' = 'llm') {
  let inFlight = 0;
  const seen = { calls: 0, peak: 0 };
  const summarizer: Summarizer = {
    name,
    model: `${name}-test`,
    version: 'v1',
    capabilities: { languages: 'any', concurrent },
    async summarize(paper) {
      seen.calls++;
      seen.peak = Math.max(seen.peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      const out = behave(paper);
      if (out instanceof Error) throw out;
      return out;
    },
  };
  return { summarizer, seen };
}

const digestOf = (n: number) =>
  makeDigest([['cs.LG', Array.from({ length: n }, (_, i) => makeEntry({ summary: null }, { id: `2601.${10000 + i}`, abstract: `Abstract number ${i}.` }))]]);
const statuses = (d: ReturnType<typeof digestOf>) => d.sections[0]!.entries.map((e) => e.summary?.meta.status);

let store: Store;
beforeEach(() => {
  store = sqliteStore({ path: ':memory:' });
});
afterEach(async () => store.close());

describe('summarizeDigest', () => {
  it('summarizes every entry and reuses stored summaries on the next run', async () => {
    const { summarizer, seen } = scripted(() => makeSummary({ summarizer: 'llm' }));
    const first = await summarizeDigest(digestOf(5), { summarizer, store, language: 'en' });
    expect(first).toMatchObject({ reused: 0, summarized: 5, byStatus: { ok: 5, fallback: 0, failed: 0 } });
    const again = digestOf(5);
    const second = await summarizeDigest(again, { summarizer, store, language: 'en' });
    expect(second).toMatchObject({ reused: 5, summarized: 0 });
    expect(seen.calls).toBe(5);
    expect(statuses(again)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('keys the cache on the abstract, not the version: an unchanged replacement is not redone', () => {
    const { summarizer } = scripted(() => makeSummary());
    const v1 = makeEntry({}, { version: 1, abstract: 'Same  text.' }).paper;
    const v2 = makeEntry({}, { version: 2, abstract: 'Same text.' }).paper;
    const v3 = makeEntry({}, { version: 3, abstract: 'Changed text.' }).paper;
    expect(summaryKey(v1, summarizer, 'en')).toBe(summaryKey(v2, summarizer, 'en'));
    expect(summaryKey(v1, summarizer, 'en')).not.toBe(summaryKey(v3, summarizer, 'en'));
    expect(summaryKey(v1, summarizer, 'en')).not.toBe(summaryKey(v1, summarizer, 'zh'));
    expect(summaryKey(v1, summarizer, 'en')).not.toBe(summaryKey({ ...v1, id: '2601.99999' }, summarizer, 'en'));
  });

  it('keys the built-in summaries on the English they are written in, whatever language was asked for', async () => {
    const builtin = createBuiltinSummarizer();
    const run = async (language: string) => {
      const digest = digestOf(3);
      const stats = await summarizeDigest(digest, { summarizer: builtin, store, language });
      return { reused: stats.reused, reasons: [...new Set(digest.sections[0]!.entries.map((e) => e.summary?.meta.reason))] };
    };
    const note = (lang: string) => `wrote English: the built-in summarizer cannot write "${lang}" and no LLM is configured`;
    expect(await run('de')).toEqual({ reused: 0, reasons: [note('de')] });
    // Reused, each with the note of the request at hand, not of the run that wrote it.
    expect(await run('en')).toEqual({ reused: 3, reasons: [null] });
    expect(await run('en-US')).toEqual({ reused: 3, reasons: [null] });
    expect(await run('fr')).toEqual({ reused: 3, reasons: [note('fr')] });
    // A summarizer that writes any language keeps one summary per language.
    const { summarizer: llm } = scripted(() => makeSummary());
    const paper = digestOf(1).sections[0]!.entries[0]!.paper;
    expect(summaryKey(paper, llm, 'de')).not.toBe(summaryKey(paper, llm, 'en'));
  });

  it('runs concurrent summarizers up to the limit and in-process ones one at a time', async () => {
    const parallel = scripted(() => makeSummary());
    await summarizeDigest(digestOf(12), { summarizer: parallel.summarizer, store, language: 'en', concurrency: 4 });
    expect(parallel.seen.peak).toBe(4);
    const serial = scripted(() => makeSummary(), false);
    await summarizeDigest(digestOf(6), { summarizer: serial.summarizer, store, language: 'de', concurrency: 4 });
    expect(serial.seen.peak).toBe(1);
  });

  it('gives a failing paper the fallback summary, marked with the reason, and retries it on the next run', async () => {
    const main = scripted((p) => (p.id === '2601.10001' ? new Error('answer failed validation twice') : makeSummary({ summarizer: 'llm' })));
    const fallback = scripted(() => makeSummary({ summarizer: 'builtin' }), false, 'builtin');
    const digest = digestOf(3);
    const stats = await summarizeDigest(digest, { summarizer: main.summarizer, fallback: fallback.summarizer, store, language: 'en' });
    expect(statuses(digest)).toEqual(['ok', 'fallback', 'ok']);
    expect(digest.sections[0]!.entries[1]!.summary!.meta).toMatchObject({ summarizer: 'builtin', status: 'fallback', reason: 'answer failed validation twice' });
    expect(stats.problems).toEqual([expect.objectContaining({ paperId: '2601.10001', stage: 'summarize' })]);
    const shown = digestOf(3);
    await summarizeDigest(shown, { summarizer: main.summarizer, store, language: 'en', cacheOnly: true });
    expect(statuses(shown)).toEqual(['ok', 'fallback', 'ok']); // `render` shows the stored fallback as it was
    const rerun = await summarizeDigest(digestOf(3), { summarizer: main.summarizer, fallback: fallback.summarizer, store, language: 'en' });
    expect(rerun.reused).toBe(2); // a new run tries the summarizer again for the fallback
  });

  it('stops calling a stopped summarizer and marks every remaining paper', async () => {
    const main = scripted((p) => (p.id === '2601.10002' ? new SummarizerStoppedError('insufficient quota') : makeSummary({ summarizer: 'llm' })), false);
    const fallback = scripted(() => makeSummary({ summarizer: 'builtin' }), false, 'builtin');
    const digest = digestOf(5);
    const stats = await summarizeDigest(digest, { summarizer: main.summarizer, fallback: fallback.summarizer, store, language: 'en' });
    expect(stats.stopped).toMatch(/insufficient quota/);
    expect(main.seen.calls).toBe(3);
    expect(statuses(digest)).toEqual(['ok', 'ok', 'fallback', 'fallback', 'fallback']);
    expect(digest.sections[0]!.entries[4]!.summary!.meta.reason).toMatch(/summarizer stopped/);
  });

  it('stops summarizing, without rejecting, when the store cannot save a summary (locked by another writer)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-summarize-lock-'));
    const file = path.join(dir, 'store.sqlite');
    const locked = sqliteStore({ path: file, busyTimeoutMs: 50 });
    const other = new Database(file);
    try {
      // Another process takes the write lock while the third paper is being summarized.
      const main = scripted((p) => (p.id === '2601.10002' && other.exec('BEGIN IMMEDIATE'), makeSummary({ summarizer: 'llm' })), false);
      const fallback = scripted(() => makeSummary({ summarizer: 'builtin' }), false, 'builtin');
      const digest = digestOf(5);
      const stats = await summarizeDigest(digest, { summarizer: main.summarizer, fallback: fallback.summarizer, store: locked, language: 'en' });
      expect(stats.stopped).toMatch(/^the store could not save summaries: .*locked by another process/);
      expect(main.seen.calls).toBe(3);
      expect(statuses(digest)).toEqual(['ok', 'ok', 'ok', 'fallback', 'fallback']);
      expect(digest.sections[0]!.entries[4]!.summary!.meta.reason).toMatch(/summarizer stopped: the store could not save/);
      expect(stats.problems.filter((p) => p.code === 'E_STORE')).toHaveLength(1);
      other.exec('ROLLBACK');
      expect((await locked.getSummaries([summaryKey(digest.sections[0]!.entries[0]!.paper, main.summarizer, 'en')])).size).toBe(1);
    } finally {
      other.close();
      await locked.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks a paper failed, with empty fields and the reason, when there is no fallback', async () => {
    const main = scripted(() => new ConfigError('model not found'));
    const digest = digestOf(1);
    const stats = await summarizeDigest(digest, { summarizer: main.summarizer, store, language: 'en' });
    const result = digest.sections[0]!.entries[0]!.summary!;
    expect(result.meta).toMatchObject({ status: 'failed', reason: expect.stringMatching(/model not found/) });
    expect(Object.values(result.summary).every((v) => v === '')).toBe(true);
    expect(stats.byStatus.failed).toBe(1);
  });

  it('only reuses stored summaries in cache-only mode', async () => {
    const main = scripted(() => makeSummary());
    await summarizeDigest(digestOf(2), { summarizer: main.summarizer, store, language: 'en' });
    const digest = digestOf(3);
    await summarizeDigest(digest, { summarizer: main.summarizer, store, language: 'en', cacheOnly: true });
    expect(statuses(digest)).toEqual(['ok', 'ok', 'failed']);
    expect(main.seen.calls).toBe(2);
  });
});
