/**
 * The sources stage: one announcement day as a FeedBatch, either from a saved feed file (no network) or from
 * arXiv — feed, listing cross-check, export-API enrichment. Called by src/digest/batch.ts.
 */
import { SourceError } from '../errors.js';
import { canonicalCategories } from '../taxonomy/index.js';
import type { AnnounceType, FeedBatch, FeedItem, Paper, Problem } from '../types.js';
import { keep, withoutUncategorized } from './feed-file.js';
import { enrichItems, mergePaper } from './enrich.js';
import { assertCompleted, crossCheck, dropPrevious, isPreviousBatch, staleError } from './cross-check.js';
import { createArxivClient } from './http.js';
import type { ArxivClient, ArxivResponse } from './http.js';
import { parseListing } from './listing.js';
import { fetchByDateRange } from './range.js';
import { readFeed } from './rss.js';
import { confirmEmpty, judgeEmptyFeed } from './empty-feed.js';

export { createArxivClient } from './http.js';
export { readFeedFile } from './feed-file.js';
export type { ReadFeedFileOptions } from './feed-file.js';
export type { ArxivClient, ArxivClientOptions, ArxivResponse, GetOptions, RequestStats } from './http.js';
export { parseFeed, readFeed, feedCategories, FEED_ITEM_CAP } from './rss.js';
export type { ParseFeedOptions } from './rss.js';
export { parseApiFeed, fetchMetadata } from './api.js';
export type { ApiPage, FetchMetadataOptions } from './api.js';
export { fetchByDateRange } from './range.js';
export type { DateRangeOptions } from './range.js';
export { parseListing } from './listing.js';
export type { Listing, ListingItem, ListingSection, ListingSectionName } from './listing.js';
export { announcementWindow, etDate } from './schedule.js';

export interface FetchDayOptions {
  /** Canonical categories to fetch (validated by the config). */
  categories: readonly string[];
  /** Announce types kept after the cross-check. */
  announceTypes: readonly AnnounceType[];
  /** @default 'https://rss.arxiv.org' */
  rssUrl?: string;
  /** @default 'https://export.arxiv.org' */
  apiUrl?: string;
  /** @default 'https://arxiv.org' */
  listUrl?: string;
  /** Client options, used only when `client` is not given. */
  contact?: string | null;
  minIntervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  /**
   * The latest stored batch: a feed dated differently whose new papers were all in it is stale (E_STALE).
   * A feed with the same date is taken as a re-run of that day.
   */
  previousBatch?: { date: string; ids: readonly string[] };
  /** Feed date wanted (`YYYY-MM-DD`); a date other than the feed's is rebuilt through the export API. */
  date?: string;
  /** Shared client (its `stats()` feed the run report). @default a new client from the options above */
  client?: ArxivClient;
  /**
   * Papers already enriched earlier (same id and version, primary confirmed), e.g. from the store: merged in
   * instead of being asked from the export API again, so re-running a day costs no enrichment requests.
   */
  known?: (ids: readonly string[]) => Promise<ReadonlyMap<string, Paper>>;
}

const base = (url: string | undefined, fallback: string) => (url ?? fallback).replace(/\/+$/, '');

/** arXiv sends its error feeds with HTTP 400; any other 400 body is an HTTP failure, not a parse error. */
async function feedFromResponse(res: ArxivResponse): Promise<FeedBatch> {
  const http400 = () => new SourceError('E_FETCH', `HTTP 400 from ${res.url}`, { url: res.url, status: 400 });
  let batch: FeedBatch;
  try {
    // allowEmpty: a catch-up date must be compared before an empty feed counts as "no announcement".
    batch = await readFeed(res.body, { source: 'rss', url: res.url, allowEmpty: true });
  } catch (err) {
    throw res.status === 400 && !(err instanceof SourceError && err.code === 'E_FEED_ERROR') ? http400() : err;
  }
  if (res.status === 400) throw http400();
  return batch;
}

