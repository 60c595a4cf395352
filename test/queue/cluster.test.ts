/**
 * The cluster as users run it: `run --queue` and `worker` processes of the built CLI, the real Redis and
 * PostgreSQL, the local fake LLM endpoint. A worker killed with SIGKILL mid-run loses nothing and nothing is
 * written twice; a rate limit given to every worker holds at the endpoint; `status` shows workers and failures.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { CLI, REPO, runCli, tempDir } from '../helpers/cli.js';
import { ANSWER, fraction, scenarios, startFakeLlm } from '../helpers/fake-llm.js';
import type { FakeLlm } from '../helpers/fake-llm.js';
import { PG_ADMIN_URL, REDIS_HOST, REDIS_PORT, redisTestUrl, services, dropRedisKeys } from '../helpers/services.js';
import { createTestDatabase } from '../store/postgres-db.js';
import type { TestDatabase } from '../store/postgres-db.js';

const PREFIX = `pd-test-cluster-${process.pid}`;
const both = services.redis && services.postgres;
const SAMPLE = path.join(REPO, 'data/sample/rss-cs.LG+stat.ML-2026-01-30.xml');

/** The sample day cut to its first `n` items, as a feed file. */
function smallFeed(dir: string, n: number): string {
  const xml = readFileSync(SAMPLE, 'utf8');
  const items = xml.match(/<item>[\s\S]*?<\/item>/g) ?? [];
  const file = path.join(dir, `feed-${n}.xml`);
  writeFileSync(file, `${xml.slice(0, xml.indexOf('<item>'))}${items.slice(0, n).join('\n    ')}\n  </channel>\n</rss>\n`);
  return file;
}

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

const procs: Proc[] = [];

function start(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const p = { child, out: () => text, exited };
  procs.push(p);
  return p;
}

async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!(await test())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The most arrivals in any 1-second window [t, t + 1000). */
function peakPerSecond(arrivals: readonly number[]): number {
  let peak = 0;
  for (let i = 0, j = 0; i < arrivals.length; i++) {
    while (arrivals[i]! - arrivals[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

let fake: FakeLlm;
let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  if (!both) return;
  fake = await startFakeLlm({ latencyMs: 1000 });
  db = await createTestDatabase(PG_ADMIN_URL, 'queue');
  dir = tempDir('pd-cluster-');
  // Migrate, then log every row written to summaries (an insert skipped by ON CONFLICT DO NOTHING is not one).
  await (await openStore(db.url)).close();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`CREATE TABLE summary_writes (key text NOT NULL, op text NOT NULL);
    CREATE FUNCTION log_summary_write() RETURNS trigger AS $$ BEGIN INSERT INTO summary_writes VALUES (NEW.key, TG_OP); RETURN NEW; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER summary_writes AFTER INSERT OR UPDATE ON summaries FOR EACH ROW EXECUTE FUNCTION log_summary_write();`);
  await client.end();
});

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  if (!both) return;
  await fake.close();
  await db.drop();
  await dropRedisKeys(PREFIX);
});

