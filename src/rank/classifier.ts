/**
 * A linear SVM over term vectors, trained on the library (positive) against unlabelled and "not interested"
 * papers (negative) — arxiv-sanity-lite's recommender (LinearSVC: squared hinge loss, L2, C = 0.01, balanced
 * class weights), solved by dual coordinate descent (Hsieh et al., ICML 2008), as liblinear does.
 */
import { DIMS } from './text.js';
import type { SparseVector } from './vectors.js';
import { addInto, dotDense } from './vectors.js';

export interface LinearModel {
  /** Dense weights over the hashed term space. */
  weights: Float32Array;
  bias: number;
  /** Passes made over the data. */
  epochs: number;
}

export interface TrainOptions {
  /** Inverse regularisation strength, before class balancing. @default 0.01 */
  c?: number;
  /** Upper bound on passes. @default 50 */
  maxEpochs?: number;
  /** Stop when the largest projected-gradient change of a pass falls below this. @default 0.01 */
  tolerance?: number;
  /** Seed of the visiting order, so training is deterministic. @default 1 */
  seed?: number;
}

// liblinear's bias trick: a constant feature of value 1 whose weight is the bias (regularised like the others).
const BIAS_FEATURE = 1;

/** A seeded PRNG (mulberry32): the same seed gives the same sequence on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(order: Uint32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
}

/** Train on positives and negatives; both must be non-empty. */
export function trainLinearSvm(positives: readonly SparseVector[], negatives: readonly SparseVector[], options: TrainOptions = {}): LinearModel {
  const xs = [...positives, ...negatives];
  const n = xs.length;
  const c = options.c ?? 0.01;
  // Balanced class weights (scikit-learn's class_weight='balanced'): n / (2 · n_class).
  const cPos = (c * n) / (2 * positives.length);
  const cNeg = (c * n) / (2 * negatives.length);
  const y = (i: number) => (i < positives.length ? 1 : -1);
  // Squared hinge loss: the dual gets a diagonal term 1 / (2C) and no upper bound on alpha.
  const diag = Float64Array.from(xs, (_, i) => 1 / (2 * (i < positives.length ? cPos : cNeg)));
  const qii = Float64Array.from(xs, (x, i) => sqNorm(x) + BIAS_FEATURE * BIAS_FEATURE + (diag[i] ?? 0));
  const alpha = new Float64Array(n);
  const w = new Float32Array(DIMS);
  let bias = 0;
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const random = prng(options.seed ?? 1);
  const maxEpochs = options.maxEpochs ?? 50;
  let epoch = 0;
  while (epoch < maxEpochs) {
    epoch++;
    shuffle(order, random);
    let maxPg = 0;
    for (const i of order) {
      const x = xs[i] as SparseVector;
      const yi = y(i);
      const a = alpha[i] ?? 0;
      const g = yi * (dotDense(x, w) + bias * BIAS_FEATURE) - 1 + (diag[i] ?? 0) * a;
      const pg = a === 0 ? Math.min(g, 0) : g;
      maxPg = Math.max(maxPg, Math.abs(pg));
      if (pg === 0) continue;
      const next = Math.max(a - g / (qii[i] ?? 1), 0);
      alpha[i] = next;
      const step = (next - a) * yi;
      addInto(w, x, step);
      bias += step * BIAS_FEATURE;
    }
    if (maxPg < (options.tolerance ?? 0.01)) break;
  }
  return { weights: w, bias, epochs: epoch };
}

function sqNorm(x: SparseVector): number {
  let s = 0;
  for (const v of x.values) s += v * v;
  return s;
}

/** Decision value: positive means "like the library". */
export function decision(model: LinearModel, x: SparseVector): number {
  return dotDense(x, model.weights) + model.bias * BIAS_FEATURE;
}
