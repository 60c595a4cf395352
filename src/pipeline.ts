/**
 * The pipeline: fetch → store → summarize → render, composed from the stage functions.
 * The CLI builds the dependencies (store, summarizer, progress) and calls these; library users can too.
 */
import { DeliveriesFailedError } from './channels/errors.js';
import { papers } from './channels/select.js';
import { assembleDigest } from './digest/assemble.js';
import { dayNotes, fetchBatch } from './digest/batch.js';
import type { FetchOptions } from './digest/batch.js';
import { configuredChannels, deliverDigest, deliverNoAnnouncement } from './deliver.js';
import type { DeliveryConfig } from './deliver.js';
import { EXIT_CODES, NoAnnouncementError, UsageError, exitCodeFor } from './errors.js';
import { rankDigestDetailed } from './rank/digest.js';
import type { Embedder } from './rank/embeddings.js';
import type { Profile } from './rank/profile.js';
import { writeDigest } from './render/index.js';
import { categoriesNamed, finishRun } from './report.js';
import type { SummaryQueue } from './queue/types.js';
import type { RunRecorder } from './report.js';
import type { Store } from './store/types.js';
import { roleCoverage } from './summarize/coverage.js';
import { summarizeDigest } from './summarize/index.js';
import type { Summarizer } from './summarize/types.js';
import type { Digest, FeedBatch, RunReport } from './types.js';

export interface Progress {
  /** A stage without a count begins (fetching, storing, rendering): one line. */
  note(stage: string, detail: string): void;
  /** A counted stage begins. */
  start(stage: string, total: number): void;
  update(done: number, total?: number): void;
  stop(): void;
}

export interface PipelineDeps {
  store: Store;
  recorder: RunRecorder;
  progress?: Progress;
}

export interface SummarizeDeps {
  summarizer: Summarizer;
  fallback?: Summarizer;
  language: string;
  concurrency?: number;
  cacheOnly?: boolean;
  /** Summarize on a worker cluster (`run --queue`); see summarizeDigest. */
  queue?: SummaryQueue;
}

/** Fetch (or read) the day's batch and keep it in the store. */
export async function fetchAndStore(options: FetchOptions, deps: PipelineDeps): Promise<FeedBatch> {
  const { recorder, store } = deps;
  deps.progress?.note('fetch', describeSource(options));
  const batch = await recorder.stage('fetch', () => fetchBatch(options, store, (stats) => (recorder.report.requests = stats))).catch((err: unknown) => {
    if (err instanceof NoAnnouncementError) {
      checkFeedDate(options, err.date);
      // The run report is the store's only record of a day without an announcement (`send` mails the note on it).
      recorder.report.date = err.date;
      if (recorder.report.categories.length === 0) recorder.report.categories = categoriesNamed(err.message);
      if (options.feedFile) recorder.report.source = 'file';
    }
    throw err;
  });
  checkFeedDate(options, batch.date);
  recorder.report.date = batch.date;
  recorder.report.source = batch.source;
  if (recorder.report.categories.length === 0) recorder.report.categories = [...batch.categories];
  recorder.report.reconstructed = batch.reconstructed;
  recorder.report.counts.fetched = batch.feedItems ?? batch.items.length;
  recorder.problems(batch.problems);
  if (batch.items.length === 0) throw nothingToList(batch, options);
  await recorder.stage('store', async () => {
    await store.upsertPapers(batch.items.map((i) => i.paper));
    await store.saveDay({
      date: batch.date,
      categories: batch.categories,
      source: batch.source,
      reconstructed: batch.reconstructed,
      listings: batch.items.map((i) => ({ id: i.paper.id, version: i.paper.version, announceType: i.announceType })),
      ...dayNotes(batch),
    });
  });
  return batch;
}

/**
 * Exit 3 either way: nothing to summarize, store or send. When the day had papers but the filters kept none,
 * the message says so instead of claiming there was no announcement.
 */
