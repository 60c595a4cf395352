/**
 * Building a ranker from a profile and the store: library texts as term vectors (with an inverted index for
 * nearest-neighbour similarity), unlabelled archive papers drawn deterministically (half to train the linear
 * SVM against, half to calibrate scores on), and the SVM itself when the library is big enough.
 */
import type { Store } from '../store/types.js';
import type { Paper } from '../types.js';
import { buildArchiveIndex } from './archive.js';
import type { ArchiveIndex } from './archive.js';
import { trainLinearSvm } from './classifier.js';
import type { LinearModel, TrainOptions } from './classifier.js';
import type { Embedder } from './embeddings.js';
import { libraryDocs } from './library.js';
import type { LibraryDoc } from './library.js';
import { neighborIndex } from './neighbors.js';
import type { NeighborIndex } from './neighbors.js';
import type { Profile } from './profile.js';
import { idHash, paperTerms } from './text.js';
import type { TermCounts } from './text.js';
import { vectorize } from './vectors.js';
import type { SparseVector, TermStats } from './vectors.js';

export interface RankerOptions {
  store: Store;
  /** Archive statistics; built from the store when absent (one scan of every stored paper). */
  index?: ArchiveIndex;
  /** Papers never drawn as unlabelled examples: the day being ranked (train on the past, rank today). */
  exclude?: Iterable<string>;
  /** Optional extra signal. */
  embedder?: Embedder | null;
  /** Unlabelled archive papers drawn: even id hashes train the SVM, odd ones calibrate. @default 2000 */
  sampleSize?: number;
  /** Fewest library papers for which the SVM is trained. @default CLASSIFIER_MIN_LIBRARY */
  minLibraryForClassifier?: number;
  classifier?: TrainOptions;
  /** Exponent on the archive percentile: only the top few percent of the archive score high. @default 8 */
  sharpness?: number;
  /** Library neighbours averaged into the similarity signal (and named in explanations). @default 3 */
  neighbors?: number;
}

/** A text turned into what the ranker needs. */
export interface Doc {
  terms: TermCounts;
  vector: SparseVector;
}

export interface RankModel {
  stats: TermStats;
  library: LibraryDoc[];
  libraryVectors: SparseVector[];
  /** Library index of each library arXiv id (for leave-one-out scoring of library papers). */
  libraryIndex: Map<string, number>;
  neighbors: NeighborIndex;
  /** Mean of the library vectors (explains terms when no SVM was trained). */
  centroid: Float32Array | null;
  svm: LinearModel | null;
  /** Unlabelled papers held out of training, to calibrate scores against. */
  reference: Doc[];
  referencePapers: Paper[];
  /** Training figures for the run report and `eval rank`. */
  info: { library: number; missing: string[]; negatives: number; reference: number; archive: number; classifier: boolean; epochs: number };
}

/** Terms and vector of a text; `withRuns` keeps the word stems for keyword matching (candidates only). */
export function toDoc(p: { title: string; abstract: string }, stats: TermStats, withRuns = false): Doc {
  const terms = paperTerms(p.title, p.abstract, withRuns);
  return { terms, vector: vectorize(terms, stats) };
}

/** Unlabelled archive ids in a fixed pseudo-random order (by id hash), minus the excluded ones. */
function drawSample(index: ArchiveIndex, exclude: ReadonlySet<string>, size: number): { train: string[]; reference: string[] } {
  const pool = index.ids.filter((id) => !exclude.has(id)).map((id) => ({ id, h: idHash(id) }));
  pool.sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1));
  const picked = pool.slice(0, size);
  return { train: picked.filter((x) => x.h % 2 === 0).map((x) => x.id), reference: picked.filter((x) => x.h % 2 === 1).map((x) => x.id) };
}

async function papersOf(store: Store, ids: readonly string[]): Promise<Paper[]> {
  const out: Paper[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const got = await store.getPapers(ids.slice(i, i + 1000));
    for (const id of ids.slice(i, i + 1000)) {
      const p = got.get(id);
      if (p) out.push(p);
    }
  }
  return out;
}

