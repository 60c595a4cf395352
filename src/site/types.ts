/**
 * Shapes of the static reader: the options of `buildSite`, and the files it writes (manifest, day data), which
 * the client in `client/` reads. Kept free of Node imports so the client bundle can import the types.
 */
import type { JsonRecord } from '../render/jsonl.js';

export interface SiteOptions {
  /** Shown in the header and the page title. @default 'preprint-digest' */
  title?: string;
  /** Absolute URL the site is published at (e.g. `https://me.github.io/digest/`), for the canonical link. */
  siteUrl?: string;
  /**
   * Keep the days already in `outDir` and merge the given ones in: a day whose data did not change is not
   * rewritten, and a period's search index is rebuilt only when one of its days changed. Without it the site
   * holds exactly the given days. @default false
   */
  incremental?: boolean;
  /** Folder with the bundled reader (`reader.js`, `reader.css`, fonts). @default the package's `dist/reader/` */
  assetsDir?: string;
  /** The caller already holds the folder's lock (`withSiteLock`), so the build does not take it again. */
  lockHeld?: boolean;
}

export interface SiteResult {
  outDir: string;
  /** Absolute path of `index.html`. */
  index: string;
  /** Dates in the site, oldest first. */
  days: string[];
  /** Dates whose data file was (re)written by this build. */
  written: string[];
  /** Periods (`YYYY-MM`) whose search index was (re)built by this build. */
  indexed: string[];
  papers: number;
}

/** One paper of a day as the reader gets it: exactly the JSONL record (relevance included when ranked). */
export type SiteRecord = JsonRecord;

/** `data/days/YYYY-MM-DD.json`. */
export interface SiteDay {
  date: string;
  categories: string[];
  reconstructed: boolean;
  /** Sections in display order with their paper counts (a section can be empty). */
  sections: { category: string; name: string | null; count: number }[];
  /** Why the day is known to lack papers (shown atop the day), when it is. */
  incomplete?: string[];
  /** Ids of the ranking's top papers for the reader, best first; null when the day was not ranked. */
  forYou: string[] | null;
  /** Entries in section order, then listing order. */
  records: SiteRecord[];
}

export interface ManifestDay {
  date: string;
  period: string;
  papers: number;
  categories: string[];
  /** Content hash of the day file; the client appends it to the URL so caches never serve an old day. */
  hash: string;
  bytes: number;
}

export interface ManifestPeriod {
  /** `YYYY-MM`. */
  id: string;
  /** Path of the serialized MiniSearch index, relative to the site root. */
  file: string;
  docs: number;
  hash: string;
  bytes: number;
  /**
   * The months (`YYYY-MM`) the ids of the period's papers name ({@link idMonth}), sorted: a paper is mostly listed
   * in its id's month or the next, but a replacement or cross-list of an old paper is not, and a link to it must
   * find its shard without loading every shard (a few dozen months per period; the manifest stays small).
   */
  paperMonths: string[];
}

/** `data/manifest.json`: every day and search period of the site. */
export interface Manifest {
  format: 'preprint-digest-site';
  version: 1;
  title: string;
  siteUrl: string | null;
  /** Dates oldest first. */
  days: ManifestDay[];
  periods: ManifestPeriod[];
}

export const MANIFEST_FILE = 'data/manifest.json';

export function dayFile(date: string): string {
  return `data/days/${date}.json`;
}

export function periodFile(period: string): string {
  return `data/search/${period}.json`;
}

/** Search periods are calendar months: about 21 announcement days, a shard of a few MB at 200 papers a day. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

/** The month (`YYYY-MM`) a paper id names (`2601.12345` → 2026-01, `hep-th/9901001` → 1999-01); null when none. */
export function idMonth(id: string): string | null {
  const m = /^(\d{2})(\d{2})\.\d+(?:v\d+)?$/.exec(id) ?? /\/(\d{2})(\d{2})\d+(?:v\d+)?$/.exec(id);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${Number(m[1]) + (Number(m[1]) > 90 ? 1900 : 2000)}-${m[2]}`;
}
