/**
 * What the summarize stage sees of the queue (type-only, so the stage loads no Redis code without --queue).
 */
import type { PacingGate } from '../sources/http.js';
import type { Store, StoredSummary } from '../store/types.js';
import type { Summarizer } from '../summarize/types.js';
import type { Paper } from '../types.js';

export interface QueueItem {
  paper: Paper;
  /** Summary cache key: the job id and the key the worker stores the summary under. */
  key: string;
}

export interface QueueSummarizeOptions {
  /** The run's summarizer: picks the queue (workers configured the same way serve it). */
  summarizer: Pick<Summarizer, 'name' | 'model' | 'version'>;
  language: string;
  /** Where the workers write; read once every job has finished. */
  store: Store;
  /** Jobs finished so far (ok, fallback or failed), across all workers. */
  onProgress?: (done: number, total: number) => void;
}

export interface QueueOutcome {
  /** Stored summaries of the finished jobs, by key (status ok or a worker's marked fallback). */
  summaries: Map<string, StoredSummary>;
  /** Why a paper has no stored summary (failed job, timeout, a worker writing to another store), by key, as its summary shows it. */
  failures: Map<string, string>;
  /** The same reasons with their details (store paths, server addresses) where they have any: for the run report only. */
  details?: Map<string, string>;
  /** The cluster's summarizer stopped (quota, auth, budget) or no worker finished in time; null otherwise. */
  stopped: string | null;
}

export interface SummaryQueue {
  /** The queue URL without a password. */
  readonly display: string;
  /** Enqueue one job per item (a job already queued is not added twice) and wait until every one has finished. */
  summarize(items: readonly QueueItem[], options: QueueSummarizeOptions): Promise<QueueOutcome>;
  /** Cluster-wide arXiv politeness: pass to createArxivClient({ gate }). */
  readonly arxivGate: PacingGate;
  close(): Promise<void>;
}
