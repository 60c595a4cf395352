/**
 * Feed vs listing page for one category (arxiv.md §1, §10): a stale feed is an error, papers the listing shows
 * and the feed lacks (a feed cut at the 2000-item cap, a lagging feed) are filled from the listing, and every
 * disagreement becomes a Problem — never silent; one the filling cannot repair is `incomplete`.
 */
import { SourceError } from '../errors.js';
import { covers, inCategory } from '../taxonomy/index.js';
import type { FeedBatch, FeedItem, Paper, Problem } from '../types.js';
import type { Listing, ListingItem } from './listing.js';
import { FEED_ITEM_CAP } from './rss.js';

export interface CrossCheckResult {
  problems: Problem[];
  /** Papers the listing shows but the feed lacks, to append to the batch. */
  added: FeedItem[];
  /** Ids among `added` whose version the listing did not show (their `version` 1 is a guess). */
  unversioned: string[];
  /** Whether the listing was of the feed's day and compared: then `incomplete` says all there is to say. */
  checked: boolean;
}

/** A category id matches itself and, for an archive (`cs`), every category in it (the taxonomy's rule). */
export { inCategory };

export function listingPaper(item: ListingItem): Paper {
  return {
    id: item.id,
    version: item.version ?? 1,
    title: item.title,
    authors: item.authors,
    abstract: item.abstract,
    categories: item.categories,
    primaryCategory: item.primary,
    // The listing names the primary explicitly ("primary-subject").
    primaryConfirmed: item.primary !== '',
    comment: item.comment,
    journalRef: item.journalRef,
    doi: null,
    license: null,
    submitted: null,
    updated: null,
  };
}

function sample(ids: readonly string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')}, …` : ids.join(', ');
}

/** The feed repeats a batch already stored: its new papers were all in `previous`. */
export function isPreviousBatch(batch: FeedBatch, previous: { ids: readonly string[] }): boolean {
  const known = new Set(previous.ids);
  const fresh = batch.items.filter((i) => i.announceType === 'new');
  const pool = fresh.length ? fresh : batch.items;
  return pool.length > 0 && pool.every((i) => known.has(i.paper.id));
}

/** Problems meaning a listing did not (fully) check the feed. */
const UNCHECKED = new Set(['listing-failed', 'listing-stale', 'listing-newer', 'listing-empty', 'incomplete']);

/**
 * A feed cut at arXiv's cap that the listings could not complete is a truncated feed, exit 4 (README's table),
 * not a quiet digest short of its lowest-id papers. Call after every category's cross-check.
 */
export function assertCompleted(batch: FeedBatch): void {
  if (!batch.problems.some((p) => p.code === 'truncated')) return;
  const why = batch.problems.find((p) => UNCHECKED.has(p.code));
  if (!why) return;
  const reason = why.message.replace(/; try again later$/, '');
  throw new SourceError('E_PARSE', `the feed holds ${FEED_ITEM_CAP} items, arXiv's cap, and could not be completed from the listing: ${reason}; try again later`);
}

/**
 * A partly stale feed: papers of the stored `previous` batch that it still lists and no listing of its day shows
 * are yesterday's leftovers, removed with a Problem. Nothing is dropped unless every listing was read.
 */
export function dropPrevious(batch: FeedBatch, previous: { date: string; ids: readonly string[] }, listed: ReadonlySet<string>): void {
  // A category whose listing was not read could be the one showing the paper: then nothing is dropped.
  if (listed.size === 0 || batch.problems.some((p) => UNCHECKED.has(p.code) && p.code !== 'incomplete')) return;
  const known = new Set(previous.ids);
  const left = batch.items.filter((i) => known.has(i.paper.id) && !listed.has(i.paper.id) && (i.announceType === 'new' || i.announceType === 'cross'));
  if (left.length === 0) return;
  const gone = new Set(left);
  batch.items = batch.items.filter((i) => !gone.has(i));
  const what = left.length === 1 ? '1 paper' : `${left.length} papers`;
  batch.problems.push({
    stage: 'fetch',
    code: 'stale-items',
    message: `dropped ${what} of the ${previous.date} batch that the feed still lists and no listing shows (${sample(left.map((i) => i.paper.id))})`,
  });
}

export function staleError(date: string, why: string): SourceError {
  return new SourceError('E_STALE', `feed still serves the ${date} batch (${why}); try again later`);
}

/**
 * Compare the feed's new + cross papers in `category` with the listing's. Throws `E_STALE` when they are
 * disjoint and the listing is not the older of the two.
 */
