/**
 * Summaries for backfilled papers, through the worker queue only (issue "Scale out": optional, and on the queue):
 * a backfill can bring hundreds of thousands of papers, far more than one process should summarize. The papers
 * are read back from the store in chunks and enqueued chunk by chunk (the queue waits for each chunk, so Redis
 * and this process hold one chunk at a time); what the workers could not do is reported, never faked here.
 */
import type { SummaryQueue } from '../queue/types.js';
import type { Store } from '../store/types.js';
import { summaryKey } from '../summarize/index.js';
import type { Summarizer } from '../summarize/types.js';

export interface BackfillSummaryOptions {
  store: Store;
  queue: SummaryQueue;
  /** The configured summarizer: its name, model and version pick the queue and the cache keys. */
  summarizer: Pick<Summarizer, 'name' | 'model' | 'version'>;
  language: string;
  ids: readonly string[];
  /** Papers enqueued and waited for at a time. @default 1000 */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BackfillSummaryResult {
  papers: number;
  ok: number;
  /** Marked fallback summaries the workers wrote (summarizer could not do the paper). */
  fallback: number;
  /** Papers without a stored summary (failed jobs, no worker in time): a later run or backfill enqueues them again. */
  missing: number;
  /** Why the cluster stopped (quota, auth, budget, no worker), if it did; later chunks were not enqueued. */
  stopped: string | null;
}

export async function summarizeBackfilled(options: BackfillSummaryOptions): Promise<BackfillSummaryResult> {
  const { store, queue, summarizer, language, ids } = options;
  const chunkSize = Math.max(1, options.chunkSize ?? 1000);
  const result: BackfillSummaryResult = { papers: ids.length, ok: 0, fallback: 0, missing: 0, stopped: null };
  for (let at = 0; at < ids.length; at += chunkSize) {
    const papers = [...(await store.getPapers(ids.slice(at, at + chunkSize))).values()];
    const items = papers.map((paper) => ({ paper, key: summaryKey(paper, summarizer, language) }));
    const outcome = await queue.summarize(items, { summarizer, language, store, onProgress: (done) => options.onProgress?.(at + done, ids.length) });
    for (const { key } of items) {
      const status = outcome.summaries.get(key)?.meta.status;
      if (status === 'ok') result.ok++;
      else if (status === 'fallback') result.fallback++;
      else result.missing++;
    }
    if (outcome.stopped) {
      result.stopped = outcome.stopped;
      result.missing += Math.max(0, ids.length - at - chunkSize);
      break;
    }
  }
  return result;
}
