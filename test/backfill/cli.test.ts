// The built CLI's backfill and import-kaggle against a local fake OAI-PMH repository and fixture files,
// including a backfill killed with SIGKILL mid-harvest that the next run finishes from the saved token.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harvestStateKey, harvestedIdsKey } from '../../src/backfill/index.js';
import { importStateKey } from '../../src/backfill/kaggle.js';
import { intervalFor } from '../../src/cli/commands/backfill.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { openStore } from '../../src/store/index.js';
import { startArxivServer } from '../helpers/arxiv-server.js';
import type { ArxivServer } from '../helpers/arxiv-server.js';
import { CLI, runCli, tempDir } from '../helpers/cli.js';
import { redisTestUrl, services } from '../helpers/services.js';
import { fakeRecords, oaiRoute } from './oai-server.js';

const SAMPLE = fileURLToPath(new URL('../fixtures/kaggle/arxiv-metadata-sample.jsonl', import.meta.url));
let dir: string;
let server: ArxivServer | null = null;

beforeEach(() => {
  dir = tempDir('pd-backfill-cli-');
});
afterEach(async () => {
  await server?.close();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

/** Every arXiv host pointed at `url` (so the 3 s arXiv floor does not apply), fast and without retries. */
function env(url: string): Record<string, string> {
  return {
    PREPRINT_DIGEST_OAI_URL: `${url}/oai`,
    PREPRINT_DIGEST_RSS_URL: url,
    PREPRINT_DIGEST_API_URL: url,
    PREPRINT_DIGEST_LIST_URL: url,
    PREPRINT_DIGEST_MIN_INTERVAL_MS: '0',
    PREPRINT_DIGEST_RETRIES: '0',
  };
}

describe('preprint-digest backfill', () => {
  it('harvests from PREPRINT_DIGEST_OAI_URL with progress lines, and refuses bad dates with exit 2', async () => {
    server = await startArxivServer({ '/oai': oaiRoute(fakeRecords(12), { pageSize: 5 }) });
    const db = path.join(dir, 'd.sqlite');
    const r = await runCli(['backfill', '--categories', 'cs.LG', '--from', '2024-01-01', '--to', '2024-03-01', '--via', 'oai', '--db', db], { env: env(server.url) });
    expect(r.stderr).toMatch(/backfill: oai cs:cs:LG page 1: 5 papers/);
    expect(r.stdout).toMatch(/^backfilled 12 papers in 3 pages via oai \(cs:cs:LG\)/);
    expect(r.code).toBe(0);
    const bad = await runCli(['backfill', '--categories', 'cs.LG', '--from', '2024-13-01', '--to', '2024-03-01', '--db', db], { env: env(server.url) });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['preprint-digest: --from must be a date like 2024-01-31, got "2024-13-01"']);
  });

  it('a range that starts after today is harvested as asked, with a warning that arXiv has nothing there yet', async () => {
    server = await startArxivServer({ '/oai': oaiRoute([], { pageSize: 5 }) });
    const r = await runCli(['backfill', '--categories', 'cs.LG', '--from', '2999-01-01', '--to', '2999-01-31', '--via', 'oai', '--db', path.join(dir, 'f.sqlite')], { env: env(server.url) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^backfill: --from 2999-01-01 is after today \(\d{4}-\d{2}-\d{2}, UTC\): arXiv has no papers there yet$/m);
  });

  it('spaces requests by the host the backfill talks to: 3 s for arXiv, as asked for another server', () => {
    const local = env('http://127.0.0.1:1');
    expect(intervalFor(resolveConfig({ env: local }), 'oai')).toBe(0);
    const { PREPRINT_DIGEST_OAI_URL: _, ...rest } = local;
    expect(intervalFor(resolveConfig({ env: rest }), 'oai')).toBe(3000);
    // The feed, API and listing hosts left at arXiv's do not slow a harvest from another OAI-PMH server ...
    const oaiOnly = { PREPRINT_DIGEST_OAI_URL: 'http://127.0.0.1:1/oai', PREPRINT_DIGEST_MIN_INTERVAL_MS: '100' };
    expect(intervalFor(resolveConfig({ env: oaiOnly }), 'oai')).toBe(100);
    // ... but the export API is arXiv's on the api path.
    expect(intervalFor(resolveConfig({ env: oaiOnly }), 'api')).toBe(3000);
    expect(intervalFor(resolveConfig({ env: { ...oaiOnly, PREPRINT_DIGEST_API_URL: 'http://127.0.0.1:1' } }), 'api')).toBe(100);
  });

  it.skipIf(!services.redis)('--summarize --queue: the backfilled papers get summaries from a worker', { timeout: 60_000 }, async () => {
    server = await startArxivServer({ '/oai': oaiRoute(fakeRecords(8), { pageSize: 5 }) });
    const db = path.join(dir, 'q.sqlite');
    const queue = redisTestUrl(`pd-test-backfill-cli-${process.pid}`);
    const worker = spawn(process.execPath, [CLI, 'worker', '--queue', queue, '--db', db, '--summarizer', 'builtin', '--name', 'bf'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    worker.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      const r = await runCli(['backfill', '--categories', 'cs.LG', '--from', '2024-01-01', '--to', '2024-03-01', '--via', 'oai', '--db', db, '--summarize', '--queue', queue, '--summarizer', 'builtin'], { env: env(server.url), timeoutMs: 50_000 });
      expect(r.code, `${r.stderr}\n${log}`).toBe(0);
      expect(r.stdout).toMatch(/summaries via redis:\/\/.*: 8 ok, 0 fallback, 0 missing/);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.on('close', resolve));
      await runCli(['status', '--queue', queue, '--obliterate']);
    }
  });

  it.skipIf(!services.redis)('--summarize killed mid-harvest and run again summarizes the papers of the earlier pages too', { timeout: 60_000 }, async () => {
    const route = oaiRoute(fakeRecords(12), { pageSize: 5 });
    let hold = true;
    server = await startArxivServer({ '/oai': (req, call) => ({ ...route(req, call), ...(hold && call === 2 ? { delayMs: 30_000 } : {}) }) });
    const db = path.join(dir, 'k.sqlite');
    const queue = redisTestUrl(`pd-test-backfill-kill-${process.pid}`);
    const args = ['backfill', '--categories', 'cs.LG', '--from', '2024-01-01', '--to', '2024-03-01', '--via', 'oai', '--db', db, '--summarize', '--queue', queue, '--summarizer', 'builtin'];
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env(server.url) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('page 2:')) child.kill('SIGKILL');
    });
    await exited;
    hold = false;
    const worker = spawn(process.execPath, [CLI, 'worker', '--queue', queue, '--db', db, '--summarizer', 'builtin', '--name', 'bk'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    worker.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      const r = await runCli(args, { env: env(server.url), timeoutMs: 50_000 });
      expect(r.code, `${r.stderr}\n${log}`).toBe(0);
      expect(r.stdout).toMatch(/backfilled 2 papers in 1 page via oai .*resumed/);
      expect(r.stdout).toMatch(/summaries via redis:\/\/.*: 12 ok, 0 fallback, 0 missing/);
      const s = await openStore(db);
      const summarized = await s.summariesOfPapers((await s.listPapers({ limit: 100 })).map((p) => ({ id: p.id, version: p.version })));
      expect(new Set(summarized.map((x) => x.paperId)).size).toBe(12);
      // The list of harvested ids is gone once the summaries were enqueued.
      expect(await s.getState(harvestedIdsKey(['cs.LG'], '2024-01-01', '2024-03-01'))).toBeNull();
      await s.close();
    } finally {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.on('close', resolve));
      await runCli(['status', '--queue', queue, '--obliterate']);
    }
  });

  it('Ctrl-C finishes the page in hand, saves its place, says so and exits 130; the same command finishes', async () => {
    const records = fakeRecords(20);
    const route = oaiRoute(records, { pageSize: 5 });
    // The third page comes late, so the interrupt lands while it is in hand.
    server = await startArxivServer({ '/oai': (req, call) => ({ ...route(req, call), ...(call === 2 ? { delayMs: 800 } : {}) }) });
    const db = path.join(dir, 'd.sqlite');
    const args = ['backfill', '--categories', 'cs.LG', '--from', '2024-01-01', '--to', '2024-03-01', '--via', 'oai', '--db', db];
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env(server.url) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // Once: a second Ctrl-C stops at once.
      if (stderr.includes('page 2:') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, `${stderr}\n${stdout}`).toBe(130);
    expect(stdout).toMatch(/^stopped after 15 papers in 3 pages via oai .*; run the same command again to continue/);
    const r = await runCli(args, { env: env(server.url) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/backfilled 5 papers in 1 page via oai .*resumed/);
  });

  it('--summarize without a queue is refused with exit 2 before anything is fetched', async () => {
    const r = await runCli(['backfill', '--categories', 'cs.LG', '--from', '2024-01-01', '--to', '2024-01-02', '--summarize', '--db', path.join(dir, 'x.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--summarize enqueues summaries .* pass --queue redis:/) as string]);
  });

  it('fails with exit 4 and one line when the OAI-PMH server cannot be reached', async () => {
    const gone = await startArxivServer();
    const url = gone.url;
    await gone.close();
    const r = await runCli(['backfill', '--categories', 'cs', '--from', '2024-01-01', '--to', '2024-01-02', '--db', path.join(dir, 'd.sqlite')], { env: env(url) });
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/could not reach 127\.0\.0\.1/);
  });

  it('killed with SIGKILL after page 2, the same command resumes from the saved token; every record stored once', async () => {
    const records = fakeRecords(20);
    const route = oaiRoute(records, { pageSize: 5 });
    let hold = true;
    // The first run's third request hangs, so the kill lands mid-harvest with two pages stored.
    server = await startArxivServer({ '/oai': (req, call) => ({ ...route(req, call), ...(hold && call === 2 ? { delayMs: 30_000 } : {}) }) });
    const db = path.join(dir, 'd.sqlite');
    const args = [CLI, 'backfill', '--categories', 'cs.LG', '--from', '2024-01-01', '--to', '2024-03-01', '--via', 'oai', '--db', db];
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env(server.url) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('page 2:')) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    const key = harvestStateKey('cs:cs:LG', '2024-01-01', '2024-03-01');
    const mid = await openStore(db);
    const token = await mid.getState(key);
    expect(token).toMatch(/skip%3D10/);
    expect(await mid.countPapers()).toBe(10);
    await mid.close();

    hold = false;
    const before = server.requests.length;
    const r = await runCli(args.slice(1), { env: env(server.url) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/backfilled 10 papers in 2 pages via oai .*resumed/);
    expect(server.requests[before]?.query).toEqual({ verb: 'ListRecords', resumptionToken: token });
    const after = await openStore(db);
    const ids = (await after.listPapers({ limit: 100 })).map((p) => p.id);
    expect(ids.sort()).toEqual(records.map((x) => x.id).sort());
    expect(await after.getState(key)).toBeNull();
    await after.close();
  });
});

describe('preprint-digest import-kaggle', () => {
  it('imports a snapshot file, reports malformed lines by number and rebuilds the search index', async () => {
    const db = path.join(dir, 'k.sqlite');
    const r = await runCli(['import-kaggle', SAMPLE, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported 6 of 9 records \(3 malformed\) in [\d.]+ s, \d+ records\/s/);
    expect(r.stdout).toMatch(/search index rebuilt/);
    expect(r.stderr).toMatch(/skipped line 3: not JSON/);
    const s = await openStore(db);
    expect((await s.search!('diphoton production')).map((h) => h.id)).toEqual(['0704.0001']);
    await s.close();
  });

  it('parses in a worker thread many batches ahead of the store without losing or repeating a record', async () => {
    const file = path.join(dir, 'many.jsonl');
    const line = (i: number) =>
      JSON.stringify({ id: `2301.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, authors: 'A. B', categories: i % 2 ? 'cs.LG' : 'hep-th', abstract: `  Abstract\n${i}.\n`, versions: [{ version: 'v1', created: 'Mon, 2 Jan 2023 10:00:00 GMT' }] });
    writeFileSync(file, Array.from({ length: 25_001 }, (_, i) => (i === 12_345 ? '{"id": broken' : line(i))).join('\n'));
    const db = path.join(dir, 'many.sqlite');
    const r = await runCli(['import-kaggle', file, '--db', db, '--no-search-index']);
    expect(r.stdout).toMatch(/^imported 25000 of 25001 records \(1 malformed\)/);
    expect(r.stderr).toMatch(/skipped line 12346: not JSON/);
    const s = await openStore(db);
    const ids = (await s.listPapers({ limit: 30_000 })).map((p) => p.id);
    expect(ids).toHaveLength(25_000);
    expect(ids[0]).toBe('2301.00000');
    expect(ids.at(-1)).toBe('2301.25000');
    expect((await s.getPapers(['2301.24999'])).get('2301.24999')).toMatchObject({ abstract: 'Abstract 24999.', categories: ['cs.LG'] });
    await s.close();
  });

  it('killed with SIGKILL mid-import, the same command carries on after the last stored batch', async () => {
    const file = path.join(dir, 'big.jsonl');
    const abstract = 'We study a problem at some length so that the file takes a while to import. '.repeat(8);
    const line = (i: number) =>
      JSON.stringify({ id: `2302.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, authors: 'A. B', categories: 'cs.LG', abstract, versions: [{ version: 'v1', created: 'Mon, 2 Jan 2023 10:00:00 GMT' }] });
    const total = 60_000;
    writeFileSync(file, Array.from({ length: total }, (_, i) => line(i)).join('\n') + '\n');
    const db = path.join(dir, 'big.sqlite');
    const child = spawn(process.execPath, [CLI, 'import-kaggle', file, '--db', db, '--no-search-index'], { env: { PATH: process.env.PATH ?? '' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill as soon as a stored batch is on record: the import is then somewhere in its first few batches.
    const key = importStateKey(file);
    let saved: string | null | undefined = null;
    for (let tries = 0; !saved && tries < 2000; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const watch = await openStore(db, { searchIndex: 'defer' }).catch(() => null);
      saved = await watch?.getState(key).catch(() => null);
      await watch?.close();
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(saved).toBeTruthy();
    const mid = await openStore(db);
    const stopped = JSON.parse((await mid.getState(key)) as string) as { at: { line: number }; imported: number };
    const storedThen = await mid.countPapers();
    await mid.close();
    expect(stopped.imported).toBeLessThan(total);
    // A batch stored just before the kill may not be on record yet: it is imported again (idempotent).
    expect(storedThen).toBeGreaterThanOrEqual(stopped.imported);

    const r = await runCli(['import-kaggle', file, '--db', db, '--no-search-index']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`carrying on after line ${stopped.at.line}, where an earlier import of this file stopped (${stopped.imported} records stored then`);
    expect(r.stdout).toMatch(new RegExp(`^imported ${total} of ${total} records \\(0 malformed\\)`));
    const after = await openStore(db);
    expect(await after.countPapers()).toBe(total);
    expect(await after.getState(key)).toBeNull();
    await after.close();
  });

  it('Ctrl-C stops after the batch in hand, says so and exits 130; the same command carries on', async () => {
    const file = path.join(dir, 'big.jsonl');
    const line = (i: number) => JSON.stringify({ id: `2302.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, authors: 'A. B', categories: 'cs.LG', abstract: 'Text. '.repeat(100), versions: [{ version: 'v1', created: 'Mon, 2 Jan 2023 10:00:00 GMT' }] });
    const total = 60_000;
    writeFileSync(file, Array.from({ length: total }, (_, i) => line(i)).join('\n') + '\n');
    const db = path.join(dir, 'big.sqlite');
    const child = spawn(process.execPath, [CLI, 'import-kaggle', file, '--db', db, '--no-search-index'], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const key = importStateKey(file);
    for (let tries = 0, saved = null as string | null; !saved && tries < 2000; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const watch = await openStore(db, { searchIndex: 'defer' }).catch(() => null);
      saved = (await watch?.getState(key).catch(() => null)) ?? null;
      await watch?.close();
    }
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stdout).toMatch(/^stopped after \d+ of \d+ records \(0 malformed\); run the same command again to continue/);
    const r = await runCli(['import-kaggle', file, '--db', db, '--no-search-index']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/carrying on after line \d+/);
  });

  it('killed during the search index rebuild, the same command only rebuilds the index', async () => {
    const file = path.join(dir, 'big.jsonl');
    const line = (i: number) => JSON.stringify({ id: `2304.${String(i).padStart(5, '0')}`, title: `Paper ${i} on ferrets`, authors: 'A. B', categories: 'cs.LG', abstract: `Word${i} and more words. `.repeat(20), versions: [{ version: 'v1', created: 'Mon, 2 Jan 2023 10:00:00 GMT' }] });
    writeFileSync(file, [...Array.from({ length: 30_000 }, (_, i) => line(i)), '{"broken'].join('\n'));
    const db = path.join(dir, 'big.sqlite');
    const child = spawn(process.execPath, [CLI, 'import-kaggle', file, '--db', db], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/^imported/m.test(stdout)) child.kill('SIGKILL');
    });
    await new Promise((resolve) => child.on('close', resolve));
    expect(stdout).not.toMatch(/search index rebuilt/);
    const mid = await openStore(db, { searchIndex: 'defer' });
    expect(await mid.getState(importStateKey(file))).toBeTruthy();
    await mid.close();

    const r = await runCli(['import-kaggle', file, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/an earlier import read this whole file \(30000 records stored\) but stopped before the end; finishing it/);
    // The file was not read again: its malformed last line is not reported a second time.
    expect(r.stderr).not.toMatch(/skipped line/);
    expect(r.stdout).toMatch(/^imported 30000 of 30001 records \(1 malformed\)[^]*search index rebuilt/);
    const after = await openStore(db);
    expect(await after.getState(importStateKey(file))).toBeNull();
    expect((await after.search!('word29999')).map((h) => h.id)).toEqual(['2304.29999']);
    await after.close();
  });

  it('--no-search-index leaves the index stale; --categories filters; a missing file is exit 2', async () => {
    const db = path.join(dir, 'k.sqlite');
    const r = await runCli(['import-kaggle', SAMPLE, '--db', db, '--no-search-index', '--categories', 'hep-th']);
    expect(r.stdout).toMatch(/imported 1 of 9 records \(3 malformed, 5 outside hep-th\)/);
    expect(r.stdout).toMatch(/search index not rebuilt/);
    const s = await openStore(db);
    expect(await s.getState('store:search-index')).toBe('stale');
    expect(await s.search!('learning machines')).toEqual([]);
    await s.close();
    const missing = await runCli(['import-kaggle', path.join(dir, 'none.jsonl'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an archive filter keeps and finds old papers filed under the bare archive id (astro-ph before 2009)', async () => {
    const file = path.join(dir, 'old-archives.jsonl');
    const rec = (id: string, categories: string, title: string) => JSON.stringify({ id, title, categories, authors: 'A. B', abstract: `${title}.`, versions: [{ version: 'v1', created: 'Mon, 1 Jan 2001 10:00:00 GMT' }] });
    writeFileSync(file, [rec('astro-ph/0101001', 'astro-ph', 'Old galaxies'), rec('0801.0001', 'astro-ph', 'Galaxies of 2008'), rec('0901.0001', 'astro-ph.GA', 'Galaxies split'), rec('cond-mat/0101001', 'cond-mat', 'Old electrons')].join('\n'));
    const db = path.join(dir, 'old-archives.sqlite');
    const r = await runCli(['import-kaggle', file, '--db', db, '--categories', 'astro-ph', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^imported 3 of 4 records \(0 malformed, 1 outside astro-ph\)/);
    const all = path.join(dir, 'old-archives-all.sqlite');
    expect((await runCli(['import-kaggle', file, '--db', all, '--progress', 'none'])).code).toBe(0);
    const found = await runCli(['search', 'galaxies', '--db', all, '--categories', 'astro-ph', '--json']);
    expect(found.code, found.stderr).toBe(0);
    expect((JSON.parse(found.stdout) as { id: string }[]).map((h) => h.id).sort()).toEqual(['0801.0001', '0901.0001', 'astro-ph/0101001']);
    const condMat = await runCli(['search', 'electrons', '--db', all, '--categories', 'cond-mat', '--json']);
    expect((JSON.parse(condMat.stdout) as { id: string }[]).map((h) => h.id)).toEqual(['cond-mat/0101001']);
  });

  it('refuses a folder and a compressed download in one line, and fails when no record could be read', async () => {
    const db = path.join(dir, 'k.sqlite');
    const snapshot = readFileSync(SAMPLE);
    writeFileSync(path.join(dir, 'snap.json.gz'), gzipSync(snapshot));
    writeFileSync(path.join(dir, 'snap.zip'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), snapshot]));
    for (const [file, message] of [
      [dir, `${dir} is a folder: give the snapshot file`],
      [path.join(dir, 'snap.json.gz'), 'snap.json.gz is gzip-compressed, not JSON Lines: decompress it first'],
      [path.join(dir, 'snap.zip'), 'snap.zip is a zip archive, not JSON Lines: decompress it first'],
    ]) {
      const r = await runCli(['import-kaggle', file as string, '--db', db, '--progress', 'none']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message as string)]);
    }
    // Binary that is not a known archive: every line malformed, reported without its raw bytes.
    writeFileSync(path.join(dir, 'binary.json'), Buffer.concat([Buffer.from('\x1b[31mred\x01\n'), gzipSync(snapshot).subarray(10, 300), Buffer.from('\n')]));
    const bad = await runCli(['import-kaggle', path.join(dir, 'binary.json'), '--db', db, '--progress', 'none']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/skipped line 1: not JSON/);
    expect(bad.stderr.trim().split('\n').at(-1)).toMatch(/none of the \d+ records of .*binary\.json could be read \(all malformed\)/);
    // eslint-disable-next-line no-control-regex
    expect(bad.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\ufffd]/);
    // Empty, or nothing but blank lines (a failed download): no records is a failure too, not "imported 0".
    for (const [name, text] of [['empty.json', ''], ['blank.json', '\n\n  \n']] as const) {
      writeFileSync(path.join(dir, name), text);
      const none = await runCli(['import-kaggle', path.join(dir, name), '--db', db, '--progress', 'none']);
      expect(none.code, none.stderr + none.stdout).toBe(2);
      expect(none.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`${name} holds no records \\(an empty file\\?\\)`))]);
    }
  });

  it('reads a first record that starts with a UTF-8 byte-order mark', async () => {
    const file = path.join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${readFileSync(SAMPLE, 'utf8')}`);
    const r = await runCli(['import-kaggle', file, '--db', path.join(dir, 'k.sqlite'), '--no-search-index']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^imported 6 of 9 records \(3 malformed\)/);
    expect(r.stderr).not.toMatch(/skipped line 1:/);
  });
});