export function crossCheck(batch: FeedBatch, category: string, listing: Listing, wanted: ReadonlySet<string>): CrossCheckResult {
  const problems: Problem[] = [];
  const say = (code: string, message: string) => problems.push({ stage: 'fetch', code, message, ...(code === 'incomplete' ? { category } : {}) });
  const feedIds = new Set(
    batch.items.filter((i) => i.announceType !== 'replace' && i.announceType !== 'replace-cross' && inCategory(i.paper.categories, category)).map((i) => i.paper.id),
  );
  const listed = listing.items.filter((i) => i.section !== 'replace');
  const listIds = new Set(listed.map((i) => i.id));
  const { new: n, cross: c } = listing.sections;
  if (!comparable(batch, category, listing, { feedIds, listIds }, say)) return { problems, added: [], unversioned: [], checked: false };
  const present = new Set(batch.items.map((i) => i.paper.id));
  // Whatever the listing shows and the feed lacks is added, not only at the 2000-item cap: the feed can also
  // lag behind the listing or drop papers, and the listing is the record of the day (arxiv.md §1).
  const added = listed.filter((i) => !feedIds.has(i.id) && !present.has(i.id)).map((i): FeedItem => ({
    paper: listingPaper(i),
    announceType: covers([...wanted], i.primary) ? 'new' : 'cross',
  }));
  const truncated = batch.problems.some((p) => p.code === 'truncated') || batch.items.length >= FEED_ITEM_CAP;
  if (added.length) {
    say(
      'filled-from-listing',
      `${category}: the listing shows ${listIds.size} new and cross-listed papers, the feed ${feedIds.size}: ` +
        `added the ${added.length} missing from the ${truncated ? 'truncated ' : ''}feed from the listing (${sample(added.map((a) => a.paper.id))})`,
    );
  }
  const addedIds = new Set(added.map((a) => a.paper.id));
  const unexplained = [...listIds].filter((id) => !feedIds.has(id) && !addedIds.has(id));
  const extra = [...feedIds].filter((id) => !listIds.has(id));
  if (unexplained.length || extra.length) {
    say(
      'count-mismatch',
      `${category}: the listing counts ${n.total} new + ${c.total} cross-listed papers, the feed has ${feedIds.size}` +
        (unexplained.length ? `; in the feed but not as a new or cross-listed ${category} paper: ${sample(unexplained)}` : '') +
        (extra.length ? `; not on the listing: ${sample(extra)}` : ''),
    );
  }
  // Papers the listing counts but neither shows nor the feed has: the day is known to lack them.
  const short = n.total + c.total - listIds.size - extra.length;
  if (short > 0) {
    say('incomplete', `${category}: the listing counts ${n.total + c.total} new and cross-listed papers, ${short} of them in neither the feed nor the entries the listing page shows`);
  } else if (n.shown < n.total || c.shown < c.total) {
    say('listing-partial', `${category}: the listing shows only ${n.shown + c.shown} of ${n.total + c.total} new and cross-listed papers`);
  }
  const unversioned = listed.filter((i) => i.version === undefined && added.some((a) => a.paper.id === i.id)).map((i) => i.id);
  return { problems, added, unversioned, checked: true };
}

/**
 * Whether the listing and the feed are of one day, so the papers one lacks can be filled from the other; says why
 * not. Throws `E_STALE` when they are disjoint and the listing is not the older of the two.
 */
function comparable(batch: FeedBatch, category: string, listing: Listing, ids: { feedIds: ReadonlySet<string>; listIds: ReadonlySet<string> }, say: (code: string, message: string) => void): boolean {
  const { feedIds, listIds } = ids;
  if (listIds.size > 0 && feedIds.size > 0 && ![...listIds].some((id) => feedIds.has(id))) {
    // Dates are not reliable on their own (arxiv.md §2); they only decide which side is behind.
    if (listing.date && listing.date < batch.date) {
      say('listing-stale', `${category}: the listing (${listing.date}) shares no paper with the ${batch.date} feed and looks older; not cross-checked`);
      return false;
    }
    throw staleError(batch.date, `none of its ${feedIds.size} ${category} papers is on the ${listing.date ?? 'current'} listing`);
  }
  if (listIds.size === 0 && feedIds.size > 0) {
    say('listing-empty', `${category}: the listing shows no new papers while the feed has ${feedIds.size}`);
    return false;
  }
  if (listing.date && listing.date !== batch.date) {
    // The papers one side lacks belong to the other day: nothing to fill or compare.
    const side = listing.date < batch.date ? 'older' : 'newer';
    say(`listing-${side === 'older' ? 'stale' : 'newer'}`, `${category}: the listing (${listing.date}) is ${side} than the ${batch.date} feed; not cross-checked`);
    return false;
  }
  return true;
}
