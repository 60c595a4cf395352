/**
 * Sparse term vectors: BM25-weighted term frequencies times IDF over the stored archive, L2-normalised, so the
 * dot product of two papers is their cosine similarity and a linear model sees comparable inputs.
 */
import type { TermCounts } from './text.js';
import { termId } from './text.js';

/** Document frequencies of the hashed terms over an archive. */
export interface TermStats {
  /** Papers counted. */
  docs: number;
  /** Papers containing each hashed term (length `DIMS`). */
  df: Int32Array;
  /** Mean number of content words per paper. */
  avgLength: number;
}

/** Term ids ascending, with their weights. */
export interface SparseVector {
  ids: Uint32Array;
  values: Float32Array;
}

// BM25's usual constants: term frequency saturates (k1), long abstracts are not favoured (b).
const K1 = 1.2;
const B = 0.75;

/** BM25's IDF, always positive; a term the archive has never seen counts as seen once. */
export function idf(stats: TermStats, id: number): number {
  const n = Math.max(stats.docs, 1);
  const df = Math.min(Math.max(stats.df[id] ?? 0, 1), n);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Weight one term of a paper: saturated frequency × IDF (before normalisation). */
function termWeight(tf: number, length: number, stats: TermStats, id: number): number {
  const norm = K1 * (1 - B + (B * length) / Math.max(stats.avgLength, 1));
  return ((tf * (K1 + 1)) / (tf + norm)) * idf(stats, id);
}

/** The paper's vector: hashed terms (colliding terms summed), BM25 × IDF weights, unit length. */
export function vectorize(terms: TermCounts, stats: TermStats): SparseVector {
  const byId = new Map<number, number>();
  for (const [term, tf] of terms.counts) {
    const id = termId(term);
    byId.set(id, (byId.get(id) ?? 0) + termWeight(tf, terms.length, stats, id));
  }
  const ids = Uint32Array.from(byId.keys()).sort();
  const values = new Float32Array(ids.length);
  let sq = 0;
  ids.forEach((id, i) => {
    const w = byId.get(id) ?? 0;
    values[i] = w;
    sq += w * w;
  });
  const scale = sq > 0 ? 1 / Math.sqrt(sq) : 0;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) * scale;
  return { ids, values };
}

/** Weight of every term of a paper in its own vector (for explanations): term → weight. */
export function termWeights(terms: TermCounts, vector: SparseVector): Map<string, number> {
  const out = new Map<string, number>();
  for (const term of terms.counts.keys()) {
    const id = termId(term);
    const at = indexOf(vector.ids, id);
    if (at >= 0) out.set(term, vector.values[at] ?? 0);
  }
  return out;
}

function indexOf(ids: Uint32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid] ?? 0;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Dot product with a dense weight vector. */
export function dotDense(v: SparseVector, w: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += (v.values[i] ?? 0) * (w[v.ids[i] ?? 0] ?? 0);
  return s;
}

/** Add `scale × v` into a dense vector. */
export function addInto(dense: Float32Array, v: SparseVector, scale: number): void {
  for (let i = 0; i < v.ids.length; i++) {
    const id = v.ids[i] ?? 0;
    dense[id] = (dense[id] ?? 0) + scale * (v.values[i] ?? 0);
  }
}
