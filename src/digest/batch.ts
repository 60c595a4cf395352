/**
 * Where a day's batch comes from: a saved feed file (no network), the store (a day already fetched), or
 * arXiv (feed, listing cross-check, export API enrichment; a past day reconstructed from submission dates).
 */
import { createArxivClient, fetchDay, readFeedFile } from '../sources/index.js';
import type { ArxivClient } from '../sources/index.js';
import type { PacingGate } from '../sources/http.js';
import type { Store, StoredDay } from '../store/types.js';
import { covers } from '../taxonomy/index.js';
import type { AnnounceType, FeedBatch, FeedItem } from '../types.js';

export interface FetchOptions {
  categories: string[];
  announceTypes: AnnounceType[];
  feedFile?: string;
  date?: string;
  rssUrl: string;
  apiUrl: string;
  listUrl: string;
  contact: string | null;
  minIntervalMs: number;
  timeoutMs: number;
  retries: number;
  /** Refetch even when the store already holds the requested day. */
  refresh?: boolean;
  /** Cluster-wide arXiv pacing (`run --queue`): the spacing holds across every process sharing it. */
  gate?: PacingGate;
}

export type RequestStats = ReturnType<ArxivClient['stats']>;

/** `onRequests` receives the client's request counts once fetching ends, also when it fails. */
export async function fetchBatch(options: FetchOptions, store: Store, onRequests?: (stats: RequestStats) => void): Promise<FeedBatch> {
  if (options.feedFile) {
    return readFeedFile(options.feedFile, { categories: options.categories, announceTypes: options.announceTypes });
  }
  if (options.date && !options.refresh) {
    const stored = await batchFromStore(options.date, options.categories, store);
    if (stored) return stored;
  }
  const client = createArxivClient({
    contact: options.contact ?? undefined,
    minIntervalMs: options.minIntervalMs,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    gate: options.gate,
  });
  try {
    const previous = await previousBatch(store, options.date);
    const known = (ids: readonly string[]) => store.getPapers(ids);
    return await fetchDay({ ...options, contact: options.contact ?? undefined, client, previousBatch: previous, known });
  } finally {
    onRequests?.(client.stats());
  }
}

/** A day already in the store that covers every requested category (itself or its archive): rebuilt without any request. */
export async function batchFromStore(date: string, categories: readonly string[], store: Store): Promise<FeedBatch | null> {
  const day = await store.getDay(date);
  if (!day || !categories.every((c) => covers(day.categories, c))) return null;
  const items: FeedItem[] = [];
  for (const listing of day.listings) {
    const paper = await store.getVersion(listing.id, listing.version);
    if (paper) items.push({ paper, announceType: listing.announceType });
  }
  return {
    date,
    categories: day.categories,
    items,
    source: 'store',
    reconstructed: day.reconstructed,
    builtAt: null,
    // Known gaps stay known: every later render of the day says what the fetch found missing.
    problems: (day.incomplete ?? []).map((n) => ({ stage: 'fetch', code: 'incomplete', category: n.category, message: n.message })),
  };
}

/** What the fetch learnt about missing papers, for the stored day (a batch read back from the store adds nothing). */
export function dayNotes(batch: FeedBatch): Pick<StoredDay, 'incomplete' | 'checked'> {
  if (batch.source === 'store') return {};
  const incomplete = batch.problems.flatMap((p) => (p.code === 'incomplete' && p.category ? [{ category: p.category, message: p.message }] : []));
  return { incomplete, checked: batch.checked ?? [] };
}

/** The latest stored day before `date` (or before today), for stale-feed detection. */
async function previousBatch(store: Store, date?: string): Promise<{ date: string; ids: string[] } | undefined> {
  const days = await store.listDays();
  const prev = days.find((d) => !date || d < date);
  if (!prev) return undefined;
  const day = await store.getDay(prev);
  return day ? { date: prev, ids: day.listings.map((l) => l.id) } : undefined;
}
