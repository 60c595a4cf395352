/**
 * `preprint-digest backfill --categories … --from DATE --to DATE [--via auto|oai|api]`: past metadata into the
 * store through the same polite arXiv client as fetch. Resumable: a stopped or killed run continues from the
 * saved resumption token (OAI-PMH) or offset (export API) when the same command runs again. `--summarize` enqueues
 * the backfilled papers' summaries for the workers (`--queue`) when the backfill completes: every paper harvested
 * since the command first started, kept in the store (harvested.ts); without a queue it is refused rather than run
 * in-process, since a backfill can be far larger than one process should summarize.
 */
import { backfill, backfillPath, harvestedIds, summarizeBackfilled } from '../../backfill/index.js';
import type { BackfillVia } from '../../backfill/index.js';
import { splitList } from '../../config/resolve.js';
import { ARXIV_MIN_INTERVAL_MS } from '../../config/schema.js';
import type { ResolvedConfig } from '../../config/schema.js';
import { ConfigError, UsageError } from '../../errors.js';
import type { SummaryQueue } from '../../queue/types.js';
import { createArxivClient } from '../../sources/http.js';
import type { ArxivClient } from '../../sources/http.js';
import { displayStoreLocation } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { selectSummarizer } from '../../summarize/select.js';
import { configFromFlags, note, say, withStore } from '../context.js';

/** The exit code of a command stopped by Ctrl-C (128 + SIGINT), as a shell reports it. */
export const INTERRUPTED = 130;

export interface BackfillFlags {
  categories?: string;
  from: string;
  to: string;
  via?: BackfillVia;
  db?: string;
  config?: string;
  contact?: string;
  progress?: string;
  summarize?: boolean;
  queue?: string;
  summarizer?: string;
  model?: string;
  language?: string;
}

/**
 * The spacing for the one host this backfill talks to (the OAI-PMH server, or the export API on the `api` path):
 * at least 3 s when it is arXiv's. The resolver's floor looks at the feed, API and listing hosts, which a backfill
 * over OAI-PMH never asks, so it starts from the spacing as asked.
 */
export function intervalFor(config: ResolvedConfig, via: 'oai' | 'api'): number {
  const host = new URL(via === 'api' ? config.apiUrl : config.oaiUrl).hostname;
  return /(^|\.)arxiv\.org$/i.test(host) ? Math.max(ARXIV_MIN_INTERVAL_MS, config.minIntervalMsAsked) : config.minIntervalMsAsked;
}

export async function backfillCommand(flags: BackfillFlags): Promise<void> {
  // Categories are read here, not by the config resolver: a backfill also takes whole archives (`cs`).
  const { db, config: file, contact, progress, queue: queueUrl, summarizer, model, language } = flags;
  const config = configFromFlags({ db, config: file, contact, progress, queue: queueUrl, summarizer, model, language });
  if (flags.summarize && !config.queue) {
    throw new UsageError('--summarize enqueues summaries for `preprint-digest worker` processes: pass --queue redis://… (or set PREPRINT_DIGEST_QUEUE_URL)');
  }
  const categories = flags.categories !== undefined ? splitList(flags.categories) : config.categories;
  if (categories.length === 0) throw new ConfigError('no categories: pass --categories cs.LG,stat.ML (or an archive such as cs)');
  const via = backfillPath({ categories, from: flags.from, to: flags.to, via: flags.via });
  // Not an error (a scheduled job may run ahead of the clock), but "0 papers" alone looks like a broken harvest.
  const today = new Date().toISOString().slice(0, 10);
  if (flags.from > today) note(`backfill: --from ${flags.from} is after today (${today}, UTC): arXiv has no papers there yet`);
  // With a queue, the arXiv spacing holds across the cluster (daily runs and other backfills share the Redis gate).
  const queue = config.queue ? await openQueue(config) : null;
  const client = createArxivClient({ contact: config.contact, minIntervalMs: intervalFor(config, via), timeoutMs: config.timeoutMs, retries: config.retries, gate: queue?.arxivGate });
  try {
    await harvestInto(config, { ...flags, via }, categories, client, queue);
  } finally {
    await queue?.close();
  }
}

async function openQueue(config: ResolvedConfig): Promise<SummaryQueue> {
  const { openSummaryQueue, withoutPassword } = await import('../../queue/index.js');
  return openSummaryQueue(config.queue as string, { storeLabel: withoutPassword(config.db), onNotice: (line) => note(`backfill: ${line}`) });
}

async function harvestInto(config: ResolvedConfig, flags: BackfillFlags, categories: string[], client: ArxivClient, queue: SummaryQueue | null): Promise<void> {
  const quiet = config.progress === 'none';
  // Ctrl-C finishes the page in hand and saves its token; a second Ctrl-C stops at once (the listener is gone).
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  await withStore(config, async (store) => {
    // Kept in the store, not in memory: a run that resumes an interrupted one summarizes the earlier pages too.
    const harvested = harvestedIds(store, categories, flags.from, flags.to);
    const r = await backfill({
      client,
      store,
      categories,
      from: flags.from,
      to: flags.to,
      via: flags.via ?? 'auto',
      oaiUrl: config.oaiUrl,
      apiUrl: config.apiUrl,
      signal: stop.signal,
      onPapers: (papers) => harvested.add(papers.map((p) => p.id)),
      onProgress: quiet ? undefined : (line) => note(`backfill: ${line}`),
    }).finally(() => process.off('SIGINT', interrupt));
    const extra = [r.deleted ? `${r.deleted} deleted` : '', r.unreadable ? `${r.unreadable} unreadable` : '', r.resumed ? 'resumed' : ''].filter(Boolean);
    const what = `${r.papers} papers in ${r.pages} page${r.pages === 1 ? '' : 's'} via ${r.via} (${r.targets.join(', ')})${extra.length ? `; ${extra.join(', ')}` : ''}`;
    if (!r.complete) {
      say(`stopped after ${what}; run the same command again to continue`);
      process.exitCode = INTERRUPTED;
      return;
    }
    say(`backfilled ${what} → ${displayStoreLocation(config.db)}`);
    if (flags.summarize && queue) await enqueueSummaries(config, store, queue, await harvested.all(), quiet);
    await harvested.clear();
  });
}

/** The backfilled papers' summaries, on the queue; waits for the workers and reports what they did. */
async function enqueueSummaries(config: ResolvedConfig, store: Store, queue: SummaryQueue, ids: string[], quiet: boolean): Promise<void> {
  const { summarizer } = await selectSummarizer(config);
  try {
    let shown = -1;
    const onProgress = (done: number, total: number) => {
      const quarter = Math.floor((4 * done) / Math.max(total, 1));
      if (!quiet && quarter > shown) note(`backfill: summaries ${done}/${total}`);
      shown = Math.max(shown, quarter);
    };
    const r = await summarizeBackfilled({ store, queue, summarizer, language: config.language, ids, onProgress });
    say(`summaries via ${queue.display}: ${r.ok} ok, ${r.fallback} fallback, ${r.missing} missing${r.stopped ? ` (stopped: ${r.stopped})` : ''}`);
  } finally {
    await summarizer.close?.();
  }
}
