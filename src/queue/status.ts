/**
 * `preprint-digest status`: every summary queue under the prefix (one per summarizer configuration, from the
 * registry) with its job counts, the workers connected to it and its latest failures; or, with `obliterate`,
 * the removal of every key under the prefix (the way out of an incompatible queue format).
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullConnection, connectRedis, parseQueueUrl } from './connection.js';
import type { QueueLocation } from './connection.js';
import { registryKey, stopKey } from './jobs.js';
import type { SummaryJobData, SummaryJobResult } from './jobs.js';
import { QUEUE_FORMAT, versionKey } from './version.js';

export interface QueueFailure {
  paper: string;
  reason: string;
  at: string | null;
}

export interface SummaryQueueStatus {
  name: string;
  /** `summarizer/model/version` its workers run. */
  summarizer: string;
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  /** Worker names (`host:pid` unless named). */
  workers: string[];
  /** Why the summarizer stopped cluster-wide (quota, auth, budget), until the next run clears it. */
  stopped: string | null;
  recentFailures: QueueFailure[];
}

export interface QueueStatus {
  queue: string;
  /** Queue format recorded in Redis (null: nothing created yet) and this version's. */
  format: { stored: number | null; supported: number };
  queues: SummaryQueueStatus[];
}

export async function queueStatus(url: string, options: { failures?: number } = {}): Promise<QueueStatus> {
  const location = parseQueueUrl(url);
  const redis = await connectRedis(location);
  try {
    const stored = await redis.get(versionKey(location.prefix));
    const registry = await redis.hgetall(registryKey(location.prefix));
    const queues: SummaryQueueStatus[] = [];
    for (const [name, summarizer] of Object.entries(registry).sort()) {
      queues.push(await oneQueue(redis, location, name, summarizer, options.failures ?? 5));
    }
    return { queue: location.display, format: { stored: stored === null ? null : Number(stored), supported: QUEUE_FORMAT }, queues };
  } finally {
    redis.disconnect();
  }
}

async function oneQueue(redis: Redis, location: QueueLocation, name: string, summarizer: string, failures: number): Promise<SummaryQueueStatus> {
  const queue = new Queue<SummaryJobData, SummaryJobResult>(name, { connection: bullConnection(location), prefix: location.prefix });
  try {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
    const counts = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 };
    const workers = [...new Set((await queue.getWorkers()).map((w) => workerName(w.rawname ?? w.name ?? '')))].sort();
    const failed = failures > 0 ? await queue.getFailed(0, failures - 1) : [];
    const recentFailures = failed.map((j) => ({
      paper: `${j.data.paperId}v${j.data.version}`,
      reason: j.failedReason,
      at: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
    }));
    return { name, summarizer, counts, workers, stopped: await redis.get(stopKey(location.prefix, name)), recentFailures };
  } finally {
    await queue.close();
  }
}

/** BullMQ names a worker's connection `<prefix>:<queue>:w:<name>` (getWorkers gives it as `rawname`). */
function workerName(clientName: string): string {
  const at = clientName.indexOf(':w:');
  return at >= 0 ? clientName.slice(at + 3) : clientName;
}

/** Delete every key under the prefix (queues, jobs, format, gate). Workers still running should be stopped first. */
export async function obliterateQueues(url: string): Promise<number> {
  const location = parseQueueUrl(url);
  const redis = await connectRedis(location);
  try {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${location.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}

/** Human-readable lines for `status` without --json. */
export function formatStatus(s: QueueStatus): string[] {
  const lines = [`queue ${s.queue} (format ${s.format.stored ?? 'none yet'}; this version uses ${s.format.supported})`];
  if (s.queues.length === 0) lines.push('  no summary queues yet');
  for (const q of s.queues) {
    const c = q.counts;
    lines.push(`  ${q.name} (${q.summarizer}): ${c.waiting} waiting, ${c.active} active, ${c.delayed} delayed, ${c.completed} completed, ${c.failed} failed`);
    lines.push(`    workers: ${q.workers.length}${q.workers.length > 0 ? ` (${q.workers.join(', ')})` : ''}`);
    if (q.stopped) lines.push(`    summarizer stopped: ${q.stopped}`);
    for (const f of q.recentFailures) lines.push(`    failed ${f.paper}${f.at ? ` at ${f.at}` : ''}: ${f.reason}`);
  }
  return lines;
}
