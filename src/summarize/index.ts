/**
 * The summarize stage: give every digest entry a summary, reusing stored ones (same abstract, summarizer,
 * model and language) and never dropping a paper. A paper whose summarizer fails gets the fallback summarizer's
 * output marked `fallback`, or a visible `failed` record with the reason — never placeholder prose.
 */
import { createHash } from 'node:crypto';
import PQueue from 'p-queue';
import { SummarizerStoppedError, isDigestError } from '../errors.js';
import type { SummaryQueue } from '../queue/types.js';
import type { Store, StoredSummary } from '../store/types.js';
import type { Digest, DigestEntry, Paper, Problem, SummaryResult, SummaryStatus } from '../types.js';
import { standIns } from './stand-in.js';
import type { Summarizer } from './types.js';

export type { Summarizer, SummarizeOptions, SummarizerCapabilities } from './types.js';

export interface SummarizeStageOptions {
  summarizer: Summarizer;
  /** Used, marked as `fallback`, when the summarizer fails for a paper or has stopped. */
  fallback?: Summarizer;
  store: Store;
  language: string;
  /** Papers in flight at once for summarizers that declare `concurrent`. @default 8 */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Only reuse stored summaries (the `render` command); a paper without one is marked failed with the reason. */
  cacheOnly?: boolean;
  /**
   * Summarize on a worker cluster (`run --queue`): the papers that still need a summary are enqueued, the
   * stage waits for the workers and reads their stored summaries; a paper whose job failed for good gets the
   * fallback here. Without it, papers are summarized in this process.
   */
  queue?: SummaryQueue;
}

export interface SummarizeStats {
  reused: number;
  summarized: number;
  byStatus: Record<SummaryStatus, number>;
  problems: Problem[];
  /** Why the summarizer stopped (auth, quota, budget), or null. */
  stopped: string | null;
  /** Cache-only: papers shown with a summary stored under other settings (summarizer, model or language). */
  standIns?: number;
  /** With a queue: the LLM use recorded with the summaries the workers wrote for this run. */
  workerUsage?: { calls: number; promptTokens: number; completionTokens: number };
}

/** What names a summarizer's summaries; with its capabilities, the key knows which language it really writes. */
export type SummarizerIdentity = Pick<Summarizer, 'name' | 'model' | 'version'> & Partial<Pick<Summarizer, 'capabilities'>>;

/**
 * Cache key: paper id, abstract, summarizer, model, prompt/model version, and the language the summary is
 * written in — for a summarizer that cannot write the language asked for, the one it writes instead (the
 * built-in summarizer's English serves `de` and `en-US` alike). The version number is stored with the summary
 * but is not part of the key: a replacement whose abstract did not change keeps its summary, one whose
 * abstract changed gets a new one.
 */