function nothingToList(batch: FeedBatch, o: FetchOptions): NoAnnouncementError {
  const held = batch.feedItems ?? 0;
  if (held === 0) return new NoAnnouncementError(`no announcement for ${batch.date}`, batch.date);
  const where = o.categories.length > 0 ? ` in ${o.categories.join(', ')}` : '';
  const types = o.announceTypes.join(' or ');
  return new NoAnnouncementError(`nothing to list for ${batch.date}: the day has ${papers(held)}, none of them ${types}${where}`, batch.date);
}

/** A feed file states its own day: a different `date` asked for is a mistake to report, not to ignore. */
function checkFeedDate(options: FetchOptions, stated: string | null): void {
  if (options.feedFile && options.date && stated && stated !== options.date) {
    throw new UsageError(`the feed file ${options.feedFile} is for ${stated}, not ${options.date} (--date); drop --date or give the feed of that day`);
  }
}

function describeSource(o: FetchOptions): string {
  if (o.feedFile) return `reading ${o.feedFile === '-' ? 'standard input' : o.feedFile}`;
  const what = o.categories.join('+');
  return `${what}${o.date ? ` for ${o.date}` : ''} from ${o.rssUrl} (one request at a time, ≥ ${o.minIntervalMs / 1000} s apart)`;
}

/** Build the digest for the batch: sections, cross-lists, seen-before marks. */
export async function buildDigest(batch: FeedBatch, options: FetchOptions, deps: PipelineDeps): Promise<Digest> {
  const categories = options.categories.length > 0 ? options.categories : batch.categories;
  deps.recorder.report.categories = [...categories];
  deps.recorder.report.announceTypes = [...options.announceTypes];
  const firstSeen = await deps.store.firstSeen(batch.items.map((i) => i.paper.id), batch.date);
  const { digest } = assembleDigest(batch, { categories, announceTypes: options.announceTypes, firstSeen });
  return digest;
}

/** Summarize every entry (reusing stored summaries) and record the outcome. */
export async function summarize(digest: Digest, s: SummarizeDeps, deps: PipelineDeps): Promise<string | null> {
  const { recorder, progress } = deps;
  const total = digest.sections.reduce((n, sec) => n + sec.entries.length, 0);
  progress?.start('summarize', total);
  const stats = await recorder.stage('summarize', () =>
    summarizeDigest(digest, { ...s, store: deps.store, onProgress: (done) => progress?.update(done) }),
  ).finally(() => progress?.stop());
  // With a queue the run's own summarizer made no calls; the workers' use travels with their summaries.
  if (s.queue) recorder.report.queue = { url: s.queue.display, summaries: stats.summarized, ...(stats.workerUsage ?? { calls: 0, promptTokens: 0, completionTokens: 0 }) };
  else recorder.report.llm = s.summarizer.stats?.();
  recorder.report.counts.reused = stats.reused;
  recorder.report.counts.summarized = stats.summarized;
  recorder.problems(stats.problems);
  if (stats.standIns) {
    const message = `${papers(stats.standIns)} shown with summaries stored under other settings (summarizer, model or language); \`run\` writes new ones`;
    recorder.problems([{ stage: 'summarize', code: 'stand-in', message }]);
  }
  return stats.stopped;
}

/** Write Markdown and JSONL into `outDir`. */
export async function render(digest: Digest, outDir: string, deps: PipelineDeps): Promise<{ markdown: string; jsonl: string }> {
  deps.recorder.countDigest(digest);
  deps.progress?.note('render', `writing ${outDir}`);
  return deps.recorder.stage('render', () => writeDigest(digest, outDir));
}

export interface RankDeps {
  profile: Profile;
  /** Size of "For you". */
  top: number;
  embedder?: Embedder | null;
  /** Hears each thing the ranker worked around (library papers without text, a failed embedder), once per run. */
  onProblem?: (message: string) => void;
}

