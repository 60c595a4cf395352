/**
 * One feed entry (RSS item or Atom entry, already pulled out of the XML) → a FeedItem with a normalised Paper.
 */
import { parseArxivId } from '../papers/ids.js';
import { cleanText } from '../render/escape.js';
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
 * Authors from `dc:creator`: "A B, C D (Univ X, Lab Y), E F" or "A B, C D and E F". Commas inside parentheses
 * belong to affiliations, which are dropped (the export API and listing give bare names); a lone suffix ("Jr.",
 * "III") after a comma stays with the name before it.
 */
export function splitAuthors(creator: string): string[] {
  const names: string[] = [];
  for (const part of commaParts(creator).flatMap(splitAnd)) {
    if (SUFFIX.test(part) && names.length > 0) names[names.length - 1] += ` ${part}`;
    else names.push(part);
  }
  return names;
}

const SUFFIX = /^(?:Jr|Sr)\.?$|^(?:II|III|IV)$/;
// "The ATLAS and CMS Collaborations", "Johnson and Johnson Research": one name, not two.
const ORGANISATION = /\b(?:collaborations?|consortium|group|team|project|lab(?:oratory)?|institute|university|cent(?:er|re)|department|society|association|research|inc|ltd)\b/i;

/** "Bob Jones and Carol White" → two names; "and Carol White" (after an Oxford comma) → "Carol White". */
function splitAnd(part: string): string[] {
  const rest = part.replace(/^and\s+/, '');
  const sides = rest.split(/\s+and\s+/);
  // Each side a name of two or more words; an organisation's own "and" stays.
  const names = sides.length > 1 && !ORGANISATION.test(rest) && sides.every((s) => /\S\s+\S/.test(s));
  return names ? sides : [rest];
}

/** Top-level comma-separated parts, affiliations in parentheses dropped, trimmed, empty ones out. */
function commaParts(creator: string): string[] {
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

/**
 * Feed text quoted in a Problem, which is printed on stderr as a warning: without controls or bidi overrides (an
 * escape sequence in a guid would retitle or clear the reader's terminal), and short.
 */
function quoted(value: string, max = 80): string {
  const clean = cleanText(value);
  return `"${clean.length > max ? `${clean.slice(0, max)}…` : clean}"`;
}

export function toFeedItem(raw: RawFeedItem, problems: Problem[]): FeedItem | null {
  const parsed = parseArxivId(raw.id);
  if (!parsed) {
    problems.push({ stage: 'fetch', code: 'bad-id', message: `skipped a feed item without a readable arXiv id (${quoted(raw.id)})` });
    return null;
  }
  const summary = rawText(raw.summary);
  const type = raw.announceType || /Announce Type: (\S+)/.exec(summary.slice(0, 200))?.[1] || '';
  if (!TYPES.has(type)) {
    const message = `skipped ${parsed.id}: unknown announce type ${quoted(type)}`;
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
