/**
 * Which words to mark: the same tokenizer and term folding as the search index, so a highlighted word is
 * exactly a word the search matched. Pure (no DOM), unit-tested in Node.
 */
import { TOKEN, processTerm } from '../search-options.js';

export type Matcher = (term: string) => boolean;

export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folded for matching typed words against shown text: case, accents and the kind of dash (- – —) do not count. */
export function matchable(text: string): string {
  return fold(text).replace(/\p{Pd}/gu, '-');
}

/** Words of a query as the index sees them (stop words and one-letter words dropped). */
export function queryTerms(query: string): string[] {
  return [...query.matchAll(TOKEN)].map((m) => processTerm(m[0])).filter((t): t is string => t !== null);
}

/**
 * Said beside the results of a query with a quoted phrase: the reader's word index cannot check word order, so
 * "gradient descent" also finds a paper with the two words apart (serve's archive search, like the CLI, can).
 */
export function phraseNote(query: string): string | null {
  return /"[^"]*\S\s+\S[^"]*"/.test(query) ? 'quoted words are matched anywhere in a paper here, not as a phrase' : null;
}

/**
 * A search hit: a word the engine reported as matched (fuzzy matches included), or one that begins with a
 * query word (prefix search).
 */
export function searchMatcher(query: string, matched: readonly string[] = []): Matcher | null {
  const terms = queryTerms(query);
  if (terms.length === 0 && matched.length === 0) return null;
  const exact = new Set(matched.map(fold));
  return (term) => exact.has(term) || terms.some((q) => term === q || (q.length >= 3 && term.startsWith(q)));
}

/** A keyword filter hit: a word containing one of the keywords' words (`dynamics-aware` marks both words). */
export function keywordMatcher(keywords: readonly string[]): Matcher | null {
  const folded = keywords.flatMap((k) => fold(k).match(TOKEN) ?? []);
  return folded.length > 0 ? (term) => folded.some((k) => term.includes(k)) : null;
}

/** [start, end) ranges of the words in `text` that the matcher accepts. */
export function highlightRanges(text: string, isMatch: Matcher): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(TOKEN)) {
    const term = fold(m[0]);
    if (isMatch(term)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
