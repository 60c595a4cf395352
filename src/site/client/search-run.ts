/**
 * A search over the site's periods (months): by default the newest few, as many as stay in memory at once;
 * on request all of them (years of history are hundreds of MB of shards, so that is the reader's choice).
 * Periods whose shard is in memory answer at once, the others are loaded one by one, newest first, and their
 * hits merged in as they arrive. A newer search cancels an older one between periods.
 */
import type { SearchResult } from 'minisearch';
import { QUERY_OPTIONS } from '../search-options.js';
import type { StoredDoc } from '../search-options.js';
import type { Manifest, ManifestPeriod } from '../types.js';
import { KEEP_SHARDS, isShardLoaded, loadShard } from './data.js';

export interface Hit extends StoredDoc {
  score: number;
  /** Indexed words that matched (after prefix and fuzzy expansion), for highlighting. */
  terms: string[];
  /** Fields the words matched in: title, authors, text (the abstract and the summary). */
  fields: string[];
}

export interface SearchFilter {
  cat: string;
  type: string;
}

export interface Progress {
  hits: Hit[];
  searched: number;
  total: number;
  /** Period being loaded, if any. */
  loading: ManifestPeriod | null;
  /** Older periods left out of this search, and the bytes their shards would cost. */
  older: { periods: number; bytes: number };
  error: string | null;
}

const PER_PERIOD = 200;
const MAX_HITS = 1000;
let generation = 0;

function toHit(r: SearchResult): Hit {
  const s = r as SearchResult & StoredDoc;
  const fields = [...new Set(Object.values(r.match).flat())];
  return { score: r.score, terms: r.terms, fields, date: s.date, pid: s.pid, title: s.title, byline: s.byline, section: s.section, type: s.type, cats: s.cats, tldr: s.tldr };
}

async function searchPeriod(period: ManifestPeriod, q: string, f: SearchFilter): Promise<Hit[]> {
  const index = await loadShard(period);
  const filter = (r: SearchResult): boolean => (!f.cat || String(r.cats).split(' ').includes(f.cat)) && (!f.type || r.type === f.type);
  return index.search(q, { ...QUERY_OPTIONS, filter }).slice(0, PER_PERIOD).map(toHit);
}

/**
 * Start loading the newest period's shard (the first a search reads) without searching: called when the reader
 * focuses the search box, so that fetching and deserializing it (seconds for a month of a busy category) overlaps
 * the typing instead of following it. A failure is left for the search itself to report.
 */
export function warmSearch(manifest: Manifest): void {
  const newest = [...manifest.periods].sort((a, b) => b.id.localeCompare(a.id))[0];
  if (newest && !isShardLoaded(newest.id)) loadShard(newest).catch(() => undefined);
}

export async function runSearch(manifest: Manifest, q: string, f: SearchFilter, all: boolean, onProgress: (p: Progress) => void): Promise<void> {
  const gen = ++generation;
  const newest = [...manifest.periods].sort((a, b) => b.id.localeCompare(a.id));
  const periods = all ? newest : newest.slice(0, KEEP_SHARDS);
  const left = newest.slice(periods.length);
  const older = { periods: left.length, bytes: left.reduce((n, p) => n + p.bytes, 0) };
  // Periods in memory first: their answer is immediate, the rest needs the network.
  const order = [...periods.filter((p) => isShardLoaded(p.id)), ...periods.filter((p) => !isShardLoaded(p.id))];
  const hits: Hit[] = [];
  let searched = 0;
  const report = (loading: ManifestPeriod | null, error: string | null = null): void => onProgress({ hits, searched, total: periods.length, loading, older, error });
  for (const period of order) {
    if (!isShardLoaded(period.id)) report(period);
    try {
      const found = await searchPeriod(period, q, f);
      if (gen !== generation) return;
      hits.push(...found);
      hits.sort((a, b) => b.score - a.score);
      hits.length = Math.min(hits.length, MAX_HITS);
    } catch (err) {
      if (gen === generation) report(null, err instanceof Error ? err.message : String(err));
      return;
    }
    searched += 1;
    report(null);
  }
}

export function cancelSearch(): void {
  generation += 1;
}