const llmEnv = () => ({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test', PREPRINT_DIGEST_MODEL: 'fake-model', XDG_CACHE_HOME: path.join(dir, 'cache') });

async function startWorkers(queue: string, names: string[], extra: string[] = []): Promise<Proc[]> {
  const workers = names.map((name) => start(['worker', '--queue', queue, '--db', db.url, '--concurrency', '3', '--name', name, ...extra], llmEnv()));
  await until('workers ready', () => workers.every((w) => /ready on/.test(w.out())), 30_000);
  return workers;
}

async function writesPerKey(): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const res = await client.query<{ key: string; n: string }>('SELECT key, count(*) AS n FROM summary_writes GROUP BY key');
  await client.end();
  return new Map(res.rows.map((r) => [r.key, Number(r.n)]));
}

describe.skipIf(!both)('a summary cluster of processes', () => {
  it('loses nothing and writes nothing twice when a worker is killed with SIGKILL mid-run', { timeout: 90_000 }, async () => {
    const queue = redisTestUrl(`${PREFIX}-kill`);
    const [victim, ...others] = await startWorkers(queue, ['w1', 'w2', 'w3']);
    fake.reset();
    const out = path.join(dir, 'kill');
    const q = new Queue(queueNameFromLog(victim!.out()), { connection: { host: REDIS_HOST, port: REDIS_PORT }, prefix: `${PREFIX}-kill` });
    const heldBy = async (name: string) => (await q.getActive()).filter((j) => j.processedBy === name).length;
    const run = start(['run', '--feed-file', smallFeed(dir, 60), '--out', out, '--db', db.url, '--queue', queue, '--progress', 'plain'], llmEnv());
    // Kill w1 while it has jobs in flight (once it holds some and answers are under way), then count the jobs it
    // held: they stay marked active by it until their locks expire.
    await until('w1 holding jobs', async () => fake.requests.length >= 10 && (await heldBy('w1')) > 0, 45_000);
    victim!.child.kill('SIGKILL');
    const inFlight = await heldBy('w1');
    await q.close();
    expect(inFlight, victim!.out()).toBeGreaterThan(0);
    const code = await run.exited;
    expect(code, run.out()).toBe(0);
    const records = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(60);
    expect(records.every((r) => ['ok', 'fallback'].includes(r.summary_meta.status))).toBe(true);
    expect(readFileSync(path.join(out, '2026-01-30.md'), 'utf8').match(/^### \[\d+\] /gm)).toHaveLength(60);
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report.llm).toBeUndefined();
    expect(report.queue).toMatchObject({ url: expect.stringContaining(`prefix=${PREFIX}-kill`) as string, summaries: 60 });
    const writes = await writesPerKey();
    expect(writes.size).toBe(60);
    expect([...writes].filter(([, n]) => n !== 1), 'summary rows written more than once').toEqual([]);
    // A job the dead worker held is done again by another; nothing else is asked twice.
    const logs = others.map((w) => w.out()).join('\n');
    expect(fake.calls - 60, `${fake.calls} calls for 60 papers, ${inFlight} jobs in flight on the killed worker; ${logs}`).toBeLessThanOrEqual(inFlight);
    expect(fake.calls).toBeGreaterThanOrEqual(60);
    for (const w of others) w.child.kill('SIGTERM');
    for (const w of others) {
      expect(await w.exited).toBe(0);
      expect(w.out()).toMatch(/worker w\d stopped: \d+ ok/);
    }
  });

  it('keeps a rate limit given to every worker across the cluster, counted at the endpoint', { timeout: 60_000 }, async () => {
    const queue = redisTestUrl(`${PREFIX}-rate`);
    const workers = await startWorkers(queue, ['r1', 'r2', 'r3'], ['--rate-limit', '5/s']);
    fake.reset();
    const r = await runCli(['run', '--feed-file', smallFeed(dir, 30), '--out', path.join(dir, 'rate'), '--db', db.url, '--queue', queue, '--progress', 'none', '--language', 'fr'], { env: llmEnv(), timeoutMs: 50_000 });
    expect(r.code, r.stderr).toBe(0);
    const arrivals = fake.requests.filter((q) => q.path === '/v1/chat/completions').map((q) => q.at).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(30);
    // Any 1-second window [t, t + 1000) holds at most 5 arrivals; the limit binds (some window is full).
    expect(peakPerSecond(arrivals), `arrivals (ms after the first): ${arrivals.map((a) => Math.round(a - arrivals[0]!)).join(' ')}`).toBe(5);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(((30 - 5) / 5) * 1000);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  });

  it('counts retries and re-asks against the rate limit too, at the endpoint', { timeout: 60_000 }, async () => {
    const queue = redisTestUrl(`${PREFIX}-rate-again`);
    const workers = await startWorkers(queue, ['a1', 'a2'], ['--rate-limit', '4/s']);
    fake.reset();
    // Half the papers' first answers come back in the wrong language (a re-ask) or as a 503 (a retry). A language
    // of its own: the papers' summaries are cached in the shared database under a key that includes it.
    fake.use(fraction(0.5, [scenarios.wrongLanguage(), scenarios.server503()]));
    const r = await runCli(['run', '--feed-file', smallFeed(dir, 16), '--out', path.join(dir, 'rate-again'), '--db', db.url, '--queue', queue, '--progress', 'none', '--language', 'pt'], { env: llmEnv(), timeoutMs: 50_000 });
    fake.use(ANSWER);
    expect(r.code, r.stderr).toBe(0);
    const arrivals = fake.requests.filter((q) => q.path === '/v1/chat/completions').map((q) => q.at).sort((a, b) => a - b);
    expect(arrivals.length).toBeGreaterThan(16 + 4);
    expect(peakPerSecond(arrivals), `arrivals (ms after the first): ${arrivals.map((a) => Math.round(a - arrivals[0]!)).join(' ')}`).toBeLessThanOrEqual(4);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  });

  it("stops the cluster's LLM calls when a worker's token budget is spent; the run exits 5 with every paper", { timeout: 60_000 }, async () => {
    const queue = redisTestUrl(`${PREFIX}-budget`);
    const [worker] = await startWorkers(queue, ['b1'], ['--max-tokens-per-run', '1']);
    fake.reset();
    const out = path.join(dir, 'budget');
    const r = await runCli(['run', '--feed-file', smallFeed(dir, 12), '--out', out, '--db', db.url, '--queue', queue, '--progress', 'none', '--language', 'es'], { env: llmEnv(), timeoutMs: 50_000 });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/budget/i);
    const records = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(12);
    const fallbacks = records.filter((x) => x.summary_meta.status === 'fallback');
    expect(fallbacks.length).toBeGreaterThan(0);
    for (const f of fallbacks) expect(f.summary_meta.reason).toMatch(/budget/i);
    // Only the papers already under way when the budget ran out (at most --concurrency 3) reached the endpoint.
    expect(fake.calls).toBeLessThanOrEqual(3);
    worker!.child.kill('SIGTERM');
    expect(await worker!.exited).toBe(0);
  });

  it('on Ctrl-C while waiting, the run says its jobs stay queued and ends as interrupted', { timeout: 30_000 }, async () => {
    const queue = redisTestUrl(`${PREFIX}-sigint`);
    const run = start(['run', '--feed-file', smallFeed(dir, 3), '--out', path.join(dir, 'sigint'), '--db', db.url, '--queue', queue, '--progress', 'none'], { ...llmEnv(), PREPRINT_DIGEST_MODEL: 'model-no-worker-serves' });
    await until('the jobs queued', () => /queueing 3 papers/.test(run.out()), 20_000);
    run.child.kill('SIGINT');
    expect(await run.exited).toBeNull();
    expect(run.child.signalCode).toBe('SIGINT');
    expect(run.out()).toMatch(/interrupted: the 3 jobs this run queued stay queued for the workers; a later run uses the summaries they store\n/);
    const status = JSON.parse((await runCli(['status', '--queue', queue, '--json'])).stdout);
    expect(status.queues[0].counts).toMatchObject({ waiting: 3 });
    await runCli(['status', '--queue', queue, '--obliterate']);
  });

  it('shows depth, workers and failures in status; a job that failed for good gets the fallback in the run', { timeout: 60_000 }, async () => {
    const queue = redisTestUrl(`${PREFIX}-status`);
    // A worker on the wrong store: it cannot find the run's papers, so every job fails at once (not retried).
    const wrong = start(['worker', '--queue', queue, '--db', path.join(dir, 'elsewhere.sqlite'), '--name', 'lost'], llmEnv());
    await until('the worker', () => /ready on/.test(wrong.out()), 30_000);
    // --concurrency caps the LLM's requests; the worker holds twice as many jobs (status counts them as active).
    expect(wrong.out()).toMatch(/16 jobs at once \(at most 8 requests in flight\)/);
    const out = path.join(dir, 'status');
    const r = await runCli(['run', '--feed-file', smallFeed(dir, 5), '--out', out, '--db', db.url, '--queue', queue, '--progress', 'none', '--language', 'de'], { env: llmEnv(), timeoutMs: 50_000 });
    // No job can succeed: the run stops as on a spent quota, naming the stores once, on stderr only.
    expect(r.code, r.stderr).toBe(5);
    // The run says what it does itself: it queues, the workers summarize.
    expect(r.stderr).toContain(`queueing 5 papers for the workers at ${queue}`);
    expect(r.stderr).not.toMatch(/Summarizing with|requests at once/);
    const errors = r.stderr.trim().split('\n').filter((l) => l.startsWith('preprint-digest:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/no paper got a summary from the workers: .*same --db as the run \(.* is not in the worker's store .*elsewhere\.sqlite; the run's is postgres:\/\//);
    const records = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => x.summary_meta.status)).toEqual(Array(5).fill('fallback'));
    expect(records.map((x) => x.summary_meta.reason)).toEqual(Array(5).fill('the worker could not read the paper: workers must use the same --db as the run'));
    for (const file of ['2026-01-30.jsonl', '2026-01-30.md']) expect(readFileSync(path.join(out, file), 'utf8')).not.toMatch(/elsewhere\.sqlite|postgres:|127\.0\.0\.1/);
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report.problems[0].message).toMatch(/is not in the worker's store .*elsewhere\.sqlite/);
    const text = await runCli(['status', '--queue', queue]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/summaries-[0-9a-f]{12} \(llm\/fake-model\/[^)]+\): 0 waiting, 0 active, 0 delayed, 0 completed, 5 failed/);
    expect(text.stdout).toMatch(/workers: 1 \(lost\)/);
    expect(text.stdout.match(/failed \d{4}\.\d{5}v\d at .*: the worker could not read the paper: .* is not in the worker's store/g)).toHaveLength(5);
    const json = await runCli(['status', '--queue', queue, '--json', '--failures', '2']);
    const status = JSON.parse(json.stdout);
    expect(status.queues).toHaveLength(1);
    expect(status.queues[0]).toMatchObject({ counts: { failed: 5, waiting: 0 }, workers: ['lost'], stopped: null });
    expect(status.queues[0].recentFailures).toHaveLength(2);
    wrong.child.kill('SIGTERM');
    expect(await wrong.exited).toBe(0);
    const after = JSON.parse((await runCli(['status', '--queue', queue, '--json'])).stdout);
    expect(after.queues[0].workers).toEqual([]);
    const gone = await runCli(['status', '--queue', queue, '--obliterate']);
    expect(gone.stdout).toMatch(/removed \d+ keys/);
    expect(JSON.parse((await runCli(['status', '--queue', queue, '--json'])).stdout)).toMatchObject({ format: { stored: null }, queues: [] });
  });
});

/** The queue name a worker logs when ready. */
function queueNameFromLog(log: string): string {
  const name = /\(queue (summaries-[0-9a-f]+),/.exec(log)?.[1];
  if (!name) throw new Error(`no queue name in the worker's log: ${log}`);
  return name;
}