async function fetchFeed(client: ArxivClient, url: string, categories: readonly string[], date?: string): Promise<FeedBatch> {
  const batch = await feedFromResponse(await client.get(url, { acceptStatus: [400] }));
  if (batch.items.length === 0 && (!date || date === batch.date)) judgeEmptyFeed(batch, categories);
  return batch;
}

/** Cross-check each category against its listing page; failures to get a listing are Problems. */
async function checkListings(
  client: ArxivClient,
  batch: FeedBatch,
  categories: readonly string[],
  listUrl: string,
): Promise<{ unversioned: Set<string>; listed: Set<string> }> {
  const wanted = new Set(categories);
  const unversioned = new Set<string>();
  // Every paper a listing of the feed's day shows, for telling a stale feed's leftovers.
  const listed = new Set<string>();
  for (const category of categories) {
    const url = `${listUrl}/list/${category}/new`;
    let listing;
    try {
      listing = parseListing((await client.get(url)).body, { url });
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      batch.problems.push({ stage: 'fetch', code: 'listing-failed', message: `${category}: no cross-check with the listing page: ${err.message.replace(/^\[fetch\] /, '')}` });
      continue;
    }
    const result = crossCheck(batch, category, listing, wanted);
    batch.problems.push(...result.problems);
    batch.items.push(...result.added);
    if (result.checked) (batch.checked ??= []).push(category);
    for (const id of result.unversioned) unversioned.add(id);
    if (!listing.date || listing.date === batch.date) for (const item of listing.items) listed.add(item.id);
  }
  return { unversioned, listed };
}

/**
 * Fetch one announcement day for `categories`: the feed, its cross-check against each listing page, the
 * announce-type filter, then export-API enrichment. Errors: `NoAnnouncementError` (empty day),
 * `SourceError` E_FEED_ERROR / E_FETCH / E_PARSE / E_STALE.
 */
export async function fetchDay(options: FetchDayOptions): Promise<FeedBatch> {
  const client = options.client ?? createArxivClient(options);
  const categories = canonicalCategories(options.categories);
  const apiUrl = base(options.apiUrl, 'https://export.arxiv.org');
  const feedUrl = `${base(options.rssUrl, 'https://rss.arxiv.org')}/rss/${categories.join('+')}`;
  const feed = await fetchFeed(client, feedUrl, categories, options.date);
  if (options.date && options.date !== feed.date) {
    const rebuilt = await fetchByDateRange(client, categories, options.date, { apiUrl });
    return { ...rebuilt, items: keep(rebuilt, options.announceTypes), feedItems: rebuilt.items.length };
  }
  const batch: FeedBatch = { ...feed, categories, items: [...feed.items], problems: [...feed.problems] };
  // Same date as the previous batch: a re-run of that day, keyed by its true date, not a stale feed.
  const previous = options.previousBatch?.date === batch.date ? undefined : options.previousBatch;
  if (previous && isPreviousBatch(batch, previous)) {
    throw staleError(previous.date, `its new papers were all announced on ${previous.date}`);
  }
  const { unversioned, listed } = await checkListings(client, batch, categories, base(options.listUrl, 'https://arxiv.org'));
  assertCompleted(batch);
  if (previous) dropPrevious(batch, previous, listed);
  // An empty weekday feed reaches here: the listings either filled it or confirm the quiet day.
  confirmEmpty(batch);
  batch.feedItems = batch.items.length;
  batch.items = keep(batch, options.announceTypes);
  const known = (await options.known?.(batch.items.map((i) => i.paper.id))) ?? new Map<string, Paper>();
  const fresh: FeedItem[] = [];
  for (const item of batch.items) {
    const stored = known.get(item.paper.id);
    if (stored && stored.version === item.paper.version && stored.primaryConfirmed) item.paper = mergePaper(item.paper, stored);
    else fresh.push(item);
  }
  const problems: Problem[] = await enrichItems(client, fresh, apiUrl, (p) => !unversioned.has(p.id));
  batch.problems.push(...problems);
  // After enrichment: the export API gives categories to an item the feed listed without any.
  batch.items = withoutUncategorized(batch.items, batch.problems);
  return batch;
}
