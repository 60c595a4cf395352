/**
 * Atom and JSON Feed files for the published site: one pair per day (`feeds/2026-01-30.atom.xml`), per category
 * over the latest days (`feeds/cs.LG.atom.xml`), and the latest days at the root (`feed.atom.xml`, `feed.json`).
 * Pure: `buildFeeds` returns path → content and `writeFeeds` does the I/O. Called by the lead's site/run step.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Feed } from 'feed';
import { ConfigError, DigestError } from '../errors.js';
import type { Digest, DigestEntry } from '../types.js';
import { writeAtomic } from '../render/atomic.js';
import { announcedAt, escapeHtml } from './_text.js';
import { readerUrl, siteBase } from './reader-link.js';
import { feedItem } from './feed-entry.js';
import type { FeedItemView } from './feed-entry.js';
import { renderJsonFeed } from './jsonfeed.js';

export interface FeedOptions {
  /** Absolute URL the site is published at (feed ids and self links need it), e.g. `https://me.github.io/digest`. */
  siteUrl: string;
  /** @default 'preprint-digest' */
  title?: string;
  /**
   * How many of the latest announcement days the root and per-category feeds cover.
   * @default 5
   */
  latestDays?: number;
}

/** Relative path (always `/`-separated) → file content. */
export type FeedFiles = Map<string, string>;

interface Item {
  view: FeedItemView;
  entry: DigestEntry;
}

