/**
 * The search index's shape, shared by the builder (which indexes at build time) and the client (which loads the
 * serialized index and queries it): MiniSearch needs the same fields, tokenizer and term processing on both sides.
 * Only latex-text.ts beyond types, which the client bundles for its cards anyway.
 */
import type { Options, SearchOptions } from 'minisearch';
import { latexPlain } from '../latex-text.js';
import type { SiteRecord } from './types.js';

/** One indexed paper listing; a paper listed on two days of a period is two documents. */
export interface SearchDoc {
  /** `date/paperId`, unique within a period. */
  id: string;
  date: string;
  pid: string;
  title: string;
  /** Every author, indexed. */
  authors: string;
  /** The first authors, stored for display. */
  byline: string;
  /**
   * The abstract and the five summary fields as one field: a built-in summary repeats abstract sentences, and
   * one field stores each word once per paper (a month's shard is about 40 % smaller than with two fields).
   */
  text: string;
  section: string;
  type: string;
  /** All categories, space-separated. */
  cats: string;
  tldr: string;
}

/** What a search result carries without loading the day's file. */
export type StoredDoc = Pick<SearchDoc, 'date' | 'pid' | 'title' | 'byline' | 'section' | 'type' | 'cats' | 'tldr'>;

/** Spaces, punctuation and symbols (`$`, `\`, `^`, `+`) separate terms, so `$\alpha$-divergence` gives `alpha`, `divergence`. */
export const SEPARATORS = /[\s\p{Z}\p{P}\p{S}]+/u;
/** The tokens themselves, with their positions (for highlighting the same words that were indexed). */
export const TOKEN = /[^\s\p{Z}\p{P}\p{S}]+/gu;

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was we were which with our these their can'.split(' '),
);

/** Fold case and accents (`Gödel` finds `godel`); drop one-letter words, stop words and runaway tokens. */
export function processTerm(term: string): string | null {
  // Most terms are plain ASCII; Unicode normalization is the slow part of indexing, so it runs only when needed.
  const t = (/^[\x20-\x7e]*$/.test(term) ? term : term.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase();
  if (t.length < 2 || t.length > 40 || STOP_WORDS.has(t)) return null;
  return t;
}

/** Authors kept with a result: enough to recognise the paper, bounded for papers with hundreds of authors. */
const STORED_AUTHORS = 8;

export function toSearchDoc(record: SiteRecord, date: string): SearchDoc {
  const s = record.summary;
  const shown = record.authors.length > STORED_AUTHORS ? [...record.authors.slice(0, STORED_AUTHORS), 'et al.'] : record.authors;
  return {
    id: `${date}/${record.id}`,
    date,
    pid: record.id,
    title: record.title,
    authors: record.authors.join(', '),
    byline: shown.join(', '),
    text: s ? [record.abstract, s.tldr, s.motivation, s.method, s.result, s.conclusion].join(' ') : record.abstract,
    section: record.section,
    type: record.announce_type,
    cats: record.categories.join(' '),
    tldr: s?.tldr ?? '',
  };
}

/** Index options; the client must pass exactly these to `MiniSearch.loadJSON`. */
export const INDEX_OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'authors', 'text'],
  storeFields: ['date', 'pid', 'title', 'byline', 'section', 'type', 'cats', 'tldr'],
  // Fields are indexed as the reader shows them (TeX accents and text macros read: `Schr\"odinger` is found by
  // "schrödinger" and "schrodinger"); a query (no field) is plain text already.
  // Without a backslash there is nothing to read that the separators would not split on anyway.
  tokenize: (text, field) => (field && text.includes('\\') ? latexPlain(text) : text).split(SEPARATORS),
  processTerm,
};

/** Every word must match (a word can be a prefix, long words tolerate a typo); title and authors weigh more. */
export const QUERY_OPTIONS: SearchOptions = {
  boost: { title: 3, authors: 2 },
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
  combineWith: 'AND',
};
