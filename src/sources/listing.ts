/**
 * Parser for `/list/<cat>/new` in the arxiv-browse markup (2024+, arxiv.md §5): the announcement date,
 * "showing X of Y" per section, and every listed paper with its metadata. Used to cross-check the feed.
 */
import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { SourceError } from '../errors.js';
import { parseArxivId } from '../papers/ids.js';
import { canonicalCategories, canonicalCategory } from '../taxonomy/index.js';
import { oneLine } from './_xml.js';

export type ListingSectionName = 'new' | 'cross' | 'replace';

export interface ListingSection {
  shown: number;
  total: number;
}

export interface ListingItem {
  id: string;
  /** From the HTML full-text link, when the page shows one. */
  version?: number;
  section: ListingSectionName;
  /** Canonical primary category. */
  primary: string;
  /** Canonical categories, primary first. */
  categories: string[];
  title: string;
  authors: string[];
  abstract: string;
  comment: string | null;
  journalRef: string | null;
}

export interface Listing {
  /** `YYYY-MM-DD` from "Showing new listings for …" (the mailing date), null if the page gives none. */
  date: string | null;
  sections: Record<ListingSectionName, ListingSection>;
  items: ListingItem[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SECTION_NAMES: Record<string, ListingSectionName> = { New: 'new', Cross: 'cross', Replacement: 'replace' };
// "New submissions (showing 2 of 2 entries)", "Cross submissions for Wednesday, … (continued, showing last 5 of 132 entries )"
const SECTION_HEADING = /^(New|Cross|Replacement) submissions\b.*\((?:continued, )?showing (?:first |last )?(\d+) of (\d+) entries\s*\)/;
const DATE_TEXT = /(?:Showing new listings for|submissions for) \w+, (\d{1,2}) (\w+) (\d{4})/;

function parseDate(s: string): string | null {
  const m = DATE_TEXT.exec(s);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (!m || month < 0) return null;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** Text of a `.list-*` field without its "Title:"/"Comments:" descriptor. */
function field(dd: HTMLElement, selector: string): string | null {
  const el = dd.querySelector(selector);
  if (!el) return null;
  const value = oneLine(el.text).replace(/^[A-Za-z-]+:\s*/, '');
  return value || null;
}

function readItem(dt: HTMLElement, dd: HTMLElement | undefined, section: ListingSectionName): ListingItem | null {
  const abs = dt.querySelector('a[title="Abstract"]');
  const parsed = parseArxivId(abs?.getAttribute('id') ?? abs?.text ?? '');
  if (!parsed || !dd) return null;
  const html = dt.querySelectorAll('a').find((a) => a.getAttribute('id')?.startsWith('html-'));
  const version = /v(\d+)$/.exec(html?.getAttribute('href') ?? '')?.[1];
  const subjects = dd.querySelector('.list-subjects')?.text ?? '';
  const primaryText = dd.querySelector('.primary-subject')?.text ?? '';
  const codes = [...subjects.matchAll(/\(([a-z][a-z-]*(?:\.[A-Za-z-]+)?)\)/g)].map((m) => m[1]!);
  const primary = canonicalCategory(/\(([^()]+)\)\s*$/.exec(primaryText)?.[1] ?? codes[0] ?? '');
  const authorLinks = dd.querySelectorAll('.list-authors a').map((a) => oneLine(a.text));
  const authors = authorLinks.length ? authorLinks : (field(dd, '.list-authors') ?? '').split(', ').filter(Boolean);
  return {
    id: parsed.id,
    ...(version ? { version: Number(version) } : {}),
    section,
    primary,
    categories: canonicalCategories(primary ? [primary, ...codes] : codes),
    title: field(dd, '.list-title') ?? '',
    authors,
    abstract: oneLine(dd.querySelector('p.mathjax')?.text ?? ''),
    comment: field(dd, '.list-comments'),
    journalRef: field(dd, '.list-journal-ref'),
  };
}

/** Parse a listing page; "No updates today." gives an empty listing, an unknown layout `SourceError('E_PARSE')`. */
export function parseListing(html: string, options: { url?: string } = {}): Listing {
  const root = parse(html);
  const sections: Record<ListingSectionName, ListingSection> = {
    new: { shown: 0, total: 0 },
    cross: { shown: 0, total: 0 },
    replace: { shown: 0, total: 0 },
  };
  const listing: Listing = { date: null, sections, items: [] };
  let current: ListingSectionName | null = null;
  let headings = 0;
  let dts = 0;
  const nodes = root.querySelectorAll('h3, dt, dd');
  nodes.forEach((node, i) => {
    if (node.tagName === 'H3') {
      const heading = oneLine(node.text);
      listing.date ??= parseDate(heading);
      const m = SECTION_HEADING.exec(heading);
      if (!m) return;
      headings++;
      current = SECTION_NAMES[m[1]!] ?? null;
      if (current) sections[current] = { shown: Number(m[2]), total: Number(m[3]) };
    } else if (node.tagName === 'DT') {
      dts++;
      const next = nodes[i + 1];
      const item = current ? readItem(node, next?.tagName === 'DD' ? next : undefined, current) : null;
      if (item) listing.items.push(item);
    }
  });
  const quiet = /No updates today\./.test(root.text);
  const shown = sections.new.shown + sections.cross.shown + sections.replace.shown;
  // Headings that count entries over no item at all: the items moved to other markup, not a quiet day.
  const lost = shown > 0 && listing.items.length === 0;
  if ((headings === 0 && !quiet) || (dts > 0 && listing.items.length < dts) || lost) {
    const where = options.url ? ` ${options.url}` : '';
    const what =
      headings === 0 ? 'no "showing X of Y entries" headings' : lost ? `its headings show ${shown} entries but no item was found` : `${dts - listing.items.length} unreadable items`;
    throw new SourceError('E_PARSE', `listing page${where} is not in the expected layout (${what})`, { url: options.url });
  }
  return listing;
}