interface FeedSpec {
  /** Path without the extension, e.g. `feeds/cs.LG` or `feed`. */
  stem: string;
  title: string;
  description: string;
  home: string;
  items: Item[];
  updated: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Category ids become file names and XML attributes: only the taxonomy's characters pass. */
const CATEGORY = /^[A-Za-z][A-Za-z-]*(?:\.[A-Za-z-]+)?$/;
const ARXIV_SCHEME = 'http://arxiv.org/schemas/atom';

interface FeedContext {
  base: string;
  title: string;
}

function feedContext(options: FeedOptions): FeedContext {
  const base = siteBase(options.siteUrl);
  if (!base) throw new ConfigError(`siteUrl "${options.siteUrl}" is not an absolute http(s) URL; feeds need one`);
  return { base, title: options.title ?? 'preprint-digest' };
}

/** The days newest first, every date checked (it becomes a file name). */
function newestFirst(days: readonly Digest[]): Digest[] {
  for (const day of days) {
    if (!DATE.test(day.date)) throw new DigestError('E_RENDER', `digest date "${day.date}" is not a YYYY-MM-DD date`, { stage: 'render' });
  }
  return [...days].sort((a, b) => b.date.localeCompare(a.date));
}

function itemsOf(day: Digest, base: string): Item[] {
  return day.sections.flatMap((s) => s.entries).map((entry) => ({ entry, view: feedItem(entry, day.date, base) }));
}

function addPair(files: FeedFiles, spec: FeedSpec, base: string): void {
  for (const [file, content] of renderPair(spec, base)) files.set(file, content);
}

function addDayPair(files: FeedFiles, day: Digest, { base, title }: FeedContext): void {
  const cats = day.categories.join(', ');
  addPair(files, { stem: `feeds/${day.date}`, title: `${title} · ${day.date}`, description: `arXiv announcement of ${day.date}: ${cats}`, home: readerUrl(base, day.date), items: itemsOf(day, base), updated: announcedAt(day.date) }, base);
}

/** The feeds over the latest days: one per category listed on them, and the root feed. */
function addLatest(files: FeedFiles, sorted: readonly Digest[], latestDays: number | undefined, { base, title }: FeedContext): void {
  const latest = sorted.slice(0, Math.max(1, latestDays ?? 5));
  const updated = latest[0] ? announcedAt(latest[0].date) : new Date();
  const latestItems = uniqueItems(latest.map((d) => itemsOf(d, base)));
  const categories = [...new Set(latest.flatMap((d) => d.categories))].filter((c) => CATEGORY.test(c));
  for (const cat of categories) {
    const items = latestItems.filter((i) => i.entry.paper.categories.includes(cat));
    addPair(files, { stem: `feeds/${cat}`, title: `${title} · ${cat}`, description: `Latest arXiv announcements in ${cat}`, home: `${base}/`, items, updated }, base);
  }
  const allCats = categories.join(', ');
  addPair(files, { stem: 'feed', title, description: `Latest arXiv announcements: ${allCats}`, home: `${base}/`, items: latestItems, updated }, base);
}

export function buildFeeds(days: readonly Digest[], options: FeedOptions): FeedFiles {
  const context = feedContext(options);
  const sorted = newestFirst(days);
  const files: FeedFiles = new Map();
  for (const day of sorted) addDayPair(files, day, context);
  addLatest(files, sorted, options.latestDays, context);
  return files;
}

/** One day's own feed pair (`feeds/DATE.atom.xml`, `.json`), as `buildFeeds` makes it: for building day by day. */
export function buildDayFeeds(day: Digest, options: FeedOptions): FeedFiles {
  const context = feedContext(options);
  const files: FeedFiles = new Map();
  for (const d of newestFirst([day])) addDayPair(files, d, context);
  return files;
}

/**
 * The per-category and root feeds of `buildFeeds` without the per-day pairs: given at least the latest
 * `latestDays` days, the same files as `buildFeeds` over the whole archive.
 */
export function buildLatestFeeds(days: readonly Digest[], options: FeedOptions): FeedFiles {
  const files: FeedFiles = new Map();
  addLatest(files, newestFirst(days), options.latestDays, feedContext(options));
  return files;
}

/**
 * Items of several days, newest day first; a paper version listed on more than one day (a later cross-listing)
 * keeps only its first announcement, because feed ids must be unique within a feed.
 */
function uniqueItems(daysNewestFirst: Item[][]): Item[] {
  const seen = new Set<string>();
  const kept: Item[][] = [];
  for (const day of [...daysNewestFirst].reverse()) {
    kept.push(day.filter((i) => !seen.has(i.view.id) && seen.add(i.view.id)));
  }
  return kept.reverse().flat();
}

function renderPair(spec: FeedSpec, base: string): [string, string][] {
  const atomPath = `${spec.stem}.atom.xml`;
  const jsonPath = `${spec.stem}.json`;
  const language = mostCommon(spec.items.map((i) => i.view.language));
  const json = renderJsonFeed(
    { title: spec.title, description: spec.description, homePageUrl: spec.home, feedUrl: `${base}/${jsonPath}`, language },
    spec.items.map(({ view, entry }) => ({
      view,
      arxiv: { id: entry.paper.id, version: entry.paper.version, announceType: entry.announceType, primaryCategory: entry.paper.primaryCategory },
    })),
  );
  return [[atomPath, withLanguage(renderAtom(spec, `${base}/${atomPath}`, `${base}/${jsonPath}`), language)], [jsonPath, json]];
}

function renderAtom(spec: FeedSpec, self: string, jsonUrl: string): string {
  const feed = new Feed({
    id: self,
    title: keepEntities(spec.title),
    description: keepEntities(spec.description),
    updated: spec.updated,
    generator: 'preprint-digest',
    link: spec.home,
    feedLinks: { atom: self, json: jsonUrl },
    // RFC 4287 wants an author on the feed unless every entry has one; a paper may list none.
    author: { name: keepEntities(spec.title) },
  });
  for (const { view } of spec.items) {
    feed.addItem({
      // `feed` writes title, summary and content as type="html" CDATA: so they are escaped HTML, shown as text.
      title: escapeHtml(view.title),
      id: view.id,
      link: view.link,
      date: view.date,
      published: view.date,
      description: escapeHtml(view.summary),
      content: view.contentHtml,
      author: view.authors.map((name) => ({ name: keepEntities(name) })),
      category: view.categories.filter((c) => CATEGORY.test(c)).map((term) => ({ term, scheme: ARXIV_SCHEME })),
    });
  }
  return `${feed.atom1()}\n`;
}

/** BCP 47 as RFC 4287's grammar takes it (xml:lang). */
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

/** The summaries' language as the Atom feed's xml:lang (as feed.json's `language`); `feed` has no option for it. */
function withLanguage(atom: string, language: string | null): string {
  if (!language || !LANGUAGE_TAG.test(language)) return atom;
  return atom.replace(ATOM_ROOT, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}">`);
}

/**
 * `feed`'s XML writer (xml-js) turns a literal `&amp;` into `&` before escaping text nodes; doubling it first
 * makes the text read back exactly as given.
 */
function keepEntities(text: string): string {
  return text.replace(/&amp;/g, '&amp;amp;');
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/** Write the files under `outDir` (directories created); returns the absolute paths written. */
export async function writeFeeds(files: FeedFiles, outDir: string): Promise<string[]> {
  const root = path.resolve(outDir);
  const written: string[] = [];
  for (const [rel, content] of files) {
    const target = path.resolve(root, rel);
    if (!target.startsWith(root + path.sep)) throw new DigestError('E_RENDER', `feed path "${rel}" leaves ${root}`, { stage: 'render' });
    await mkdir(path.dirname(target), { recursive: true });
    // Atomic like every other site file: a feed reader polling mid-build gets the old feed or the new one.
    await writeAtomic(target, content);
    written.push(target);
  }
  return written;
}
