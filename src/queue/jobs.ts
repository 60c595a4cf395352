/**
 * What a summary job is: small data (which paper, which language, which summarizer), its id (the summary cache
 * key, so enqueuing a paper twice is a no-op), retry policy, and the queue it goes to. One queue per summarizer
 * configuration: a worker only takes jobs whose cache key it would compute itself, so a worker configured for
 * another model never writes under this run's keys; it simply does not see them.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Summarizer } from '../summarize/types.js';
import type { QueueLocation } from './connection.js';

/** Job payload (format QUEUE_FORMAT). The worker reads the paper itself from the shared store. */
export interface SummaryJobData {
  paperId: string;
  version: number;
  /** BCP-47 language asked for; one worker pool serves every language. */
  language: string;
  /** Summary cache key the result is stored under; also the job id. */
  key: string;
  /** `name/model/version` of the summarizer the run computed the key with. */
  summarizer: string;
  /** The run's store, password removed (shown by `status` and in worker logs; workers use their own --db). */
  store?: string;
}

/** What a finished job returns (kept in Redis for `status`). */
export interface SummaryJobResult {
  status: 'ok' | 'fallback';
  /** Rows this completion wrote: 0 when the summary was already stored (a job done twice writes once). */
  written: number;
  reason?: string | null;
}

/**
 * What a summary shows when a worker did not use the run's store: the digest is public, so its reason stays
 * generic; the details (paper, the worker's and the run's store) follow in parentheses in the job's failure
 * reason, for `status`, the run's stderr and its report, and `publicReason` cuts them off.
 */
export const NOT_IN_WORKER_STORE = 'the worker could not read the paper: workers must use the same --db as the run';
export const NOT_IN_RUN_STORE = 'the worker stored no summary: workers must use the same --db as the run';

/** A job failure reason as a summary shows it: a store mismatch without its paths and server addresses. */
export function publicReason(reason: string): string {
  return reason.startsWith(NOT_IN_WORKER_STORE) ? NOT_IN_WORKER_STORE : reason;
}

/** The workers and the run do not share a store: no job of the run can ever succeed. */
export const isStoreMismatch = (reason: string | undefined) => reason !== undefined && (reason.startsWith(NOT_IN_WORKER_STORE) || reason === NOT_IN_RUN_STORE);

export type SummarizerIdentity = Pick<Summarizer, 'name' | 'model' | 'version'>;

export const summarizerLabel = (s: SummarizerIdentity) => `${s.name}/${s.model}/${s.version}`;

/** Queue for one summarizer configuration: `summaries-<12 hex>` (its label is kept in the registry). */
export function queueNameFor(s: SummarizerIdentity): string {
  return `summaries-${createHash('sha256').update(summarizerLabel(s)).digest('hex').slice(0, 12)}`;
}

/** Hash of queue name → summarizer label, so `status` can list every queue under the prefix. */
export const registryKey = (prefix: string) => `${prefix}:queues`;

/** Why the cluster's summarizer stopped (quota, auth, budget); set by a worker, cleared by the next run. */
export const stopKey = (prefix: string, queueName: string) => `${prefix}:${queueName}:stopped`;

export async function registerQueue(redis: Redis, location: QueueLocation, s: SummarizerIdentity): Promise<string> {
  const name = queueNameFor(s);
  await redis.hset(registryKey(location.prefix), name, summarizerLabel(s));
  return name;
}

/**
 * Retries for transient failures (the LLM summarizer already retries each request; these cover a whole paper
 * failing on a flaky endpoint, the store or Redis). The last attempt stores a marked fallback instead of failing.
 * Finished jobs are kept a day for `status`, then dropped.
 */
export const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 100_000 },
} as const;
