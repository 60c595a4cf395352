/**
 * Distributed summarization (issue 6): a 2,000-paper day through the Redis queue, worker PROCESSES of the built
 * CLI (`worker --concurrency 8`), the fake LLM endpoint at 1 s latency, the PostgreSQL store.
 *  - 1, 2 and 4 workers: wall time from enqueue to all done (as `run --queue` sees it), and scaling efficiency
 *    against the per-worker floor, 2000 / (8 × workers) s;
 *  - 3 workers, one killed with SIGKILL halfway: every paper ok or fallback, each summary row written once
 *    (a trigger logs every insert and update), extra LLM calls against the jobs in flight on the killed worker.
 * Workers are started (and ready) before the clock starts. One run per configuration: the 1-worker run alone
 * takes over four minutes.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openSummaryQueue } from '../src/queue/run.js';
import { parseFeed } from '../src/sources/index.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { summaryKey } from '../src/summarize/index.js';
import type { Paper } from '../src/types.js';
import { findAbstract, startFakeLlm } from '../test/helpers/fake-llm.js';
import type { FakeLlm } from '../test/helpers/fake-llm.js';
import { REPO, largeFeed, round } from './lib.js';

// BENCH_WORKERS_PAPERS: a smaller day for a quick check of the harness (the figures reported use 2,000).
const PAPERS = Number(process.env.BENCH_WORKERS_PAPERS ?? 2000);
const CONCURRENCY = 8;
const LATENCY_MS = 1000;
const REDIS = { host: '127.0.0.1', port: 6379 };
const PG_ADMIN = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLI = path.join(REPO, 'dist/cli/main.js');
const prefix = `pd-bench-workers-${process.pid}`;

interface Worker {
  name: string;
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

interface Env {
  fake: FakeLlm;
  dbUrl: string;
  papers: Paper[];
  cache: string;
}

function spawnWorker(env: Env, queueUrl: string, name: string): Worker {
  const vars = { PATH: process.env.PATH ?? '', HOME: env.cache, XDG_CACHE_HOME: env.cache, OPENAI_BASE_URL: env.fake.url, OPENAI_API_KEY: 'sk-bench', PREPRINT_DIGEST_MODEL: 'fake-model' };
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', queueUrl, '--db', env.dbUrl, '--concurrency', String(CONCURRENCY), '--name', name], { env: vars, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  return { name, child, log: () => text, exited: new Promise((resolve) => child.on('close', resolve)) };
}

async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!(await test())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh database with the day's papers and a log of every summary row written. */
async function prepareDatabase(papers: Paper[]): Promise<string> {
  const name = `pd_bench_workers_${process.pid}`;
  await sql(PG_ADMIN, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await sql(PG_ADMIN, `CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  await store.upsertPapers(papers);
  await store.close();
  await sql(url.toString(), `CREATE TABLE summary_writes (key text NOT NULL);
    CREATE FUNCTION log_summary_write() RETURNS trigger AS $$ BEGIN INSERT INTO summary_writes VALUES (NEW.key); RETURN NEW; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER summary_writes AFTER INSERT OR UPDATE ON summaries FOR EACH ROW EXECUTE FUNCTION log_summary_write();`);
  return url.toString();
}

interface RoundResult {
  wall_s: number;
  ok: number;
  fallback: number;
  failedJobs: number;
  llmCalls: number;
  writes: { rows: number; writtenMoreThanOnce: number };
  killed?: { afterDone: number; inFlight: number };
}

/** LLM calls per paper in the last round (a paper the checks reject is asked up to three times in every round). */
function callsPerPaper(fake: FakeLlm): Map<string, number> {
  const calls = new Map<string, number>();
  for (const q of fake.requests) {
    const paper = q.path === '/v1/chat/completions' ? findAbstract(q.body) : null;
    if (paper) calls.set(paper, (calls.get(paper) ?? 0) + 1);
  }
  return calls;
}

/** One configuration: `workers` processes, the day enqueued, optionally one worker killed at `killAt` papers done. */
async function oneRound(env: Env, workers: number, killAt?: number): Promise<RoundResult> {
  const tag = `w${workers}${killAt ? 'k' : ''}`;
  const queueUrl = `redis://${REDIS.host}:${REDIS.port}/0?prefix=${prefix}-${tag}`;
  await sql(env.dbUrl, 'TRUNCATE summaries; TRUNCATE summary_writes');
  const procs = Array.from({ length: workers }, (_, i) => spawnWorker(env, queueUrl, `${tag}-${i + 1}`));
  await until('workers ready', () => procs.every((p) => /ready on/.test(p.log())));
  const queueName = /\(queue (summaries-[0-9a-f]+),/.exec(procs[0]!.log())?.[1] as string;
  const store: Store = await openStore(env.dbUrl);
  const queue = await openSummaryQueue(queueUrl);
  env.fake.reset();
  let killed: RoundResult['killed'];
  let killing: Promise<void> | null = null;
  const summarizer = { name: 'llm' as const, model: 'fake-model', version: versionOf(procs[0]!.log()) };
  const items = env.papers.map((paper) => ({ paper, key: summaryKey(paper, summarizer, 'en') }));
  const t0 = performance.now();
  const outcome = await queue.summarize(items, {
    summarizer,
    language: 'en',
    store,
    onProgress: (done) => {
      if (killAt && !killing && done >= killAt) killing = kill(procs[0]!, queueUrl, queueName, done).then((k) => void (killed = k));
    },
  });
  const wall = (performance.now() - t0) / 1000;
  await killing;
  const statuses = [...outcome.summaries.values()].map((s) => s.meta.status);
  const writes = await sql<{ n: string }>(env.dbUrl, 'SELECT count(*) AS n FROM summary_writes GROUP BY key');
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  await queue.close();
  await store.close();
  return {
    wall_s: round(wall),
    ok: statuses.filter((s) => s === 'ok').length,
    fallback: statuses.filter((s) => s === 'fallback').length,
    failedJobs: outcome.failures.size,
    llmCalls: env.fake.calls,
    writes: { rows: writes.length, writtenMoreThanOnce: writes.filter((w) => Number(w.n) > 1).length },
    killed,
  };
}

/** SIGKILL a worker, then count the jobs it held (still marked active by it until the stalled check). */
async function kill(w: Worker, queueUrl: string, queueName: string, done: number): Promise<{ afterDone: number; inFlight: number }> {
  w.child.kill('SIGKILL');
  const q = new Queue(queueName, { connection: REDIS, prefix: new URL(queueUrl).searchParams.get('prefix') as string });
  const inFlight = (await q.getActive()).filter((j) => j.processedBy === w.name).length;
  await q.close();
  return { afterDone: done, inFlight };
}

/** The summarizer version a worker logs (`llm/fake-model/<version>`), so the bench computes the same keys. */
function versionOf(log: string): string {
  const v = /llm\/fake-model\/([^)]+)\)/.exec(log)?.[1];
  if (!v) throw new Error(`bench: no summarizer label in the worker log: ${log}`);
  return v;
}

export async function workersBenchmark(): Promise<Record<string, unknown>> {
  const papers = parseFeed(largeFeed(PAPERS)).items.map((i) => i.paper);
  const fake = await startFakeLlm({ latencyMs: LATENCY_MS });
  const dbUrl = await prepareDatabase(papers);
  const env: Env = { fake, dbUrl, papers, cache: mkdtempSync(path.join(tmpdir(), 'pd-bench-workers-')) };
  try {
    const scaling: Record<string, unknown> = {};
    for (const workers of [1, 2, 4]) {
      const r = await oneRound(env, workers);
      const floor = PAPERS / (CONCURRENCY * workers);
      scaling[`workers_${workers}`] = { ...r, floor_s: round(floor), efficiency: round(floor / r.wall_s, 3) };
      console.error(`workers ${workers}: ${JSON.stringify(scaling[`workers_${workers}`])}`);
    }
    // The same papers take the same calls in every round (re-asks included): the last round is the baseline.
    const baseline = callsPerPaper(fake);
    const kill = await oneRound(env, 3, PAPERS / 2);
    const again = [...callsPerPaper(fake)].filter(([paper, n]) => n > (baseline.get(paper) ?? 0));
    const extra = { extraLlmCalls: kill.llmCalls - (scaling.workers_4 as RoundResult).llmCalls, papersAskedAgain: again.length };
    const killed = { ...kill, ...extra };
    console.error(`kill one of 3: ${JSON.stringify(killed)}`);
    return { papers: PAPERS, llm_latency_ms: LATENCY_MS, concurrency_per_worker: CONCURRENCY, store: 'postgres', runs: 1, scaling, kill_one_of_3: killed };
  } finally {
    await fake.close();
    await sql(PG_ADMIN, `DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}
