/**
 * The profile's library: merging imported items into a profile, fetching the metadata of library arXiv ids the
 * store lacks (politely, through the export API client) and storing it, and reading library papers back as
 * texts to rank against.
 */
import { SourceError } from '../errors.js';
import { fetchMetadata } from '../sources/api.js';
import type { ArxivClient } from '../sources/http.js';
import type { Store } from '../store/types.js';
import type { Paper } from '../types.js';
import type { LibraryItem, Profile } from './profile.js';

export type ProfileList = 'library' | 'notInterested';

export interface MergeResult {
  profile: Profile;
  /** Items new to the list. */
  added: number;
  /** Items already there (same arXiv id, or same title where one has no id), whose missing fields were filled in. */
  merged: number;
  /** Items taken out of the other list: the later mark wins (a library paper marked not interested, or back). */
  moved: number;
}

const titleKey = (t: string | undefined) => (t ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const itemKey = (x: LibraryItem) => (x.id ? `id:${x.id}` : `title:${titleKey(x.title)}`);

/**
 * Add items to a profile list (a new profile object; the input is not changed); duplicates merge. Items with
 * the same arXiv id are one paper; a title matches only where one side has no id (a reference exported
 * without it), since different papers can share a title ("Graph Neural Networks").
 */
export function mergeIntoProfile(profile: Profile, items: readonly LibraryItem[], list: ProfileList = 'library', now = new Date().toISOString()): MergeResult {
  const out = [...profile[list].map((x) => ({ ...x }))];
  const byKey = new Map(out.map((x, i) => [itemKey(x), i]));
  const byTitle = new Map<string, number[]>();
  const index = (x: LibraryItem, i: number) => {
    if (x.title) byTitle.set(titleKey(x.title), [...(byTitle.get(titleKey(x.title)) ?? []), i]);
  };
  out.forEach(index);
  const sameTitle = (item: LibraryItem) =>
    item.title ? byTitle.get(titleKey(item.title))?.find((i) => !item.id || !(out[i] as LibraryItem).id) : undefined;
  let added = 0;
  let merged = 0;
  for (const item of items) {
    const at = byKey.get(itemKey(item)) ?? sameTitle(item);
    if (at === undefined) {
      out.push({ ...item, addedAt: item.addedAt ?? now });
      byKey.set(itemKey(item), out.length - 1);
      index(item, out.length - 1);
      added++;
      continue;
    }
    // Keep what the profile has; take only what it lacks (an id found by a later export, an abstract).
    out[at] = { ...item, ...stripUndefined(out[at] as LibraryItem) };
    byKey.set(itemKey(out[at] as LibraryItem), at);
    merged++;
  }
  const other: ProfileList = list === 'library' ? 'notInterested' : 'library';
  const kept = profile[other].filter((x) => !items.some((item) => samePaper(x, item)));
  return { profile: { ...profile, [list]: out, [other]: kept }, added, merged, moved: profile[other].length - kept.length };
}

/** Same arXiv id, or (where either has no id) the same title. */
function samePaper(a: LibraryItem, b: LibraryItem): boolean {
  if (a.id && b.id) return a.id === b.id;
  return a.title !== undefined && b.title !== undefined && titleKey(a.title) === titleKey(b.title);
}

function stripUndefined<T extends object>(x: T): Partial<T> {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface FetchLibraryOptions {
  store: Store;
  /** The polite arXiv client; without one, nothing is fetched (offline). */
  client?: ArxivClient | null;
  /** Export API base URL. @default 'https://export.arxiv.org' */
  apiUrl?: string;
}

export interface FetchLibraryResult {
  /** Ids whose metadata was already stored. */
  stored: number;
  /** Ids fetched from the export API and stored now. */
  fetched: number;
  /** Ids neither stored nor known to the export API (or not fetched: offline, or the API failed). */
  missing: string[];
  /** The export API failed part way (what came before is stored); null when it answered. */
  failure: SourceError | null;
}

/** Make sure every library arXiv id has its metadata in the store: read it there, else fetch and store it. */
export async function fetchLibraryPapers(items: readonly LibraryItem[], options: FetchLibraryOptions): Promise<FetchLibraryResult> {
  const ids = [...new Set(items.flatMap((x) => (x.id ? [x.id] : [])))];
  const have = await options.store.getPapers(ids);
  const wanted = ids.filter((id) => !have.has(id));
  const fetched = new Map<string, Paper>();
  let failure: SourceError | null = null;
  if (wanted.length > 0 && options.client) {
    // The batches fetched before a failure are kept: the caller saves the import and names what is missing.
    await fetchMetadata(options.client, wanted, { apiUrl: options.apiUrl, into: fetched }).catch((err: unknown) => {
      if (!(err instanceof SourceError)) throw err;
      failure = err;
    });
    if (fetched.size > 0) await options.store.upsertPapers([...fetched.values()]);
  }
  return { stored: have.size, fetched: fetched.size, missing: wanted.filter((id) => !fetched.has(id)), failure };
}

/** A library paper as the ranker reads it. */
export interface LibraryDoc {
  /** arXiv id, or null for a reference that is not on arXiv. */
  id: string | null;
  /** How explanations name it: the arXiv id, else the (shortened) title. */
  label: string;
  title: string;
  abstract: string;
}

/**
 * The texts of a profile list: stored metadata for arXiv ids (the authoritative abstract), else what the
 * profile item itself carries. Items with no text at all are returned in `missing`.
 */
export async function libraryDocs(items: readonly LibraryItem[], store: Store): Promise<{ docs: LibraryDoc[]; missing: string[] }> {
  const stored = await store.getPapers(items.flatMap((x) => (x.id ? [x.id] : [])));
  const docs: LibraryDoc[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = itemKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const paper = item.id ? stored.get(item.id) : undefined;
    const title = paper?.title || item.title || '';
    const abstract = paper?.abstract || item.abstract || '';
    if (`${title}${abstract}`.trim() === '') {
      missing.push(item.id ?? item.title ?? '?');
      continue;
    }
    docs.push({ id: item.id ?? null, label: item.id ?? shorten(title), title, abstract });
  }
  return { docs, missing };
}

function shorten(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `“${t.slice(0, 57).trimEnd()}…”` : `“${t}”`;
}
