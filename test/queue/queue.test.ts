/**
 * The run side and the worker side of the queue together, in one process: real Redis, the real LLM summarizer
 * against the local fake endpoint, one SQLite file opened by the run and by each worker separately (as
 * separate processes would). The multi-process scenarios (kill -9, rate limit, CLI) are in cluster.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSummaryQueue } from '../../src/queue/run.js';
import type { OpenQueueOptions } from '../../src/queue/run.js';
import { queueStatus } from '../../src/queue/status.js';
import type { SummaryQueue } from '../../src/queue/types.js';
import { startWorker } from '../../src/queue/worker.js';
import type { QueueWorker } from '../../src/queue/worker.js';
import { parseFeed } from '../../src/sources/index.js';
import sqliteStore from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { createBuiltinSummarizer } from '../../src/summarize/builtin/index.js';
import { summarizeDigest, summaryKey } from '../../src/summarize/index.js';
import { createLlmSummarizer } from '../../src/summarize/llm/index.js';
import type { Paper } from '../../src/types.js';
import { makeDigest, makeEntry } from '../fixtures/render/entries.js';
import { REPO, tempDir } from '../helpers/cli.js';
import { ANSWER, everyRequest, scenarios, startFakeLlm } from '../helpers/fake-llm.js';
import type { FakeLlm } from '../helpers/fake-llm.js';
import { redisTestUrl, services, dropRedisKeys } from '../helpers/services.js';

const PREFIX = `pd-test-queue-${process.pid}`;
const N = 12;
const papers: Paper[] = parseFeed(readFileSync(path.join(REPO, 'data/sample/rss-cs.LG+stat.ML-2026-01-30.xml'), 'utf8')).items.slice(0, N).map((i) => i.paper);
const llm = (fake: FakeLlm) => createLlmSummarizer({ baseUrl: fake.url, model: 'fake-model', concurrency: 4, capabilitiesFile: null, policy: { retries: 0, backoffBaseMs: 10 } });
const FAST_JOBS: OpenQueueOptions = { jobOptions: { attempts: 2, backoff: { type: 'fixed', delay: 100 } }, pollMs: 100 };

let fake: FakeLlm;
let dbPath: string;
let runStore: Store;
let workers: { worker: QueueWorker; store: Store }[] = [];
let queues: SummaryQueue[] = [];
let testNo = 0;
let url = '';

beforeAll(async () => {
  if (!services.redis) return;
  fake = await startFakeLlm({ latencyMs: 20 });
  dbPath = path.join(tempDir('pd-queue-'), 'db.sqlite');
  runStore = sqliteStore({ path: dbPath });
  await runStore.upsertPapers(papers);
});

afterEach(async () => {
  await Promise.all(workers.map(async (w) => (await w.worker.close(true), await w.store.close())));
  await Promise.all(queues.map((q) => q.close()));
  workers = [];
  queues = [];
});

afterAll(async () => {
  if (!services.redis) return;
  await runStore.close();
  await fake.close();
  await dropRedisKeys(PREFIX);
});

/** A fresh prefix per test: its own queues, stop flag and rate window. */
function freshUrl(): string {
  url = redisTestUrl(`${PREFIX}-${++testNo}`);
  return url;
}

async function addWorker(options: { fallback?: boolean } = {}): Promise<QueueWorker> {
  const store = sqliteStore({ path: dbPath });
  const fallback = options.fallback === false ? undefined : createBuiltinSummarizer();
  const worker = await startWorker({ queueUrl: url, store, summarizer: llm(fake), fallback, concurrency: 3, renewSummarizer: async () => llm(fake) });
  workers.push({ worker, store });
  return worker;
}

async function openQueue(options: OpenQueueOptions = FAST_JOBS): Promise<SummaryQueue> {
  const q = await openSummaryQueue(url, options);
  queues.push(q);
  return q;
}

function itemsFor(ps: readonly Paper[], language = 'en') {
  const id = llm(fake);
  return { items: ps.map((paper) => ({ paper, key: summaryKey(paper, id, language) })), options: { summarizer: id, language, store: runStore } };
}

