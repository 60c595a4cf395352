/**
 * One summary job on a worker: read the paper from the shared store, summarize it, store the result under the
 * job's cache key once. A job that was already done (a killed worker's job finished before the kill, or a
 * duplicate) calls no summarizer and writes nothing. Transient failures are retried by BullMQ; the last attempt,
 * a permanent failure or a stopped summarizer store a marked fallback, so no paper is lost.
 */
import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import { SummarizerStoppedError } from '../errors.js';
import type { Store, StoredSummary } from '../store/types.js';
import { LlmFault } from '../summarize/llm/faults.js';
import type { Summarizer } from '../summarize/types.js';
import type { Paper, SummaryResult } from '../types.js';
import { NOT_IN_WORKER_STORE } from './jobs.js';
import type { SummaryJobData, SummaryJobResult } from './jobs.js';

export interface JobContext {
  store: Store;
  /** The summarizer now (a worker renews a stopped one when a new run clears the stop). */
  summarizer(): Summarizer;
  fallback?: Summarizer;
  /**
   * The cluster-wide rate limit: `beforeCall` takes the slot of a job's first request right before the summarizer
   * is called (and throws to give the job back when none is free); `awaitSlot` waits in place for the slot of each
   * further request of the same summary (retries, re-asks), which the provider counts too.
   */
  beforeCall?: () => Promise<void>;
  awaitSlot?: () => Promise<void>;
  /** Why the cluster's summarizer stopped, if it has. */
  stopped(): Promise<string | null>;
  /** Our summarizer stopped (quota, auth, budget): tell the cluster. */
  stop(reason: string): Promise<void>;
  /** Shown in the "paper not in the store" message. */
  storeLabel: string;
}

export async function processSummaryJob(job: Job<SummaryJobData, SummaryJobResult>, ctx: JobContext): Promise<SummaryJobResult> {
  const d = job.data;
  const existing = (await ctx.store.getSummaries([d.key])).get(d.key);
  if (existing?.meta.status === 'ok') return { status: 'ok', written: 0 };
  const paper = await ctx.store.getVersion(d.paperId, d.version);
  if (!paper) {
    throw new UnrecoverableError(`${NOT_IN_WORKER_STORE} (${d.paperId}v${d.version} is not in the worker's store ${ctx.storeLabel}; the run's is ${d.store ?? 'unknown'})`);
  }
  const result = await summarizeForJob(job, paper, ctx);
  const written = await save(ctx.store, d, paper, result, existing);
  return { status: result.meta.status === 'ok' ? 'ok' : 'fallback', written, reason: result.meta.reason ?? null };
}

async function summarizeForJob(job: Job<SummaryJobData, SummaryJobResult>, paper: Paper, ctx: JobContext): Promise<SummaryResult> {
  const { language } = job.data;
  const halted = await ctx.stopped();
  if (halted) return fallback(paper, ctx, language, `summarizer stopped: ${halted}`);
  await ctx.beforeCall?.();
  const summarizer = ctx.summarizer();
  const beforeRequest = ctx.awaitSlot && laterRequests(ctx.awaitSlot);
  try {
    const r = await summarizer.summarize(paper, { language, beforeRequest });
    return { summary: r.summary, meta: { ...r.meta, version: summarizer.version } };
  } catch (err) {
    if (err instanceof SummarizerStoppedError) {
      await ctx.stop(err.detail);
      return fallback(paper, ctx, language, `summarizer stopped: ${err.detail}`);
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    // A flaky endpoint may answer on the next attempt (after a backoff); a paper it cannot do will not.
    if (isTransient(err) && !lastAttempt) throw err;
    const message = err instanceof Error ? err.message : String(err);
    return fallback(paper, ctx, language, lastAttempt && isTransient(err) ? `${message} (after ${job.attemptsMade + 1} attempts)` : message);
  }
}

/** `wait` before each request but the first: the job's first request took its slot in `beforeCall`. */
function laterRequests(wait: () => Promise<void>): () => Promise<void> {
  let first = true;
  return async () => {
    if (first) first = false;
    else await wait();
  };
}

/** The LLM summarizer wraps a transient fault it gave up on; anything else thrown by a summarizer is about the paper. */
function isTransient(err: unknown): boolean {
  const cause = err instanceof Error ? err.cause : undefined;
  return (err instanceof LlmFault && err.transient) || (cause instanceof LlmFault && cause.transient);
}

async function fallback(paper: Paper, ctx: JobContext, language: string, reason: string): Promise<SummaryResult> {
  if (!ctx.fallback) throw new Error(reason);
  try {
    const r = await ctx.fallback.summarize(paper, { language });
    return { summary: r.summary, meta: { ...r.meta, version: ctx.fallback.version, status: 'fallback', reason } };
  } catch (err) {
    throw new Error(`${reason}; fallback failed: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Write once: insert if absent (a second completion of the same job writes nothing); a stored fallback from an
 * earlier run is replaced by a real summary, as the in-process stage does.
 */
async function save(store: Store, d: SummaryJobData, paper: Paper, result: SummaryResult, existing: StoredSummary | undefined): Promise<number> {
  const row: StoredSummary = { key: d.key, paperId: paper.id, version: paper.version, summary: result.summary, meta: result.meta, createdAt: new Date().toISOString() };
  if (existing && result.meta.status === 'ok') return store.saveSummaries([row]);
  return store.saveSummaries([row], { ifAbsent: true });
}
