/**
 * Word clusters for the role model, learned without labels from the training sentences only: a PPMI
 * co-occurrence matrix (window ±2 within a sentence, plus the word's relative position in its abstract),
 * a randomised SVD to a few dozen dimensions, then spherical k-means. Rare cue words ("we devise",
 * "we validate") land next to frequent ones, so the CRF can generalise from the cluster id.
 * Deterministic: seeded random projection, k-means initialised from frequency ranks.
 */
import { fnv } from '../src/summarize/builtin/features.js';
import { tokenize } from '../src/summarize/builtin/tokens.js';

export interface ClusterOptions {
  k: number;
  dims: number;
  minCount: number;
  contexts: number;
  window: number;
  /** Add the word's distribution over 5 relative-position buckets as extra context columns. */
  position: boolean;
}

export const CLUSTER_DEFAULTS: ClusterOptions = { k: 200, dims: 48, minCount: 3, contexts: 2000, window: 2, position: true };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Orthonormalise the columns of a V×d row-major matrix in place (modified Gram–Schmidt). */
function orthonormalise(Q: Float64Array, V: number, d: number): void {
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let r = 0; r < V; r++) dot += Q[r * d + i]! * Q[r * d + j]!;
      for (let r = 0; r < V; r++) Q[r * d + j]! -= dot * Q[r * d + i]!;
    }
    let n = 0;
    for (let r = 0; r < V; r++) n += Q[r * d + j]! ** 2;
    n = Math.sqrt(n) || 1;
    for (let r = 0; r < V; r++) Q[r * d + j]! /= n;
  }
}

interface Sparse {
  rows: { col: Int32Array; val: Float64Array }[];
  cols: number;
}

/** A (V×C sparse) times X (C×d dense) and the transpose product. */
function mul(A: Sparse, X: Float64Array, d: number): Float64Array {
  const out = new Float64Array(A.rows.length * d);
  A.rows.forEach((row, r) => {
    for (let k = 0; k < row.col.length; k++) {
      const c = row.col[k]!;
      const v = row.val[k]!;
      for (let j = 0; j < d; j++) out[r * d + j]! += v * X[c * d + j]!;
    }
  });
  return out;
}

function mulT(A: Sparse, Y: Float64Array, d: number): Float64Array {
  const out = new Float64Array(A.cols * d);
  A.rows.forEach((row, r) => {
    for (let k = 0; k < row.col.length; k++) {
      const c = row.col[k]!;
      const v = row.val[k]!;
      for (let j = 0; j < d; j++) out[c * d + j]! += v * Y[r * d + j]!;
    }
  });
  return out;
}

/** PPMI rows for the vocabulary. */
function ppmi(abstracts: string[][][], vocab: Map<string, number>, ctx: Map<string, number>, o: ClusterOptions): Sparse {
  const C = ctx.size + (o.position ? 5 : 0);
  const counts = Array.from({ length: vocab.size }, () => new Map<number, number>());
  for (const abs of abstracts) {
    abs.forEach((toks, si) => {
      const bucket = abs.length === 1 ? 0 : Math.min(4, Math.floor((si / (abs.length - 1)) * 4.999));
      toks.forEach((w, i) => {
        const r = vocab.get(w);
        if (r === undefined) return;
        const m = counts[r]!;
        for (let j = Math.max(0, i - o.window); j <= Math.min(toks.length - 1, i + o.window); j++) {
          const c = j === i ? undefined : ctx.get(toks[j]!);
          if (c !== undefined) m.set(c, (m.get(c) ?? 0) + 1);
        }
        if (o.position) m.set(ctx.size + bucket, (m.get(ctx.size + bucket) ?? 0) + 2 * o.window);
      });
    });
  }
  const colSum = new Float64Array(C);
  for (const m of counts) for (const [c, v] of m) colSum[c]! += v;
  // Context-distribution smoothing (exponent 0.75) keeps rare contexts from dominating the PMI.
  let norm = 0;
  for (let c = 0; c < C; c++) norm += (colSum[c] = colSum[c]! ** 0.75);
  const rows = counts.map((m) => {
    let rs = 0;
    for (const v of m.values()) rs += v;
    const col: number[] = [];
    const val: number[] = [];
    for (const [c, v] of [...m].sort((a, b) => a[0] - b[0])) {
      const pmi = Math.log((v * norm) / (rs * colSum[c]!));
      if (pmi <= 0) continue;
      col.push(c);
      val.push(pmi);
    }
    return { col: Int32Array.from(col), val: Float64Array.from(val) };
  });
  return { rows, cols: C };
}

/** Spherical k-means over unit rows; initial centres are words spread evenly over the frequency ranks. */
function kmeans(E: Float64Array, V: number, d: number, k: number): Int32Array {
  const cent = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const r = Math.floor((c * V) / k);
    for (let j = 0; j < d; j++) cent[c * d + j] = E[r * d + j]!;
  }
  const assign = new Int32Array(V).fill(-1);
  for (let it = 0; it < 30; it++) {
    let moved = 0;
    for (let r = 0; r < V; r++) {
      let best = 0;
      let bs = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += E[r * d + j]! * cent[c * d + j]!;
        if (s > bs) {
          bs = s;
          best = c;
        }
      }
      if (assign[r] !== best) moved++;
      assign[r] = best;
    }
    cent.fill(0);
    for (let r = 0; r < V; r++) for (let j = 0; j < d; j++) cent[assign[r]! * d + j]! += E[r * d + j]!;
    for (let c = 0; c < k; c++) {
      let n = 0;
      for (let j = 0; j < d; j++) n += cent[c * d + j]! ** 2;
      n = Math.sqrt(n) || 1;
      for (let j = 0; j < d; j++) cent[c * d + j]! /= n;
    }
    if (moved === 0) break;
  }
  return assign;
}

/** Cluster id per word hash (fnv of the stemmed token), learned from the given abstracts' sentences. */
export function learnClusters(sentences: string[][], opt: Partial<ClusterOptions> = {}): Map<number, number> {
  const o = { ...CLUSTER_DEFAULTS, ...opt };
  const abstracts = sentences.map((a) => a.map(tokenize));
  const freq = new Map<string, number>();
  for (const a of abstracts) for (const t of a) for (const w of t) freq.set(w, (freq.get(w) ?? 0) + 1);
  const ranked = [...freq].filter(([, c]) => c >= o.minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = new Map(ranked.map(([w], i) => [w, i]));
  const ctx = new Map(ranked.slice(0, o.contexts).map(([w], i) => [w, i]));
  const A = ppmi(abstracts, vocab, ctx, o);
  const V = vocab.size;
  const d = o.dims;
  const rand = rng(12345);
  let X: Float64Array = new Float64Array(A.cols * d).map(() => rand() - 0.5);
  let Q = mul(A, X, d);
  orthonormalise(Q, V, d);
  for (let p = 0; p < 3; p++) {
    X = mulT(A, Q, d);
    Q = mul(A, X, d);
    orthonormalise(Q, V, d);
  }
  // Rows of A·Aᵀ·Q are the words in the top singular subspace (up to a rotation, which k-means ignores).
  const E = mul(A, mulT(A, Q, d), d);
  for (let r = 0; r < V; r++) {
    let n = 0;
    for (let j = 0; j < d; j++) n += E[r * d + j]! ** 2;
    n = Math.sqrt(n) || 1;
    for (let j = 0; j < d; j++) E[r * d + j]! /= n;
  }
  const assign = kmeans(E, V, d, o.k);
  const out = new Map<number, number>();
  ranked.forEach(([w], i) => out.set(fnv(w), assign[i]!));
  return out;
}
