/**
 * Text → terms for ranking: lowercase words, Porter stems, stopwords dropped, unigrams plus adjacent-word
 * bigrams (arxiv-sanity-lite's 1–2-grams). Terms are hashed into a fixed space (`DIMS`), so an archive of any
 * size needs no vocabulary table; the surface form of each term is kept per paper for explanations.
 */
import { stemmer } from 'stemmer';

/** Size of the hashed term space: 2^20 buckets (4 MB per dense vector of document frequencies). */
export const DIMS = 1 << 20;

// Function words and the boilerplate of abstracts: high frequency, no topic. IDF would shrink them anyway; dropping
// them keeps them out of bigrams ("of the") and explanations ("terms: propose").
const STOPWORDS = new Set(
  (
    'a about above after again against all also although am among an and any are as at be because been before being ' +
    'below between both but by can could did do does doing done down during each either et etc few for from further ' +
    'had has have having he her here hers him his how however i if in into is it its itself just may me might more ' +
    'most much must my no nor not now of off on once only or other our ours out over own per rather same she should ' +
    'since so some such than that the their theirs them then there these they this those through thus to too under ' +
    'until up upon us very via was we were what when where whereas which while who whom whose why will with within ' +
    'without would yet you your ' +
    'paper propose proposed proposes present presents show shows shown demonstrate demonstrates using use used uses ' +
    'based approach approaches method methods novel new result results work study studies existing various well ' +
    'significantly significant furthermore moreover additionally respectively therefore first second one two three ' +
    'called given often typically including include includes many several like make makes across recent recently ' +
    'provide provides allow allows enable enables achieve achieves achieving'
  ).split(' '),
);

// LaTeX commands (\mathcal, \emph) are markup, not words; the letters of their arguments stay.
const LATEX_COMMAND = /\\[a-zA-Z]+/g;
const WORD = /[\p{L}\p{N}]+/gu;

export interface Token {
  /** Porter stem of the lowercased word. */
  stem: string;
  /** The word as written (lowercased). */
  surface: string;
  /** True for words that carry topic (not stopwords, not bare numbers, 2+ characters). */
  content: boolean;
}

const stemCache = new Map<string, string>();

function stemOf(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? stemmer(word) : word;
    // Bounded: a pathological stream of distinct words must not grow memory without end.
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Every word of `text`, in order, with its stem; `content` marks the ones that become terms. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.replace(LATEX_COMMAND, ' ').normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const surface = m[0];
    const content = surface.length >= 2 && !STOPWORDS.has(surface) && !/^\d+$/.test(surface);
    out.push({ stem: stemOf(surface), surface, content });
  }
  return out;
}

export interface TermCounts {
  /** Term → count in the text. Unigrams are stems; bigrams are `stem stem` of adjacent content words. */
  counts: Map<string, number>;
  /** Term → how it was first written in this text, for explanations. */
  surface: Map<string, string>;
  /** Number of content words (document length for BM25). */
  length: number;
}

/** Terms of a paper's title and abstract. */
export function paperTerms(title: string, abstract: string): TermCounts {
  const counts = new Map<string, number>();
  const surface = new Map<string, string>();
  let length = 0;
  // A title and an abstract are separate runs: no bigram spans the boundary.
  for (const part of [title, abstract]) {
    let prev: Token | null = null;
    for (const t of tokenize(part)) {
      if (!t.content) {
        prev = null;
        continue;
      }
      length++;
      add(counts, surface, t.stem, t.surface);
      if (prev) add(counts, surface, `${prev.stem} ${t.stem}`, `${prev.surface} ${t.surface}`);
      prev = t;
    }
  }
  return { counts, surface, length };
}

function add(counts: Map<string, number>, surface: Map<string, string>, term: string, written: string): void {
  counts.set(term, (counts.get(term) ?? 0) + 1);
  if (!surface.has(term)) surface.set(term, written);
}

/** FNV-1a over UTF-16 code units, folded into [0, DIMS): stable across runs and machines. */
export function termId(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (DIMS - 1);
}

/** 32-bit hash of a paper id: a deterministic, evenly spread order for sampling the archive. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32): ids differ in their last digits only, FNV alone leaves those bits clustered.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
