/**
 * Putting a run's papers on the queue. The job id is the summary cache key, so a paper already waiting or being
 * summarized (by a concurrent run, or a run that was killed) is not added twice. A job of the same key that
 * finished without a stored real summary — it failed, or it ended as a fallback — is replaced, so the new run
 * tries the summarizer again, as the in-process stage does for a stored fallback.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SummaryJobData, SummaryJobResult } from './jobs.js';
import { JOB_OPTIONS } from './jobs.js';

export interface EnqueueCounts {
  /** New jobs. */
  added: number;
  /** Finished jobs of the same key replaced by a new one (failed, or a fallback). */
  replaced: number;
  /** Jobs already waiting, delayed or active: the run waits for them. */
  joined: number;
}

type SummaryQueueHandle = Queue<SummaryJobData, SummaryJobResult>;

/** Scores of `ids` in a sorted set (BullMQ keeps finished jobs in `completed` and `failed` sets). */
export async function finishedIn(client: Redis, queue: SummaryQueueHandle, set: 'completed' | 'failed', ids: readonly string[]): Promise<boolean[]> {
  if (ids.length === 0) return [];
  const out: boolean[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const scores = await client.zmscore(queue.keys[set] as string, ...ids.slice(i, i + 1000));
    for (const s of scores) out.push(s !== null);
  }
  return out;
}

/** Enqueue one job per item (`items` unique by key); see the module comment for what happens to existing ones. */
export async function enqueue(client: Redis, queue: SummaryQueueHandle, items: readonly SummaryJobData[], jobOptions: JobsOptions = {}): Promise<EnqueueCounts> {
  const ids = items.map((i) => i.key);
  const [completed, failed] = await Promise.all([finishedIn(client, queue, 'completed', ids), finishedIn(client, queue, 'failed', ids)]);
  let replaced = 0;
  for (let i = 0; i < items.length; i++) {
    // The run only enqueues papers without a stored real summary, so a completed job of this key gave a fallback.
    if (completed[i] || failed[i]) replaced += (await queue.remove(ids[i] as string)) === 1 ? 1 : 0;
  }
  const existing = await Promise.all(ids.map((id) => client.exists(queue.toKey(id))));
  const toAdd = items.filter((_, i) => existing[i] === 0);
  const opts = { ...JOB_OPTIONS, ...jobOptions };
  for (let i = 0; i < toAdd.length; i += 500) {
    await queue.addBulk(toAdd.slice(i, i + 500).map((data) => ({ name: 'summary', data, opts: { ...opts, jobId: data.key } })));
  }
  return { added: toAdd.length - replaced, replaced, joined: items.length - toAdd.length };
}
