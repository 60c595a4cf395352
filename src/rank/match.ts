/**
 * Explicit interests: keyword and phrase matches in a paper's title and abstract (by stems, so "diffusion
 * models" matches "diffusion model" and "Diffusion-Models"), and followed authors (by surname and compatible
 * given names or initials, accents ignored: "A. Lovelace" follows "Ada Lovelace" and "Ada M. Lovelace").
 */
import type { FollowedAuthor, WeightedTerm } from './profile.js';
import { tokenize } from './text.js';

export interface KeywordMatch {
  /** The keyword as the profile writes it. */
  term: string;
  weight: number;
}

/** A compiled keyword: the stem sequence to look for. Stopwords count ("learning to rank" keeps "to"). */
interface Phrase {
  term: string;
  weight: number;
  stems: string[];
  /** For a term with symbols the words lose ("C++", "C#", ".NET"): the term as written must be in the text too. */
  literal: RegExp | null;
}

const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** "C++" is the word "c" to the tokenizer, which "C-index" also has; such a term must stand in the text as written. */
function literalOf(term: string): RegExp | null {
  // Only the symbols that make a name ("C++", "F#", ".NET"): other punctuation ("AI/ML", "models.") still matches by words.
  if (!/[+#]|(?:^|\s)\.\p{L}/u.test(term)) return null;
  const escaped = fold(term).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
}

export interface KeywordMatcher {
  /** Keywords found in the text, each once, in profile order. */
  match(title: string, abstract: string): KeywordMatch[];
  /** The same over stems already computed (`paperTerms(…).runs`) of `text` (title and abstract). */
  matchRuns(runs: readonly (readonly string[])[], text: string): KeywordMatch[];
}

export function keywordMatcher(keywords: readonly WeightedTerm[]): KeywordMatcher {
  const phrases: Phrase[] = keywords
    .map((k) => ({ term: k.term, weight: k.weight, stems: tokenize(k.term).map((t) => t.stem), literal: literalOf(k.term) }))
    .filter((p) => p.stems.length > 0);
  const matchRuns = (runs: readonly (readonly string[])[], text: string): KeywordMatch[] => {
    const found = phrases.filter((p) => runs.some((run) => contains(run, p.stems)));
    const folded = found.some((p) => p.literal) ? fold(text) : '';
    return found.filter((p) => !p.literal || p.literal.test(folded)).map((p) => ({ term: p.term, weight: p.weight }));
  };
  return {
    match: (title, abstract) => (phrases.length === 0 ? [] : matchRuns([title, abstract].map((part) => tokenize(part).map((t) => t.stem)), `${title}\n${abstract}`)),
    matchRuns: (runs, text) => (phrases.length === 0 ? [] : matchRuns(runs, text)),
  };
}

function contains(run: readonly string[], stems: readonly string[]): boolean {
  outer: for (let i = 0; i + stems.length <= run.length; i++) {
    for (let j = 0; j < stems.length; j++) if (run[i + j] !== stems[j]) continue outer;
    return true;
  }
  return false;
}

interface Name {
  surname: string;
  given: string[];
}

/** "Ada M. Lovelace" / "Lovelace, Ada M." / "A.M. Lovelace" → { surname: 'lovelace', given: ['ada', 'm'] }. */
export function parseName(name: string): Name | null {
  let text = fold(name);
  const comma = text.indexOf(',');
  if (comma >= 0) text = `${text.slice(comma + 1)} ${text.slice(0, comma)}`;
  // "J.-P." is two initials; "Jean-Pierre" stays one given name.
  const parts = text.split(/[\s.]+/u).map((p) => p.replace(/[^\p{L}\p{N}'-]/gu, '').replace(/^-+|-+$/g, '')).filter(Boolean);
  const surname = parts.pop();
  return surname ? { surname, given: parts } : null;
}

/** Given names agree when each pair matches fully or one is the other's initial; a missing name agrees. */
function givenCompatible(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const initial = x.length === 1 || y.length === 1;
    if (initial ? x[0] !== y[0] : x !== y) return false;
  }
  return true;
}

export interface AuthorMatch {
  /** The followed name as the profile writes it. */
  name: string;
  weight: number;
}

export interface AuthorMatcher {
  match(authors: readonly string[]): AuthorMatch[];
}

export function authorMatcher(followed: readonly FollowedAuthor[]): AuthorMatcher {
  const wanted = followed.flatMap((f) => {
    const n = parseName(f.name);
    return n ? [{ ...f, parsed: n }] : [];
  });
  return {
    match(authors) {
      if (wanted.length === 0) return [];
      const names = authors.map(parseName).filter((n): n is Name => n !== null);
      return wanted
        .filter((w) => names.some((n) => n.surname === w.parsed.surname && givenCompatible(w.parsed.given, n.given)))
        .map((w) => ({ name: w.name, weight: w.weight }));
    },
  };
}
