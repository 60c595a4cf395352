/**
 * Text → terms for ranking: lowercase words, Porter stems, stopwords dropped, unigrams plus adjacent-word
 * bigrams (arxiv-sanity-lite's 1–2-grams). Terms are hashed into a fixed space (`DIMS`) as they are read, so an
 * archive of any size needs no vocabulary table and no term string is built; explanations recover the words of
 * the few terms they name by reading the paper again (`termSurfaces`).
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
const NON_WORD = /[^\p{L}\p{N}]+/u;
const LOWER_ASCII = /^[a-z]+$/;
const DIGITS = /^\d+$/;

export interface Token {
  /** Porter stem of the lowercased word. */
  stem: string;
  /** The word as written (lowercased). */
  surface: string;
  /** True for words that carry topic (not stopwords, not bare numbers, 2+ characters). */
  content: boolean;
}

/** What a word becomes, computed once per distinct word: its stem, whether it is a term, the stem's term id. */
interface WordInfo {
  stem: string;
  content: boolean;
  id: number;
}

const wordCache = new Map<string, WordInfo>();

function infoOf(word: string): WordInfo {
  let info = wordCache.get(word);
  if (info === undefined) {
    const stem = LOWER_ASCII.test(word) ? stemmer(word) : word;
    info = { stem, content: word.length >= 2 && !STOPWORDS.has(word) && !DIGITS.test(word), id: termId(stem) };
    // Bounded: a pathological stream of distinct words must not grow memory without end.
    if (wordCache.size > 200_000) wordCache.clear();
    wordCache.set(word, info);
  }
  return info;
}

const ASCII_NON_WORD = /[^a-z0-9]+/;
const COMBINING_MARK = /\p{M}+/gu;

/** Lowercased words of a text, LaTeX commands dropped, accents folded; Unicode rules only for text that is not plain ASCII. */
function words(text: string): string[] {
  const plain = text.replace(LATEX_COMMAND, ' ');
  // eslint-disable-next-line no-control-regex -- the ASCII fast path: same words, cheaper regex, no normalisation.
  const ascii = !/[^\x00-\x7f]/.test(plain);
  // Accents folded ("Fréchet" = "Frechet", "naïve" = "naive"), as author names are: writers and keywords differ.
  const lower = (ascii ? plain : plain.normalize('NFKD').replace(COMBINING_MARK, '').normalize('NFKC')).toLowerCase();
  return lower.split(ascii ? ASCII_NON_WORD : NON_WORD).filter((w) => w !== '');
}

/** Every word of `text`, in order, with its stem; `content` marks the ones that become terms. */
export function tokenize(text: string): Token[] {
  return words(text).map((w) => {
    const info = infoOf(w);
    return { stem: info.stem, surface: w, content: info.content };
  });
}

export interface TermCounts {
  /** Hashed term ids, ascending (unigrams are stems; bigrams "stem stem" of adjacent content words). */
  ids: Uint32Array;
  /** Count of each term in the text, parallel to `ids`. */
  tfs: Uint16Array;
  /** Number of content words (document length for BM25). */
  length: number;
  /** Stems of every word (stopwords included) of the title and of the abstract, for phrase matching; empty when not asked for. */
  runs: [string[], string[]];
}

// FNV-1a, 32 bits: hashed incrementally so that a bigram's id needs no concatenated string.
const FNV_OFFSET = 0x811c9dc5;
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
const SPACE = 32;
const bigramId = (a: string, b: string) => (fnv(Math.imul(fnv(FNV_OFFSET, a) ^ SPACE, 0x01000193), b) >>> 0) & (DIMS - 1);

/** Id of a term in [0, DIMS): a stem, or two stems joined by one space. */
export function termId(term: string): number {
  return (fnv(FNV_OFFSET, term) >>> 0) & (DIMS - 1);
}

/** Walk the content words of the title and the abstract, reporting each unigram and bigram. */
type Visit = (id: number, first: string, second: string | null) => void;

function walk(title: string, abstract: string, visit: Visit, run?: (part: number, stem: string) => void): number {
  let length = 0;
  // A title and an abstract are separate runs: no bigram spans the boundary.
  [title, abstract].forEach((part, r) => {
    let prevStem: string | null = null;
    let prevWord = '';
    for (const word of words(part)) {
      const info = infoOf(word);
      run?.(r, info.stem);
      if (!info.content) {
        prevStem = null;
        continue;
      }
      length++;
      visit(info.id, word, null);
      if (prevStem !== null) visit(bigramId(prevStem, info.stem), prevWord, word);
      prevStem = info.stem;
      prevWord = word;
    }
  });
  return length;
}

// Counting scratch shared by every call (all synchronous): a dense counter plus the list of buckets touched,
// so counting a paper allocates nothing but its result.
const scratch = new Uint16Array(DIMS);
let touched = new Uint32Array(4096);
let nTouched = 0;

function count(id: number): void {
  if (scratch[id] === 0) {
    if (nTouched === touched.length) {
      const grown = new Uint32Array(touched.length * 2);
      grown.set(touched);
      touched = grown;
    }
    touched[nTouched++] = id;
  }
  // Saturate rather than wrap: BM25 flattens high counts anyway.
  if ((scratch[id] ?? 0) < 65535) scratch[id] = (scratch[id] ?? 0) + 1;
}

/** Terms of a paper's title and abstract, in one pass over the words; `runs` only when asked for (phrases). */
export function paperTerms(title: string, abstract: string, withRuns = true): TermCounts {
  const runs: [string[], string[]] = [[], []];
  const keep = withRuns ? (r: number, stem: string) => void runs[r as 0 | 1].push(stem) : undefined;
  nTouched = 0;
  const length = walk(title, abstract, count, keep);
  const ids = touched.slice(0, nTouched).sort();
  const tfs = new Uint16Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    tfs[i] = scratch[id] ?? 0;
    scratch[id] = 0;
  }
  return { ids, tfs, length, runs };
}

/** Count of one term in the text (0 when absent). */
export function termCount(terms: TermCounts, term: string): number {
  const id = termId(term);
  const at = terms.ids.indexOf(id);
  return at >= 0 ? (terms.tfs[at] ?? 0) : 0;
}

/** How the paper writes the given terms (first occurrence), for explanations: id → "neural networks". */
export function termSurfaces(title: string, abstract: string, ids: ReadonlySet<number>): Map<number, string> {
  const out = new Map<number, string>();
  walk(title, abstract, (id, first, second) => {
    if (ids.has(id) && !out.has(id)) out.set(id, second === null ? first : `${first} ${second}`);
  });
  return out;
}

/** 32-bit hash of a paper id: a deterministic, evenly spread order for sampling the archive. */
export function idHash(id: string): number {
  let h = fnv(FNV_OFFSET, id);
  // Final avalanche (murmur3 fmix32): ids differ in their last digits only, FNV alone leaves those bits clustered.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