function centroidOf(vectors: readonly SparseVector[], dims: number): Float32Array | null {
  if (vectors.length === 0) return null;
  const c = new Float32Array(dims);
  for (const v of vectors) for (let i = 0; i < v.ids.length; i++) c[v.ids[i] ?? 0] = (c[v.ids[i] ?? 0] ?? 0) + (v.values[i] ?? 0) / vectors.length;
  return c;
}

/** The SVM trains with at least this many library papers… */
export const CLASSIFIER_MIN_LIBRARY = 5;
/** …and this many negatives: unlabelled stored papers outside the ranked day, plus "not interested" ones. */
export const CLASSIFIER_MIN_NEGATIVES = 20;

/** Everything scoring needs, from the profile and the store. */
export async function buildModel(profile: Profile, options: RankerOptions): Promise<RankModel> {
  const { store } = options;
  const index = options.index ?? (await buildArchiveIndex(store));
  const stats = index.stats;
  // A paper also marked not interested (a hand-edited profile) is no positive example.
  const unwanted = new Set(profile.notInterested.flatMap((x) => (x.id ? [x.id] : [])));
  const lib = await libraryDocs(profile.library.filter((x) => !x.id || !unwanted.has(x.id)), store);
  const notLib = await libraryDocs(profile.notInterested, store);
  // Every library id stays out of the unlabelled sample, with or without text (a liked paper is no negative).
  const labelled = [...profile.library, ...lib.docs, ...notLib.docs].flatMap((d) => (d.id ? [d.id] : []));
  const exclude = new Set([...(options.exclude ?? []), ...labelled, ...unwanted]);
  const sample = drawSample(index, exclude, options.sampleSize ?? 2000);
  const libraryVectors = lib.docs.map((d) => toDoc(d, stats).vector);
  const negatives = [...(await papersOf(store, sample.train)), ...notLib.docs].map((p) => toDoc(p, stats).vector);
  const referencePapers = await papersOf(store, sample.reference);
  const trainable = libraryVectors.length >= (options.minLibraryForClassifier ?? CLASSIFIER_MIN_LIBRARY) && negatives.length >= CLASSIFIER_MIN_NEGATIVES;
  const svm = trainable ? trainLinearSvm(libraryVectors, negatives, options.classifier) : null;
  return {
    stats,
    library: lib.docs,
    libraryVectors,
    libraryIndex: new Map(lib.docs.flatMap((d, i) => (d.id ? [[d.id, i] as const] : []))),
    neighbors: neighborIndex(libraryVectors),
    centroid: svm ? null : centroidOf(libraryVectors, stats.df.length),
    svm,
    reference: referencePapers.map((p) => toDoc(p, stats)),
    referencePapers,
    info: {
      library: lib.docs.length,
      missing: lib.missing,
      negatives: negatives.length,
      reference: referencePapers.length,
      archive: stats.docs,
      classifier: svm !== null,
      epochs: svm?.epochs ?? 0,
    },
  };
}

/**
 * What the model could not use, one line each for the run report and the terminal: library papers without any
 * stored text (imported offline and never fetched) score nothing, and without them a profile may have nothing
 * left, which would otherwise show only as a digest where every paper scores 0.
 */
export function modelGaps(profile: Profile, info: RankModel['info']): string[] {
  const gaps: string[] = [];
  const missing = info.missing.length;
  if (missing > 0) {
    gaps.push(
      `${missing} of ${missing + info.library} library papers have no title or abstract in the store (imported with --offline?), so they do not count; ` +
        'run `preprint-digest profile import FILE` again without --offline to fetch them',
    );
  }
  if (info.library === 0 && profile.keywords.length + profile.authors.length === 0) {
    gaps.push('nothing left to rank by: no library paper has text, and the profile has no keywords or authors; every paper scores 0');
  }
  return gaps;
}
