/**
 * A summary worker: a BullMQ Worker on the queue of its summarizer's configuration, writing into the shared
 * store. Tuned so a worker killed with SIGKILL gives its jobs back within seconds: its job locks last
 * LOCK_DURATION_MS (renewed every half of it while the worker lives), and every live worker looks for jobs whose
 * lock is gone every STALLED_INTERVAL_MS, so a dead worker's jobs are back in the queue 6–12 s after the kill.
 * A job may stall twice (two dead workers) before it fails; a failed job gets its fallback from the run.
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Store } from '../store/types.js';
import type { Summarizer } from '../summarize/types.js';
import { bullConnection, connectRedis, parseQueueUrl } from './connection.js';
import { registerQueue, stopKey } from './jobs.js';
import type { SummaryJobData, SummaryJobResult } from './jobs.js';
import { processSummaryJob } from './process-job.js';
import type { JobContext } from './process-job.js';
import { createSlidingLimiter } from './rate-limit.js';
import type { RateLimit } from './rate-limit.js';
import { checkQueueFormat } from './version.js';

export type { RateLimit } from './rate-limit.js';

export const LOCK_DURATION_MS = 6000;
export const STALLED_INTERVAL_MS = 3000;
export const MAX_STALLED_COUNT = 2;

export interface StartWorkerOptions {
  /** `redis://…` (see parseQueueUrl). */
  queueUrl: string;
  /** The store the runs read (PostgreSQL, or one SQLite file on one machine). */
  store: Store;
  /** Shown in messages about the store (the --db location without a password). */
  storeLabel?: string;
  summarizer: Summarizer;
  /** Marked fallback for papers the summarizer cannot do (the built-in summarizer). */
  fallback?: Summarizer;
  /** Requests in flight for a summarizer that limits itself to it (the LLM), which gets twice as many jobs (see summarizeDigest); jobs at once for any other. @default 8 */
  concurrency?: number;
  /**
   * Cluster-wide limit on requests to the summarizer's provider: a shared sliding window (rate-limit.ts) that every
   * request takes a slot of, retries and re-asks included, plus BullMQ's queue-level limiter on jobs started (never
   * more than requests); give every worker the same one.
   */
  rateLimit?: RateLimit | null;
  /** Make a fresh summarizer after a stop (quota, auth, budget) once a new run has cleared it. */
  renewSummarizer?: () => Promise<Summarizer>;
  /** Worker name in `status` and on its jobs. @default `<host>:<pid>` */
  name?: string;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** One line per notable event (job failed, summarizer stopped, Redis error). */
  log?: (line: string) => void;
}

export interface WorkerCounts {
  ok: number;
  fallback: number;
  /** Jobs that found their summary already stored and wrote nothing. */
  alreadyStored: number;
  failed: number;
}

export interface QueueWorker {
  readonly name: string;
  readonly queueName: string;
  /** Jobs in progress at most (twice `concurrency` for a summarizer that caps its own requests). */
  readonly jobs: number;
  counts(): WorkerCounts;
  /** Stop taking jobs; wait for those in progress (`force`: give them back at once, as a kill would). */
  close(force?: boolean): Promise<void>;
}

export async function startWorker(options: StartWorkerOptions): Promise<QueueWorker> {
  const location = parseQueueUrl(options.queueUrl);
  const redis = await connectRedis(location);
  try {
    await checkQueueFormat(redis, location);
    const queueName = await registerQueue(redis, location, options.summarizer);
    return runWorker(options, redis, location.prefix, queueName, bullConnection(location));
  } catch (err) {
    redis.disconnect();
    throw err;
  }
}

/**
 * Connect to the queue's Redis and check its format, then let go: the worker command calls it before it opens
 * its store, so a wrong queue URL does not first create an empty SQLite file.
 */
export async function probeQueue(queueUrl: string): Promise<void> {
  const location = parseQueueUrl(queueUrl);
  const redis = await connectRedis(location);
  try {
    await checkQueueFormat(redis, location);
  } finally {
    redis.disconnect();
  }
}

type Connection = ReturnType<typeof bullConnection>;