export function summaryKey(paper: Paper, summarizer: SummarizerIdentity, language: string): string {
  const abstract = paper.abstract.replace(/\s+/g, ' ').trim();
  const parts = [paper.id, summarizer.name, summarizer.model, summarizer.version, writtenLanguage(summarizer, language), abstract];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function writtenLanguage(summarizer: SummarizerIdentity, language: string): string {
  const languages = summarizer.capabilities?.languages;
  if (!languages || languages === 'any' || languages.includes(language)) return language;
  return languages[0] ?? language;
}

/** A stored ok summary as this request shows it: the summarizer's note for the language asked for now. */
function reused(hit: StoredSummary, options: SummarizeStageOptions): SummaryResult {
  const { summarizer, language } = options;
  if (hit.meta.status !== 'ok' || hit.meta.summarizer !== summarizer.name || !summarizer.languageNote) return { summary: hit.summary, meta: hit.meta };
  return { summary: hit.summary, meta: { ...hit.meta, reason: summarizer.languageNote(language) } };
}

export async function summarizeDigest(digest: Digest, options: SummarizeStageOptions): Promise<SummarizeStats> {
  const entries = digest.sections.flatMap((s) => s.entries);
  const stats: SummarizeStats = { reused: 0, summarized: 0, byStatus: { ok: 0, fallback: 0, failed: 0 }, problems: [], stopped: null };
  const keys = entries.map((e) => summaryKey(e.paper, options.summarizer, options.language));
  const cached = await options.store.getSummaries([...new Set(keys)]);
  const todo: { entry: DigestEntry; key: string }[] = [];
  entries.forEach((entry, i) => {
    const hit = cached.get(keys[i] as string);
    // A stored fallback is shown again by `render`, but a new run tries the summarizer again.
    if (hit && (hit.meta.status === 'ok' || options.cacheOnly)) {
      entry.summary = reused(hit, options);
      stats.reused++;
    } else todo.push({ entry, key: keys[i] as string });
  });
  if (options.cacheOnly) await takeStandIns(todo, options, stats);
  let done = stats.reused;
  options.onProgress?.(done, entries.length);
  if (options.queue && !options.cacheOnly) {
    await summarizeQueued(todo, options, stats, (n) => options.onProgress?.(stats.reused + n, entries.length));
    for (const entry of entries) stats.byStatus[entry.summary?.meta.status ?? 'failed']++;
    return stats;
  }
  // A summarizer that caps its own requests in flight gets twice as many papers at once, so papers waiting
  // out a backoff do not leave the endpoint idle; the cap itself stays at `concurrency`.
  const { concurrent, limitsItself } = options.summarizer.capabilities;
  const concurrency = concurrent ? (limitsItself ? 2 : 1) * Math.max(1, options.concurrency ?? 8) : 1;
  const queue = new PQueue({ concurrency });
  for (const job of todo) {
    void queue.add(async () => {
      job.entry.summary = await summarizeOne(job.entry.paper, options, stats);
      // Committed as it arrives, so a killed run loses nothing finished. Failures are not kept; fallbacks are
      // kept for `render` but retried by the next run.
      if (job.entry.summary.meta.status !== 'failed') await keep(options.store, [stored(job.key, job.entry.paper, job.entry.summary)], stats);
      options.onProgress?.(++done, entries.length);
    });
  }
  await queue.onIdle();
  if (stats.stopped) stats.stopped = options.summarizer.stopReason?.() ?? stats.stopped;
  for (const entry of entries) stats.byStatus[entry.summary?.meta.status ?? 'failed']++;
  return stats;
}

/** `render` and co.: a paper with no summary under the current settings shows one stored under others. */
async function takeStandIns(todo: { entry: DigestEntry; key: string }[], options: SummarizeStageOptions, stats: SummarizeStats): Promise<void> {
  const found = await standIns(options.store, todo.map((t) => t.entry.paper), options.language);
  const left = todo.filter(({ entry }) => {
    const hit = found.get(entry.paper.id);
    if (hit) entry.summary = { summary: hit.summary, meta: hit.meta };
    return !hit;
  });
  stats.reused += todo.length - left.length;
  stats.standIns = todo.length - left.length;
  todo.splice(0, todo.length, ...left);
}

/**
 * The workers write each summary (ok, or their own marked fallback); what they could not do — a job that failed
 * for good, no worker in time — gets the fallback here, marked, with the reason: never a lost paper.
 */
async function summarizeQueued(todo: { entry: DigestEntry; key: string }[], options: SummarizeStageOptions, stats: SummarizeStats, progress: (done: number) => void): Promise<void> {
  const items = todo.map(({ entry, key }) => ({ paper: entry.paper, key }));
  const { summarizer, language, store } = options;
  const outcome = await (options.queue as SummaryQueue).summarize(items, { summarizer, language, store, onProgress: progress });
  stats.stopped = outcome.stopped;
  for (const job of todo) {
    const hit = outcome.summaries.get(job.key);
    const reason = hit ? (hit.meta.status === 'ok' ? null : (hit.meta.reason ?? 'fallback')) : (outcome.failures.get(job.key) ?? 'no summary from the workers');
    if (reason) stats.problems.push({ stage: 'summarize', code: 'E_SUMMARIZE', message: outcome.details?.get(job.key) ?? reason, paperId: job.entry.paper.id });
    if (hit) {
      job.entry.summary = reused(hit, options);
      stats.summarized++;
      addUsage(stats, hit.meta.usage);
    } else {
      // The built-in summarizer is its own fallback here: it runs in this process whatever happened to the job.
      const fallback = options.fallback ?? (summarizer.name === 'builtin' ? summarizer : undefined);
      job.entry.summary = await fallbackFor(job.entry.paper, { ...options, fallback }, reason as string, stats);
      // A worker that finishes the job later still replaces this with its real summary.
      if (job.entry.summary.meta.status !== 'failed') await keep(store, [stored(job.key, job.entry.paper, job.entry.summary)], stats, true);
    }
  }
}

/**
 * Save summaries as they arrive. A store that cannot take them (locked by another writer past the busy timeout,
 * a full disk) stops the summarizing — no more paid calls whose results cannot be kept — but not the run: the
 * digest is still rendered, its remaining papers marked, and the run ends as a stopped summarizer does (exit 5).
 */
async function keep(store: Store, summaries: StoredSummary[], stats: SummarizeStats, ifAbsent = false): Promise<void> {
  try {
    await store.saveSummaries(summaries, ifAbsent ? { ifAbsent } : undefined);
  } catch (err) {
    if (stats.stopped) return;
    const message = err instanceof Error ? err.message : String(err);
    stats.stopped = `the store could not save summaries: ${message.replace(/^\[store\] /, '')}`;
    stats.problems.push({ stage: 'summarize', code: isDigestError(err) ? err.code : 'E_STORE', message });
  }
}

function addUsage(stats: SummarizeStats, usage: SummaryResult['meta']['usage']): void {
  const total = (stats.workerUsage ??= { calls: 0, promptTokens: 0, completionTokens: 0 });
  if (!usage) return;
  total.calls += usage.calls;
  total.promptTokens += usage.promptTokens;
  total.completionTokens += usage.completionTokens;
}

async function summarizeOne(paper: Paper, options: SummarizeStageOptions, stats: SummarizeStats): Promise<SummaryResult> {
  const { summarizer, language, signal } = options;
  if (options.cacheOnly) return failed(options, 'no stored summary for this paper; run `preprint-digest run` for the day');
  if (!stats.stopped) {
    try {
      const result = await summarizer.summarize(paper, { language, signal });
      stats.summarized++;
      return { summary: result.summary, meta: { ...result.meta, version: summarizer.version } };
    } catch (err) {
      if (err instanceof SummarizerStoppedError) stats.stopped = err.detail;
      const message = isDigestError(err) || err instanceof Error ? err.message : String(err);
      stats.problems.push({ stage: 'summarize', code: isDigestError(err) ? err.code : 'E_SUMMARIZE', message, paperId: paper.id });
      return fallbackFor(paper, options, message, stats);
    }
  }
  return fallbackFor(paper, options, `summarizer stopped: ${stats.stopped}`, stats);
}

async function fallbackFor(paper: Paper, options: SummarizeStageOptions, reason: string, stats: SummarizeStats): Promise<SummaryResult> {
  if (options.fallback) {
    try {
      const result = await options.fallback.summarize(paper, { language: options.language, signal: options.signal });
      stats.summarized++;
      return { summary: result.summary, meta: { ...result.meta, version: options.fallback.version, status: 'fallback', reason } };
    } catch (err) {
      reason = `${reason}; fallback failed: ${(err as Error).message}`;
    }
  }
  return failed(options, reason);
}

/** A visible failure: empty fields (never placeholder prose) and the reason; the renderers label it. */
function failed(options: SummarizeStageOptions, reason: string): SummaryResult {
  const empty = { tldr: '', motivation: '', method: '', result: '', conclusion: '' };
  const { summarizer } = options;
  return { summary: empty, meta: { summarizer: summarizer.name, model: summarizer.model, language: options.language, status: 'failed', reason } };
}

function stored(key: string, paper: Paper, result: SummaryResult): StoredSummary {
  return { key, paperId: paper.id, version: paper.version, summary: result.summary, meta: result.meta, createdAt: new Date().toISOString() };
}
