/**
 * Publishing the reader: the static site (and, with a site URL, its Atom/JSON feeds) built from stored days.
 * `run` adds its day to `DIR/site` incrementally; `site` rebuilds the whole archive.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildFeeds, writeFeeds } from './channels/index.js';
import type { FetchOptions } from './digest/batch.js';
import { loadStoredDigest } from './pipeline.js';
import type { RankDeps } from './pipeline.js';
import { buildArchiveIndex } from './rank/archive.js';
import type { ArchiveIndex } from './rank/archive.js';
import { rankDigestDetailed } from './rank/digest.js';
import { buildSite } from './site/index.js';
import type { SiteResult } from './site/index.js';
import type { Store } from './store/types.js';
import type { Summarizer } from './summarize/types.js';
import type { Digest } from './types.js';

export interface PublishOptions {
  siteUrl: string | null;
  title?: string;
  /** Days in the latest-days and per-category feeds. */
  feedDays: number;
  announceTypes: FetchOptions['announceTypes'];
  /** Whose stored summaries the other days show. */
  summarizer: Summarizer;
  language: string;
  /** Ranks each stored day the site and feeds show (see {@link storedDayRanker}); unranked without it. */
  rank?: (digest: Digest) => Promise<Digest>;
}

/**
 * Add `digest` (just made, maybe ranked) to the site in `siteDir`, and refresh the feeds. A folder without a
 * site yet gets every stored day, so a fresh output folder (a CI run) still publishes the whole archive.
 */
export async function publishDay(store: Store, digest: Digest, siteDir: string, options: PublishOptions): Promise<SiteResult> {
  const fresh = !existsSync(path.join(siteDir, 'data', 'manifest.json'));
  const dates = (await store.listDays()).filter((d) => d !== digest.date); // newest first
  const others = fresh ? await loadDays(store, dates, options) : [];
  const result = await buildSite([...others, digest], siteDir, { incremental: !fresh, siteUrl: options.siteUrl ?? undefined, title: options.title });
  if (options.siteUrl) {
    const recentDates = dates.slice(0, options.feedDays - 1);
    const recent = fresh ? others.filter((d) => recentDates.includes(d.date)) : await loadDays(store, recentDates, options);
    await writeFeeds(buildFeeds([digest, ...recent], { siteUrl: options.siteUrl, latestDays: options.feedDays, title: options.title }), siteDir);
  }
  return result;
}

/** Rebuild the whole site (and feeds) from every stored day in [from, to]. */
export async function publishArchive(store: Store, siteDir: string, options: PublishOptions & { from?: string; to?: string }): Promise<SiteResult> {
  const dates = (await store.listDays()).filter((d) => (!options.from || d >= options.from) && (!options.to || d <= options.to));
  const days = await loadDays(store, dates, options);
  const result = await buildSite(days, siteDir, { siteUrl: options.siteUrl ?? undefined, title: options.title });
  if (options.siteUrl) await writeFeeds(buildFeeds(days, { siteUrl: options.siteUrl, latestDays: options.feedDays, title: options.title }), siteDir);
  return result;
}

async function loadDays(store: Store, dates: readonly string[], options: PublishOptions): Promise<Digest[]> {
  const days: Digest[] = [];
  for (const date of dates) {
    const digest = await loadStoredDigest(store, date, { announceTypes: options.announceTypes, summarizer: options.summarizer, language: options.language });
    if (digest) days.push(options.rank ? await options.rank(digest) : digest);
  }
  return days;
}

/**
 * Ranks stored days as `run --rank` ranked each on its day (its own papers left out of the training sample),
 * so a rebuilt reader keeps "For you" and the relevance. The archive statistics, one scan of every stored
 * paper, are gathered once for all days; `onProblem` hears what the ranker worked around (a failed embedder).
 */
export function storedDayRanker(store: Store, r: RankDeps, onProblem?: (message: string) => void): (digest: Digest) => Promise<Digest> {
  let index: Promise<ArchiveIndex> | undefined;
  return async (digest) => {
    index ??= buildArchiveIndex(store);
    const ranked = await rankDigestDetailed(digest, r.profile, { store, index: await index, top: r.top, order: true, embedder: r.embedder ?? null });
    for (const problem of ranked.ranker.info.problems) onProblem?.(problem);
    return ranked.digest;
  };
}
