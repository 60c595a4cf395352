/**
 * The run side of the queue (`run --queue`): enqueue the papers that still need a summary, wait for the
 * workers, read their stored summaries. Implements SummaryQueue; the summarize stage turns what is missing
 * into in-process fallbacks, so no paper is lost whatever happens to the cluster.
 */
import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullConnection, connectRedis, parseQueueUrl } from './connection.js';
import type { QueueLocation } from './connection.js';
import { servedElsewhere } from './elsewhere.js';
import { enqueue } from './enqueue.js';
import { createRedisGate } from './gate.js';
import { isStoreMismatch, NOT_IN_RUN_STORE, publicReason, registerQueue, stopKey, summarizerLabel } from './jobs.js';
import type { SummaryJobData, SummaryJobResult } from './jobs.js';
import type { QueueItem, QueueOutcome, QueueSummarizeOptions, SummaryQueue } from './types.js';
import { checkQueueFormat } from './version.js';
import { waitForJobs } from './wait.js';

export interface OpenQueueOptions {
  /** Overrides of JOB_OPTIONS for this run's new jobs (tests: fewer attempts, shorter backoff). */
  jobOptions?: JobsOptions;
  /** Stop waiting when nothing finished for this long and no worker is connected. @default 120000 */
  idleTimeoutMs?: number;
  /** Stop waiting this long after the jobs were queued, workers or not. @default no limit */
  timeoutMs?: number;
  /** How often finished jobs are looked for. @default 500 */
  pollMs?: number;
  /** The run's store location without a password (shown by workers that cannot find a paper). */
  storeLabel?: string;
  /** Called once the jobs are queued: how many, and how many papers already had a stored summary. */
  onQueued?: (queued: number, stored: number) => void;
  /** A line for the user while waiting: no worker serves the run's summarizer, workers of other settings do. */
  onNotice?: (line: string) => void;
}

/**
 * Connect to the queue at `url` and check its format.
 * @throws ConfigError when Redis does not answer or the queue was made by an incompatible version.
 */
export async function openSummaryQueue(url: string, options: OpenQueueOptions = {}): Promise<SummaryQueue> {
  const location = parseQueueUrl(url);
  const redis = await connectRedis(location);
  try {
    await checkQueueFormat(redis, location);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  return {
    display: location.display,
    arxivGate: createRedisGate(redis, { prefix: location.prefix }),
    summarize: (items, o) => summarizeOnQueue(redis, location, options, items, o),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

async function summarizeOnQueue(
  redis: Redis,
  location: QueueLocation,
  options: OpenQueueOptions,
  items: readonly QueueItem[],
  o: QueueSummarizeOptions,
): Promise<QueueOutcome> {
  const name = await registerQueue(redis, location, o.summarizer);
  // A stop (quota, auth, budget) recorded by an earlier run's workers is this run's to retry.
  await redis.del(stopKey(location.prefix, name));
  const unique = [...new Map(items.map((i) => [i.key, i])).values()];
  // A paper whose real summary is already stored needs no job (a completed job is never added again).
  const stored = await o.store.getSummaries(unique.map((i) => i.key));
  const need = unique.filter((i) => stored.get(i.key)?.meta.status !== 'ok');
  const base = unique.length - need.length;
  const queue = new Queue<SummaryJobData, SummaryJobResult>(name, { connection: bullConnection(location), prefix: location.prefix });
  try {
    const label = summarizerLabel(o.summarizer);
    const jobs = need.map(({ paper, key }) => ({ paperId: paper.id, version: paper.version, language: o.language, key, summarizer: label, store: options.storeLabel }));
    await enqueue(redis, queue, jobs, options.jobOptions);
    options.onQueued?.(jobs.length, base);
    o.onProgress?.(base, unique.length);
    const waited = await waitForJobs(redis, queue, need.map((i) => i.key), {
      pollMs: options.pollMs ?? 500,
      idleTimeoutMs: options.idleTimeoutMs ?? 120_000,
      timeoutMs: options.timeoutMs,
      summarizerLabel: label,
      servedElsewhere: () => servedElsewhere(redis, location, name),
      onNotice: options.onNotice,
      onProgress: (done) => o.onProgress?.(base + done, unique.length),
    });
    const summaries = await o.store.getSummaries(unique.map((i) => i.key));
    const details = new Map([...waited.failed, ...waited.unfinished]);
    for (const { key } of unique) {
      if (!summaries.has(key) && !details.has(key)) details.set(key, NOT_IN_RUN_STORE);
    }
    for (const key of details.keys()) summaries.delete(key);
    const failures = new Map([...details].map(([key, reason]) => [key, publicReason(reason)]));
    const stopped = (await redis.get(stopKey(location.prefix, name))) ?? waited.gaveUp ?? misconfigured(need, details);
    return { summaries, failures, details, stopped };
  } finally {
    await queue.close();
  }
}

/** When no job of the run can succeed (its workers use another store), the run stops as on a spent quota: one line. */
function misconfigured(need: readonly QueueItem[], details: ReadonlyMap<string, string>): string | null {
  if (need.length === 0 || !need.every((i) => isStoreMismatch(details.get(i.key)))) return null;
  return `no paper got a summary from the workers: ${details.get(need[0]!.key)}`;
}
