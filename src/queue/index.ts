/**
 * Distributed summarization on Redis with BullMQ: the run side (`openSummaryQueue`), the worker
 * (`startWorker`), `queueStatus`. Loaded lazily by the CLI, so runs without --queue load no Redis code.
 */
export { DEFAULT_PREFIX, parseQueueUrl, withoutPassword } from './connection.js';
export type { QueueLocation } from './connection.js';
export { createRedisGate } from './gate.js';
export { JOB_OPTIONS, queueNameFor, summarizerLabel } from './jobs.js';
export type { SummaryJobData, SummaryJobResult } from './jobs.js';
export { parseRateLimit } from './rate-limit.js';
export type { RateLimit } from './rate-limit.js';
export { openSummaryQueue } from './run.js';
export type { OpenQueueOptions } from './run.js';
export { formatStatus, obliterateQueues, queueStatus } from './status.js';
export type { QueueStatus, SummaryQueueStatus } from './status.js';
export type { QueueItem, QueueOutcome, QueueSummarizeOptions, SummaryQueue } from './types.js';
export { QUEUE_FORMAT } from './version.js';
export { LOCK_DURATION_MS, MAX_STALLED_COUNT, STALLED_INTERVAL_MS, probeQueue, startWorker } from './worker.js';
export type { QueueWorker, StartWorkerOptions, WorkerCounts } from './worker.js';
