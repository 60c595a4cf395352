/**
 * The package as a library: everything is imported from the package entry (src/index.ts), as a consumer would,
 * and a whole day runs through `runDay` and `rank` the way `preprint-digest run --rank` does — with nothing
 * written to stdout or stderr.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import * as lib from '../../src/index.js';

const SAMPLE = path.resolve('data/sample/rss-cs.LG+stat.ML-2026-01-30.xml');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

it('runs and ranks a day through the public entry point, quietly', async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-library-'));
  const out = vi.spyOn(process.stdout, 'write');
  const err = vi.spyOn(process.stderr, 'write');
  const store = await lib.openStore(path.join(dir, 'store.sqlite'));
  try {
    const profile = lib.parseProfile({ keywords: [{ term: 'diffusion', weight: 2 }] });
    const fetch: lib.FetchOptions = {
      categories: ['cs.LG', 'stat.ML'],
      announceTypes: ['new', 'cross'],
      feedFile: SAMPLE,
      rssUrl: 'http://127.0.0.1:9',
      apiUrl: 'http://127.0.0.1:9',
      listUrl: 'http://127.0.0.1:9',
      contact: null,
      minIntervalMs: 3000,
      timeoutMs: 1000,
      retries: 0,
    };
    const summarizer = lib.createBuiltinSummarizer();
    const result = await lib.runDay(
      { fetch, summarize: { summarizer, language: 'en' }, out: dir, rank: { profile, top: 5 } },
      { store, recorder: lib.createRunRecorder('run', fetch.categories) },
    );
    expect(result.stopped).toBeNull();
    expect(result.report.counts).toMatchObject({ fetched: 189 });
    const markdown = readFileSync(result.files.markdown, 'utf8');
    expect(markdown).toContain('- [cs.LG](#cs.LG) [Total: 172]');
    expect(markdown).toContain('## For you');
    const firstForYou = /## For you\n\n[^\n]*\n\n?[^[]*\[([^\]]+)\]/.exec(markdown)?.[1] ?? '';
    expect(firstForYou.toLowerCase()).toContain('diffusion');
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
  } finally {
    await store.close();
  }
});

it('exports error classes with codes that map to the documented exit codes', () => {
  const e = new lib.UsageError('bad flag');
  expect(e).toBeInstanceOf(lib.DigestError);
  expect(lib.exitCodeFor(e)).toBe(2);
  expect(lib.exitCodeFor(new lib.SummarizerStoppedError('quota'))).toBe(5);
  expect(typeof lib.rank).toBe('function');
});