function runWorker(options: StartWorkerOptions, redis: Redis, prefix: string, queueName: string, connection: Connection): QueueWorker {
  const log = options.log ?? (() => {});
  const name = options.name ?? `${os.hostname()}:${process.pid}`;
  const counts: WorkerCounts = { ok: 0, fallback: 0, alreadyStored: 0, failed: 0 };
  const limited = options.rateLimit ? rateLimited(options.rateLimit, redis, prefix, queueName, connection) : null;
  const ctx = jobContext(options, redis, stopKey(prefix, queueName), log, limited);
  // A summarizer that caps its own requests gets twice as many jobs (as in summarizeDigest), except under a rate
  // limit: a job that took a slot must not then queue inside the summarizer, or its request arrives late and
  // bunches up with later ones at the provider.
  const limitsItself = options.summarizer.capabilities.limitsItself === true && !options.rateLimit;
  const concurrency = Math.max(1, options.concurrency ?? 8) * (limitsItself ? 2 : 1);
  const worker = new Worker<SummaryJobData, SummaryJobResult>(queueName, async (job: Job<SummaryJobData, SummaryJobResult>) => {
    await ctx.renewIfCleared();
    return processSummaryJob(job, ctx);
  }, {
    connection,
    prefix,
    name,
    concurrency,
    lockDuration: options.lockDurationMs ?? LOCK_DURATION_MS,
    stalledInterval: options.stalledIntervalMs ?? STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
    limiter: options.rateLimit ? { max: options.rateLimit.max, duration: options.rateLimit.durationMs } : undefined,
  });
  watch(worker, counts, log);
  return {
    name,
    queueName,
    jobs: concurrency,
    counts: () => ({ ...counts }),
    async close(force = false) {
      await worker.close(force);
      await limited?.close();
      await ctx.summarizer().close?.();
      redis.disconnect();
    },
  };
}

function watch(worker: Worker<SummaryJobData, SummaryJobResult>, counts: WorkerCounts, log: (line: string) => void): void {
  worker.on('completed', (_job, r) => void (r.written === 0 && r.status === 'ok' ? counts.alreadyStored++ : counts[r.status]++));
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) counts.failed++;
    log(`${job.data.paperId}v${job.data.version}: ${final ? 'failed' : `attempt ${job.attemptsMade} failed, retrying`}: ${err.message}`);
  });
  worker.on('stalled', (jobId) => log(`job ${jobId} stalled (its worker stopped answering); it is back in the queue`));
  worker.on('error', (err) => log(`worker error: ${err.message}`));
}

/**
 * The sliding window, asked before every request. For a job's first request, right before the summarizer is
 * called: when the window is full the job goes back to the queue uncounted (BullMQ's RateLimitError) and the whole
 * queue pauses until a slot frees, so no worker spins on it. A summary's later requests (a retry after a 429 or a
 * 5xx, a re-ask after an answer failed the checks) wait in place for a slot: the job is under way.
 */
function rateLimited(limit: RateLimit, redis: Redis, prefix: string, queueName: string, connection: Connection) {
  const limiter = createSlidingLimiter(redis, `${prefix}:${queueName}:rate-window`, limit);
  const queue = new Queue(queueName, { connection, prefix });
  return {
    async beforeCall(): Promise<void> {
      const waitMs = await limiter.take();
      if (waitMs === 0) return;
      await queue.rateLimit(waitMs);
      throw Worker.RateLimitError();
    },
    async awaitSlot(): Promise<void> {
      // A little jitter: waiters woken together would otherwise all ask at the same instant and all but one wait again.
      for (let waitMs = await limiter.take(); waitMs > 0; waitMs = await limiter.take()) await sleep(waitMs + Math.random() * 20);
    },
    close: () => queue.close(),
  };
}

/** Job context with the cluster-wide stop flag and a summarizer that is renewed once a new run clears it. */
function jobContext(
  options: StartWorkerOptions,
  redis: Redis,
  key: string,
  log: (line: string) => void,
  limited: Pick<JobContext, 'beforeCall' | 'awaitSlot'> | null,
): JobContext & { renewIfCleared(): Promise<void> } {
  let summarizer = options.summarizer;
  let stoppedHere = false;
  let renewing: Promise<void> | null = null;
  return {
    store: options.store,
    storeLabel: options.storeLabel ?? options.store.name,
    fallback: options.fallback,
    summarizer: () => summarizer,
    beforeCall: limited?.beforeCall,
    awaitSlot: limited?.awaitSlot,
    stopped: () => redis.get(key),
    async stop(reason) {
      stoppedHere = true;
      if ((await redis.set(key, reason, 'EX', 7 * 24 * 3600, 'NX')) === 'OK') log(`summarizer stopped: ${reason}; remaining papers get marked fallbacks`);
    },
    async renewIfCleared() {
      if (!stoppedHere || !options.renewSummarizer || (await redis.exists(key)) === 1) return;
      renewing ??= (async () => {
        const old = summarizer;
        summarizer = await (options.renewSummarizer as () => Promise<Summarizer>)();
        stoppedHere = false;
        await old.close?.();
        log('summarizer renewed: a new run cleared the stop');
      })().finally(() => (renewing = null));
      await renewing;
    },
  };
}