describe.skipIf(!services.redis)('summaries on the queue', () => {
  it('summarizes each paper once on two workers, even when two runs enqueue the same papers at once', async () => {
    freshUrl();
    fake.use(ANSWER);
    fake.reset();
    await Promise.all([addWorker(), addWorker()]);
    const { items, options } = itemsFor(papers, 'en');
    const [a, b] = await Promise.all([(await openQueue()).summarize(items, options), (await openQueue()).summarize(items, options)]);
    for (const outcome of [a, b]) {
      expect(outcome.failures.size).toBe(0);
      expect(outcome.stopped).toBeNull();
      expect([...outcome.summaries.values()].map((s) => s.meta.status)).toEqual(Array(N).fill('ok'));
    }
    expect(fake.calls).toBe(N);
    const counts = workers.map((w) => w.worker.counts());
    expect(counts.reduce((n, c) => n + c.ok, 0)).toBe(N);
    expect(counts.every((c) => c.ok > 0)).toBe(true);
    // A third run finds every summary stored: no job, no call.
    const progress: number[] = [];
    const again = await (await openQueue()).summarize(items, { ...options, onProgress: (done) => progress.push(done) });
    expect(again.summaries.size).toBe(N);
    expect(fake.calls).toBe(N);
    expect(progress).toEqual([N]);
  });

  it('ends jobs that exhaust their retries as marked fallbacks', async () => {
    freshUrl();
    fake.use(everyRequest(scenarios.server500()));
    fake.reset();
    await addWorker();
    const { items, options } = itemsFor(papers.slice(0, 4), 'en-GB');
    const outcome = await (await openQueue()).summarize(items, options);
    expect(outcome.failures.size).toBe(0);
    for (const s of outcome.summaries.values()) {
      expect(s.meta).toMatchObject({ status: 'fallback', summarizer: 'builtin' });
      expect(s.meta.reason).toMatch(/after 2 attempts/);
      expect(s.summary.tldr.length).toBeGreaterThan(0);
    }
    expect(fake.calls).toBe(4 * 2);
  });

  it('gives a job that failed for good its fallback in the run, and retries it in the next run', async () => {
    freshUrl();
    fake.use(everyRequest(scenarios.server500()));
    fake.reset();
    await addWorker({ fallback: false });
    const digestOf = () => makeDigest([['cs.LG', papers.slice(4, 8).map((paper) => makeEntry({ summary: null }, paper))]]);
    const stage = { summarizer: llm(fake), fallback: createBuiltinSummarizer(), store: runStore, language: 'de', queue: await openQueue() };
    const first = digestOf();
    const stats = await summarizeDigest(first, stage);
    expect(stats.byStatus).toEqual({ ok: 0, fallback: 4, failed: 0 });
    for (const e of first.sections[0]!.entries) expect(e.summary?.meta.reason).toMatch(/HTTP 500|server/i);
    expect(stats.problems).toHaveLength(4);
    fake.use(ANSWER);
    const second = digestOf();
    const again = await summarizeDigest(second, stage);
    expect(again.byStatus).toEqual({ ok: 4, fallback: 0, failed: 0 });
    expect(second.sections[0]!.entries.every((e) => e.summary?.meta.summarizer === 'llm')).toBe(true);
  });

  it('stops waiting with a clear reason when no worker serves the queue, and the papers get fallbacks', async () => {
    freshUrl();
    const digest = makeDigest([['cs.LG', papers.slice(8, 11).map((paper) => makeEntry({ summary: null }, paper))]]);
    const queue = await openQueue({ ...FAST_JOBS, idleTimeoutMs: 800 });
    const t0 = performance.now();
    const stats = await summarizeDigest(digest, { summarizer: llm(fake), fallback: createBuiltinSummarizer(), store: runStore, language: 'fr', queue });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(stats.stopped).toMatch(/no worker took the queue's jobs for 0\.8 s \(3 left\): start `preprint-digest worker`/);
    expect(stats.byStatus).toEqual({ ok: 0, fallback: 3, failed: 0 });
    const waiting = (await queueStatus(url)).queues[0];
    expect(waiting).toMatchObject({ summarizer: expect.stringMatching(/^llm\/fake-model\//), counts: { waiting: 3, active: 0, completed: 0, failed: 0 }, workers: [] });
    // The jobs stay queued: a worker started later does them, and the next run finds them stored.
    fake.use(ANSWER);
    fake.reset();
    await addWorker();
    const again = makeDigest([['cs.LG', papers.slice(8, 11).map((paper) => makeEntry({ summary: null }, paper))]]);
    const next = await summarizeDigest(again, { summarizer: llm(fake), store: runStore, language: 'fr', queue });
    expect(next.byStatus.ok).toBe(3);
    expect(fake.calls).toBe(3);
    const done = (await queueStatus(url)).queues[0];
    expect(done).toMatchObject({ counts: { waiting: 0, completed: 3 }, workers: [workers[0]!.worker.name] });
  });

  it('says at once when only workers of other summarizer settings are connected, and names them when it gives up', async () => {
    freshUrl();
    const store = sqliteStore({ path: dbPath });
    workers.push({ worker: await startWorker({ queueUrl: url, store, summarizer: createBuiltinSummarizer(), concurrency: 1 }), store });
    const notices: { line: string; ms: number }[] = [];
    const t0 = performance.now();
    const queue = await openQueue({ ...FAST_JOBS, idleTimeoutMs: 1500, onNotice: (line) => notices.push({ line, ms: performance.now() - t0 }) });
    const { items, options } = itemsFor(papers.slice(0, 2), 'de');
    const outcome = await queue.summarize(items, options);
    expect(notices.map((n) => n.line)).toEqual([
      expect.stringMatching(/^no worker serves this run's summarizer \(llm\/fake-model\/[^)]+\): 1 worker connected serves builtin\/\S+ instead; start `preprint-digest worker` with the run's summarizer settings and the same --queue \(waiting up to 1\.5 s for one\)$/),
    ]);
    expect(notices[0]!.ms).toBeLessThan(1000);
    expect(outcome.stopped).toMatch(/^no worker took the queue's jobs for 1\.5 s \(2 left\): .*; 1 worker connected serves builtin\/\S+ instead$/);
    expect(outcome.summaries.size).toBe(0);
  });

  it('stops waiting after --queue-timeout-ms even while a worker is busy, and the papers get fallbacks', async () => {
    freshUrl();
    fake.use(everyRequest({ kind: 'slowHeaders', ms: 4000 }));
    fake.reset();
    await addWorker();
    const digest = makeDigest([['cs.LG', papers.slice(0, 2).map((paper) => makeEntry({ summary: null }, paper))]]);
    const queue = await openQueue({ ...FAST_JOBS, timeoutMs: 1200 });
    const t0 = performance.now();
    const stats = await summarizeDigest(digest, { summarizer: llm(fake), fallback: createBuiltinSummarizer(), store: runStore, language: 'ko', queue });
    expect(performance.now() - t0).toBeLessThan(3500);
    expect(stats.stopped).toMatch(/the workers had not finished after 1\.2 s \(--queue-timeout-ms; 2 left, still queued\)/);
    expect(stats.byStatus).toEqual({ ok: 0, fallback: 2, failed: 0 });
    expect(fake.calls).toBeGreaterThan(0);
    fake.use(ANSWER);
  });

  it('stops the whole cluster on a quota error, and the next run clears the stop', async () => {
    freshUrl();
    fake.use(everyRequest(scenarios.quota()));
    fake.reset();
    await addWorker();
    const { items, options } = itemsFor(papers, 'es');
    const outcome = await (await openQueue()).summarize(items, options);
    expect(outcome.stopped).toMatch(/quota/);
    expect([...outcome.summaries.values()].every((s) => s.meta.status === 'fallback' && /summarizer stopped/.test(s.meta.reason ?? ''))).toBe(true);
    // Once stopped, a worker calls nobody: at most the jobs already in flight reached the endpoint.
    expect(fake.calls).toBeLessThanOrEqual(6);
    fake.use(ANSWER);
    const next = await (await openQueue()).summarize(items, options);
    expect(next.stopped).toBeNull();
    expect([...next.summaries.values()].every((s) => s.meta.status === 'ok')).toBe(true);
  });
});
