/**
 * Publishing the reader: the static site (and, with a site URL, its Atom/JSON feeds) built from stored days.
 * `run` adds its day to `DIR/site` incrementally; `site` rebuilds the whole archive.
 */
import path from 'node:path';
import { buildDayFeeds, buildLatestFeeds, writeFeeds } from './channels/index.js';
import type { FeedOptions } from './channels/index.js';
import type { DayAnnounceTypes } from './day-types.js';
import { digestEntries } from './digest/assemble.js';
import { loadStoredDigest } from './stored-digest.js';
import type { RankDeps } from './pipeline.js';
import { buildArchiveIndex } from './rank/archive.js';
import type { ArchiveIndex } from './rank/archive.js';
import { rankDigestDetailed } from './rank/digest.js';
import { readManifest } from './site/files.js';
import { buildSite, withSiteLock } from './site/index.js';
import type { SiteOptions, SiteResult } from './site/index.js';
import type { Store } from './store/types.js';
import type { Summarizer } from './summarize/types.js';
import type { Digest } from './types.js';

export interface PublishOptions {
  siteUrl: string | null;
  title?: string;
  /** Days in the latest-days and per-category feeds. */
  feedDays: number;
  /** The announce types each stored day is shown with (see dayAnnounceTypes). */
  announceTypes: DayAnnounceTypes;
  /** Whose stored summaries the other days show. */
  summarizer: Summarizer;
  language: string;
  /** Ranks each stored day the site and feeds show (see {@link storedDayRanker}); unranked without it. */
  rank?: (digest: Digest) => Promise<Digest>;
}

/**
 * Add `digest` (just made, maybe ranked) to the site in `siteDir`, and refresh the feeds. A folder without a
 * site yet gets every stored day, each with its day feeds, so a fresh output folder (a CI run) publishes what
 * `site` would. The latest-days feeds always cover the newest `feedDays` stored days, whichever day was run.
 */
export async function publishDay(store: Store, digest: Digest, siteDir: string, options: PublishOptions): Promise<SiteResult> {
  // Under the folder's lock: two runs into a new folder would both see it fresh (two whole builds), and feeds
  // written after the lock could land out of order.
  return withSiteLock(path.resolve(siteDir), async () => {
    const manifest = await readManifest(path.resolve(siteDir));
    const dates = [...new Set([...(await store.listDays()), digest.date])].sort(); // oldest first
    const latestDates = dates.slice(-Math.max(1, options.feedDays));
    // An older day (caught up or re-run) may be the "first listed" date of papers on later published days.
    const siteDates = manifest ? [digest.date, ...(await laterDaysSharing(store, digest, manifest.days.map((d) => d.date)))] : dates;
    const feed = feedOptions(options);
    const latest = new Map<string, Digest>();
    const onDay = async (day: Digest): Promise<void> => {
      if (feed) await writeFeeds(buildDayFeeds(day, feed), siteDir);
      if (latestDates.includes(day.date)) latest.set(day.date, day);
    };
    const days = storedDays(store, siteDates, options, onDay, digest);
    const result = await buildSite(days, siteDir, { ...siteOptions(options), incremental: manifest !== null });
    if (feed) {
      const missing = latestDates.filter((d) => !latest.has(d));
      for await (const day of storedDays(store, missing, options, undefined, digest)) latest.set(day.date, day);
      await writeFeeds(buildLatestFeeds([...latest.values()], feed), siteDir);
    }
    return result;
  });
}

/**
 * The published days after `digest`'s that list one of the papers its stored day lists (oldest first): their
 * "first listed" marks (and feed dates) may now name `digest`'s day. Only listings are read to find them.
 */
async function laterDaysSharing(store: Store, digest: Digest, published: readonly string[]): Promise<string[]> {
  const stored = await store.getDay(digest.date);
  const ids = new Set([...(stored?.listings.map((l) => l.id) ?? []), ...digestEntries(digest).map((e) => e.paper.id)]);
  const later: string[] = [];
  for (const date of [...published].filter((d) => d > digest.date).sort()) {
    const day = await store.getDay(date);
    if (day?.listings.some((l) => ids.has(l.id))) later.push(date);
  }
  return later;
}

function feedOptions(options: PublishOptions): FeedOptions | null {
  return options.siteUrl ? { siteUrl: options.siteUrl, latestDays: options.feedDays, title: options.title } : null;
}

function siteOptions(options: PublishOptions): SiteOptions {
  return { siteUrl: options.siteUrl ?? undefined, title: options.title, lockHeld: true };
}

/**
 * Rebuild the whole site (and feeds) from every stored day in [from, to]. The days are loaded one at a time as
 * the build asks for them (oldest first); each day's feed is written as it passes, and only the latest
 * `feedDays` are kept for the root and category feeds.
 */
export async function publishArchive(store: Store, siteDir: string, options: PublishOptions & { from?: string; to?: string }): Promise<ArchiveResult> {
  const dates = (await store.listDays()).filter((d) => (!options.from || d >= options.from) && (!options.to || d <= options.to));
  const feed = feedOptions(options);
  const latest: Digest[] = [];
  let unsummarized = 0;
  const onDay = async (day: Digest): Promise<void> => {
    unsummarized += withoutSummary(day);
    if (!feed) return;
    await writeFeeds(buildDayFeeds(day, feed), siteDir);
    latest.push(day);
    if (latest.length > Math.max(1, options.feedDays)) latest.shift();
  };
  return withSiteLock(path.resolve(siteDir), async () => {
    const result = await buildSite(storedDays(store, [...dates].sort(), options, onDay), siteDir, siteOptions(options));
    if (feed) await writeFeeds(buildLatestFeeds(latest, feed), siteDir);
    return { ...result, unsummarized };
  });
}

export interface ArchiveResult extends SiteResult {
  /** Papers published without a stored summary (marked failed in the reader), e.g. a day still being summarized. */
  unsummarized: number;
}

/** Counted as `render` counts them: no summary, or a failed one. */
function withoutSummary(day: Digest): number {
  return digestEntries(day).filter((e) => (e.summary?.meta.status ?? 'failed') === 'failed').length;
}

/**
 * The stored days of `dates`, in that order, each loaded (and ranked) only when asked for; `given` stands in
 * for the stored day of its date. `onDay` sees each day before it is handed on.
 */
async function* storedDays(
  store: Store,
  dates: readonly string[],
  options: PublishOptions,
  onDay?: (day: Digest) => void | Promise<void>,
  given?: Digest,
): AsyncGenerator<Digest> {
  for (const date of dates) {
    const day = date === given?.date ? given : await loadDay(store, date, options);
    if (!day) continue;
    await onDay?.(day);
    yield day;
  }
}

async function loadDay(store: Store, date: string, options: PublishOptions): Promise<Digest | null> {
  const digest = await loadStoredDigest(store, date, { announceTypes: await options.announceTypes(date), summarizer: options.summarizer, language: options.language });
  return digest && options.rank ? options.rank(digest) : digest;
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