export interface RunDayOptions {
  fetch: FetchOptions;
  summarize: SummarizeDeps;
  /** Output directory for the digest files and run-report.json. */
  out: string;
  /** Rank the day against an interest profile (`--rank`). */
  rank?: RankDeps;
  /** Publish the reader (and feeds) after rendering, e.g. into `out/site`. */
  site?: (digest: Digest) => Promise<void>;
  /** Send the digest to the configured channels. */
  deliver?: DeliveryConfig;
}

export interface RunDayResult {
  report: RunReport;
  files: { markdown: string; jsonl: string };
  /** Why the summarizer stopped (the digest is complete, with marked fallbacks), or null. */
  stopped: string | null;
}

/**
 * One whole day: fetch → store → summarize → render, with the run report kept whatever happens.
 * Errors propagate after the report is written; a stopped summarizer is a result, not an error.
 */
export async function runDay(options: RunDayOptions, deps: PipelineDeps): Promise<RunDayResult> {
  const { recorder, store } = deps;
  try {
    const batch = await fetchAndStore(options.fetch, deps);
    const digest = await buildDigest(batch, options.fetch, deps);
    const stopped = await summarize(digest, options.summarize, deps);
    const ranked = options.rank ? await rank(digest, options.rank, deps) : digest;
    const files = await render(ranked, options.out, deps);
    recorder.report.roleCoverage = roleCoverage(ranked);
    if (options.site) await recorder.stage('site', () => (options.site as (d: Digest) => Promise<void>)(ranked));
    if (options.deliver) await deliver(ranked, options.deliver, deps);
    const code = stopped ? EXIT_CODES.summarizerStopped : EXIT_CODES.ok;
    const report = await finishRun(recorder, store, options.out, code, stopped ? `summarizer stopped: ${stopped}` : 'done');
    return { report, files, stopped };
  } catch (err) {
    if (err instanceof NoAnnouncementError && options.deliver) {
      await deliverNote(err.date, options.deliver, deps).catch(async (failure: unknown) => {
        await finishRun(recorder, store, options.out, exitCodeFor(failure), (failure as Error).message);
        throw failure;
      });
    }
    await finishRun(recorder, store, options.out, exitCodeFor(err), err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/** Score every entry against the profile, order sections by score and pick "For you". */
export async function rank(digest: Digest, r: RankDeps, deps: PipelineDeps): Promise<Digest> {
  deps.progress?.note('rank', `ranking against the profile (${r.profile.library.length} library papers)`);
  const ranked = await deps.recorder.stage('rank', () => rankDigestDetailed(digest, r.profile, { store: deps.store, top: r.top, order: true, embedder: r.embedder ?? null }));
  deps.recorder.problems(ranked.ranker.info.problems.map((message) => ({ stage: 'rank' as const, code: 'rank', message })));
  for (const message of ranked.ranker.info.problems) r.onProblem?.(message);
  return ranked.digest;
}

/** Send to every configured channel; what was sent goes into the report, a failure ends the run with exit 6. */
async function deliver(digest: Digest, config: DeliveryConfig, deps: PipelineDeps): Promise<void> {
  const channels = configuredChannels(config);
  if (channels.length === 0) return;
  deps.progress?.note('deliver', channels.join(', '));
  const result = await deps.recorder.stage('deliver', () => deliverDigest(digest, config)).catch((err: unknown) => {
    // The report says who got the digest also when another channel failed (exit 6).
    if (err instanceof DeliveriesFailedError) deps.recorder.report.delivered = err.sent;
    throw err;
  });
  deps.recorder.report.delivered = result.sent;
}

/** The "no announcement" note, to the categories the run asked for or the feed named; the report says who got it. */
async function deliverNote(date: string | null, config: DeliveryConfig, deps: PipelineDeps): Promise<void> {
  if (configuredChannels(config).length === 0) return;
  const result = await deliverNoAnnouncement(date, deps.recorder.report.categories, config);
  deps.recorder.report.delivered = result.sent;
}
