/**
 * Waiting for a run's jobs, whichever workers do them: the finished-job sets are polled for the jobs still
 * outstanding (one ZMSCORE per set and poll, cheap for thousands of jobs). When nothing finishes for
 * `idleTimeoutMs` and no worker is connected to the queue, or once `timeoutMs` has passed (a stuck or slow cluster
 * must not hold up a scheduled digest), the run stops waiting with a clear reason; its papers then get fallbacks in
 * the run, and the jobs stay queued for workers that come later (a later run picks up what they store).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeElsewhere } from './elsewhere.js';
import type { ServedElsewhere } from './elsewhere.js';
import { finishedIn } from './enqueue.js';
import type { SummaryJobData, SummaryJobResult } from './jobs.js';

export interface WaitOptions {
  pollMs: number;
  idleTimeoutMs: number;
  /** From the start of waiting, workers or not; undefined: no limit. */
  timeoutMs?: number;
  /** Shown in the "no worker" reason: the summarizer the workers must be configured with. */
  summarizerLabel: string;
  /** Workers connected to queues of other summarizer settings (they never take this run's jobs). */
  servedElsewhere?: () => Promise<ServedElsewhere[]>;
  /** Said at once when no worker serves this queue but workers of other settings are connected. */
  onNotice?: (line: string) => void;
  onProgress?: (done: number) => void;
}

export interface WaitOutcome {
  /** Failed for good, with BullMQ's failure reason. */
  failed: Map<string, string>;
  /** Not finished when waiting ended (no worker), with the reason. */
  unfinished: Map<string, string>;
  /** Why waiting ended early, or null. */
  gaveUp: string | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export async function waitForJobs(redis: Redis, queue: Queue<SummaryJobData, SummaryJobResult>, keys: readonly string[], options: WaitOptions): Promise<WaitOutcome> {
  let pending = [...keys];
  const failedIds: string[] = [];
  const started = Date.now();
  let lastChange = started;
  let gaveUp: string | null = null;
  if (pending.length > 0) await noticeWrongWorkers(queue, options);
  while (pending.length > 0) {
    const [completed, failed] = await Promise.all([finishedIn(redis, queue, 'completed', pending), finishedIn(redis, queue, 'failed', pending)]);
    const next = pending.filter((id, i) => {
      if (failed[i]) failedIds.push(id);
      return !completed[i] && !failed[i];
    });
    if (next.length < pending.length) {
      lastChange = Date.now();
      options.onProgress?.(keys.length - next.length);
    }
    pending = next;
    if (pending.length === 0) break;
    if (options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs) {
      gaveUp = `the workers had not finished after ${seconds(options.timeoutMs)} (--queue-timeout-ms; ${pending.length} left, still queued)`;
      break;
    }
    if (Date.now() - lastChange >= options.idleTimeoutMs) {
      gaveUp = await idleReason(queue, pending, options);
      if (gaveUp) break;
      lastChange = Date.now();
    }
    await sleep(options.pollMs);
  }
  const failed = new Map<string, string>();
  for (const id of failedIds) failed.set(id, (await queue.getJob(id))?.failedReason || 'the job failed');
  const unfinished = new Map(pending.map((id) => [id, gaveUp ?? 'not finished']));
  return { failed, unfinished, gaveUp };
}

/**
 * Workers of other summarizer settings only: said at once, though the run still waits for a worker of its own
 * (one may be starting: a cluster moving to new settings), up to the idle timeout as without any worker.
 */
async function noticeWrongWorkers(queue: Queue<SummaryJobData, SummaryJobResult>, options: WaitOptions): Promise<void> {
  if (!options.onNotice || !options.servedElsewhere || (await queue.getWorkersCount()) > 0) return;
  const elsewhere = describeElsewhere(await options.servedElsewhere());
  if (elsewhere === '') return;
  options.onNotice(
    `no worker serves this run's summarizer (${options.summarizerLabel}): ${elsewhere} instead; start \`preprint-digest worker\` with the run's summarizer settings and the same --queue (waiting up to ${seconds(options.idleTimeoutMs)} for one)`,
  );
}

/** Null while some worker is connected (it is busy: keep waiting); the reason to stop otherwise. */
async function idleReason(queue: Queue<SummaryJobData, SummaryJobResult>, pending: readonly string[], options: WaitOptions): Promise<string | null> {
  if ((await queue.getWorkersCount()) > 0) return null;
  const elsewhere = options.servedElsewhere ? describeElsewhere(await options.servedElsewhere()) : '';
  return `no worker took the queue's jobs for ${seconds(options.idleTimeoutMs)} (${pending.length} left): start \`preprint-digest worker\` with the same --queue and the same summarizer settings (${options.summarizerLabel})${elsewhere ? `; ${elsewhere} instead` : ''}`;
}
