/**
 * Sparse term vectors: BM25-weighted term frequencies times IDF over the stored archive, L2-normalised, so the
 * dot product of two papers is their cosine similarity and a linear model sees comparable inputs.
 */
import type { TermCounts } from './text.js';

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

// IDF of every bucket, computed once per archive index (a million logarithms, not one per term per paper).
const idfTables = new WeakMap<TermStats, Float32Array>();
function idfTable(stats: TermStats): Float32Array {
  let table = idfTables.get(stats);
  if (!table) {
    table = new Float32Array(stats.df.length);
    for (let id = 0; id < table.length; id++) table[id] = idf(stats, id);
    idfTables.set(stats, table);
  }
  return table;
}

/** The paper's vector: its terms (already in id order), BM25 × IDF weights, unit length. */
export function vectorize(terms: TermCounts, stats: TermStats): SparseVector {
  const n = terms.ids.length;
  const idfs = idfTable(stats);
  // BM25 term frequency saturation, with the length normalisation of this paper.
  const norm = K1 * (1 - B + (B * terms.length) / Math.max(stats.avgLength, 1));
  const values = new Float32Array(n);
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const tf = terms.tfs[i] ?? 0;
    const w = ((tf * (K1 + 1)) / (tf + norm)) * (idfs[terms.ids[i] ?? 0] ?? 0);
    values[i] = w;
    sq += w * w;
  }
  const scale = sq > 0 ? 1 / Math.sqrt(sq) : 0;
  for (let i = 0; i < n; i++) values[i] = (values[i] ?? 0) * scale;
  return { ids: terms.ids, values };
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
