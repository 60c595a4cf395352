/**
 * Loading the site's data with relative URLs (the site works under any sub-path): the manifest (revalidated on
 * every visit), day files and search shards (URLs carry their content hash, so caches are always right).
 * Search shards are the big files: loaded only when a search needs that period, a few kept in memory.
 */
import type MiniSearch from 'minisearch';
import { INDEX_OPTIONS } from '../search-options.js';
import type { SearchDoc } from '../search-options.js';
import type { Manifest, ManifestDay, ManifestPeriod, SiteDay } from '../types.js';
import { MANIFEST_FILE, dayFile } from '../types.js';

export class LoadError extends Error {
  override name = 'LoadError';
}

async function get(url: string, cache: RequestCache = 'default'): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { cache });
  } catch (err) {
    const hint = location.protocol === 'file:' ? ' (browsers block reading files from file://; run `preprint-digest serve DIR`)' : '';
    throw new LoadError(`could not load ${url}${hint}`, { cause: err });
  }
  if (!res.ok) throw new LoadError(`could not load ${url}: HTTP ${res.status}`);
  return res;
}

export async function loadManifest(): Promise<Manifest> {
  const manifest = (await (await get(MANIFEST_FILE, 'no-cache')).json()) as Manifest;
  if (manifest.format !== 'preprint-digest-site') throw new LoadError(`${MANIFEST_FILE} is not a preprint-digest manifest`);
  return manifest;
}

const days = new Map<string, Promise<SiteDay>>();

export function loadDay(entry: ManifestDay): Promise<SiteDay> {
  let p = days.get(entry.date);
  if (!p) {
    p = get(`${dayFile(entry.date)}?v=${entry.hash}`).then((r) => r.json() as Promise<SiteDay>);
    p.catch(() => days.delete(entry.date));
    days.set(entry.date, p);
  }
  return p;
}

/**
 * Per period read so far: paper id → a day of the site that lists it. Small (an id and a date per paper), so it
 * is kept after its shard is dropped: it tells which papers the site holds without reloading the shard.
 */
const listed = new Map<string, Map<string, string>>();

/** A day of the site listing paper `id`, among the periods read so far; null when none of them lists it. */
export function listedDay(id: string): string | null {
  for (const papers of listed.values()) {
    const date = papers.get(id);
    if (date) return date;
  }
  return null;
}

export function isPeriodRead(id: string): boolean {
  return listed.has(id);
}

/** Deserialized shards kept at once: each is tens of MB of heap at 200 papers a day. */
export const KEEP_SHARDS = 4;
const shards = new Map<string, Promise<MiniSearch<SearchDoc>>>();

export function isShardLoaded(id: string): boolean {
  return shards.has(id);
}

export function loadShard(period: ManifestPeriod): Promise<MiniSearch<SearchDoc>> {
  const hit = shards.get(period.id);
  if (hit) {
    shards.delete(period.id); // re-insert: Map order is the LRU order
    shards.set(period.id, hit);
    return hit;
  }
  const p = (async () => {
    const [{ default: MiniSearchClass }, text] = await Promise.all([import('minisearch'), get(`${period.file}?v=${period.hash}`).then((r) => r.text())]);
    const index = await MiniSearchClass.loadJSONAsync<SearchDoc>(text, INDEX_OPTIONS);
    listed.set(period.id, new Map(index.search(MiniSearchClass.wildcard).map((r) => [String(r.pid), String(r.date)])));
    return index;
  })();
  p.catch(() => shards.delete(period.id));
  shards.set(period.id, p);
  while (shards.size > KEEP_SHARDS) shards.delete(shards.keys().next().value as string);
  return p;
}
