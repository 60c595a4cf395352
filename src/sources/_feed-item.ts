/**
 * One feed entry (RSS item or Atom entry, already pulled out of the XML) → a FeedItem with a normalised Paper.
 */
import { parseArxivId } from '../papers/ids.js';
import { canonicalCategories } from '../taxonomy/index.js';
import { ANNOUNCE_TYPES } from '../types.js';
import type { AnnounceType, FeedItem, Paper, Problem } from '../types.js';
import { oneLine, rawText, text } from './_xml.js';

export interface RawFeedItem {
  /** guid / Atom id (`oai:arXiv.org:<id>v<n>`), else the abs link. */
  id: string;
  title: unknown;
  /** RSS description / Atom summary: `arXiv:<id>v<n> Announce Type: <type> \nAbstract: …`. */
  summary: unknown;
  categories: string[];
  announceType: string;
  creator: string;
  rights: string;
  doi: string;
  journalRef: string;
}

const TYPES: ReadonlySet<string> = new Set(ANNOUNCE_TYPES);

/**
 * Authors from `dc:creator`: "A B, C D (Univ X, Lab Y), E F". Commas inside parentheses belong to
 * affiliations, which are dropped (the export API and listing give bare names).
 */
export function splitAuthors(creator: string): string[] {
  if (!creator) return [];
  const parts: string[] = [];
  if (!creator.includes('(')) {
    parts.push(...creator.split(','));
  } else {
    let depth = 0;
    let start = 0;
    for (let i = 0; i < creator.length; i++) {
      const ch = creator[i];
      if (ch === '(') depth++;
      else if (ch === ')') depth = Math.max(0, depth - 1);
      else if (ch === ',' && depth === 0) {
        parts.push(creator.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(creator.slice(start));
  }
  return parts.map((p) => stripAffiliation(p).trim()).filter(Boolean);
}

function stripAffiliation(name: string): string {
  const open = name.indexOf('(');
  return open > 0 ? name.slice(0, open) : name;
}

/** The abstract after "Abstract:", tolerant of the space+newline arXiv puts before it. */
export function abstractOf(summary: string): string {
  const at = summary.indexOf('Abstract:');
  return oneLine(at >= 0 ? summary.slice(at + 9) : summary.replace(/^\s*arXiv:\S+ Announce Type: \S+\s*/, ''));
}

export function toFeedItem(raw: RawFeedItem, problems: Problem[]): FeedItem | null {
  const parsed = parseArxivId(raw.id);
  if (!parsed) {
    problems.push({ stage: 'fetch', code: 'bad-id', message: `skipped a feed item without a readable arXiv id ("${raw.id}")` });
    return null;
  }
  const summary = rawText(raw.summary);
  const type = raw.announceType || /Announce Type: (\S+)/.exec(summary.slice(0, 200))?.[1] || '';
  if (!TYPES.has(type)) {
    const message = `skipped ${parsed.id}: unknown announce type "${type}"`;
    problems.push({ stage: 'fetch', code: 'bad-announce-type', message, paperId: parsed.id });
    return null;
  }
  // The feed has no explicit primary; its first category is the primary in practice (arxiv.md §3).
  const categories = canonicalCategories(raw.categories.filter(Boolean));
  const paper: Paper = {
    id: parsed.id,
    version: parsed.version ?? 1,
    title: text(raw.title),
    authors: splitAuthors(raw.creator),
    abstract: abstractOf(summary),
    categories,
    primaryCategory: categories[0] ?? '',
    primaryConfirmed: false,
    comment: null,
    journalRef: raw.journalRef || null,
    doi: raw.doi || null,
    license: raw.rights || null,
    submitted: null,
    updated: null,
  };
  return { paper, announceType: type as AnnounceType };
}
