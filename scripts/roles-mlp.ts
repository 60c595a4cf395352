/**
 * Scratch (fourth round, docs/builtin-summarizer.md): a one-hidden-layer perceptron over dense sentence rows,
 * trained with Adam on soft targets. Deterministic (seeded initialisation, shuffling and dropout).
 */
import { rng } from '../bench/import.js';

export interface MlpOptions {
  hidden: number;
  epochs: number;
  lr: number;
  batch: number;
  l2: number;
  dropIn: number;
  dropHidden: number;
  seed: number;
  /** Average the class probabilities of this many perceptrons (seeds seed, seed+1, …); fifth round. */
  seeds?: number;
}

export const DEFAULT_MLP: MlpOptions = { hidden: 128, epochs: 12, lr: 2e-3, batch: 32, l2: 1e-5, dropIn: 0.1, dropHidden: 0.3, seed: 1 };

export interface Mlp {
  D: number;
  H: number;
  L: number;
  mean: Float32Array;
  scale: Float32Array;
  W1: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
}

/** Rows are `n * D`; targets `n * L`; weights per row. */
export function trainMlp(X: Float32Array, D: number, Q: Float32Array, L: number, w: Float32Array, o: MlpOptions): Mlp {
  const n = X.length / D;
  const H = o.hidden;
  const rand = rng(o.seed);
  const mean = new Float32Array(D);
  const scale = new Float32Array(D);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) mean[d]! += X[i * D + d]! / n;
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) scale[d]! += (X[i * D + d]! - mean[d]!) ** 2 / n;
  for (let d = 0; d < D; d++) scale[d] = 1 / (Math.sqrt(scale[d]!) + 1e-6);
  const Z = new Float32Array(X.length);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) Z[i * D + d] = (X[i * D + d]! - mean[d]!) * scale[d]!;
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const W1 = Float32Array.from({ length: D * H }, () => gauss() * Math.sqrt(2 / D));
  const b1 = new Float32Array(H);
  const W2 = Float32Array.from({ length: H * L }, () => gauss() * Math.sqrt(1 / H));
  const b2 = new Float32Array(L);
  const params = [W1, b1, W2, b2];
  const grads = params.map((p) => new Float32Array(p.length));
  const m1 = params.map((p) => new Float32Array(p.length));
  const m2 = params.map((p) => new Float32Array(p.length));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const x = new Float32Array(D);
  const h = new Float32Array(H);
  const hm = new Float32Array(H);
  const p = new Float32Array(L);
  const dh = new Float32Array(H);
  let step = 0;
  for (let ep = 0; ep < o.epochs; ep++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = o.lr * (1 - ep / o.epochs) + o.lr * 0.05;
    for (let b0 = 0; b0 < n; b0 += o.batch) {
      for (const g of grads) g.fill(0);
      const end = Math.min(n, b0 + o.batch);
      for (let k = b0; k < end; k++) {
        const r = order[k]!;
        for (let d = 0; d < D; d++) x[d] = rand() < o.dropIn ? 0 : Z[r * D + d]! / (1 - o.dropIn);
        for (let j = 0; j < H; j++) h[j] = b1[j]!;
        for (let d = 0; d < D; d++) {
          const xv = x[d]!;
          if (xv === 0) continue;
          const row = d * H;
          for (let j = 0; j < H; j++) h[j]! += xv * W1[row + j]!;
        }
        for (let j = 0; j < H; j++) {
          hm[j] = h[j]! > 0 && rand() >= o.dropHidden ? 1 / (1 - o.dropHidden) : 0;
          h[j] = h[j]! > 0 ? h[j]! * hm[j]! : 0;
        }
        softmaxOut(h, W2, b2, H, L, p);
        const wt = w[r]!;
        dh.fill(0);
        for (let y = 0; y < L; y++) {
          const gy = wt * (p[y]! - Q[r * L + y]!);
          grads[3]![y]! += gy;
          for (let j = 0; j < H; j++) {
            grads[2]![j * L + y]! += gy * h[j]!;
            dh[j]! += gy * W2[j * L + y]!;
          }
        }
        for (let j = 0; j < H; j++) dh[j]! *= hm[j]!;
        for (let j = 0; j < H; j++) grads[1]![j]! += dh[j]!;
        for (let d = 0; d < D; d++) {
          const xv = x[d]!;
          if (xv === 0) continue;
          const row = d * H;
          for (let j = 0; j < H; j++) grads[0]![row + j]! += xv * dh[j]!;
        }
      }
      step++;
      const bs = end - b0;
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      params.forEach((P, pi) => {
        const G = grads[pi]!;
        const M = m1[pi]!;
        const V = m2[pi]!;
        const decay = pi % 2 === 0 ? o.l2 : 0;
        for (let i = 0; i < P.length; i++) {
          const g = G[i]! / bs + decay * P[i]!;
          M[i] = 0.9 * M[i]! + 0.1 * g;
          V[i] = 0.999 * V[i]! + 0.001 * g * g;
          P[i]! -= (lr * (M[i]! / c1)) / (Math.sqrt(V[i]! / c2) + 1e-8);
        }
      });
    }
  }
  return { D, H, L, mean, scale, W1, b1, W2, b2 };
}

function softmaxOut(h: Float32Array, W2: Float32Array, b2: Float32Array, H: number, L: number, p: Float32Array): void {
  let mx = -Infinity;
  for (let y = 0; y < L; y++) {
    let s = b2[y]!;
    for (let j = 0; j < H; j++) s += h[j]! * W2[j * L + y]!;
    p[y] = s;
    mx = Math.max(mx, s);
  }
  let z = 0;
  for (let y = 0; y < L; y++) z += p[y] = Math.exp(p[y]! - mx);
  for (let y = 0; y < L; y++) p[y]! /= z;
}

/** Class probabilities for every row (`n * L`). */
export function predictMlp(m: Mlp, X: Float32Array): Float64Array {
  const n = X.length / m.D;
  const out = new Float64Array(n * m.L);
  const h = new Float32Array(m.H);
  const p = new Float32Array(m.L);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m.H; j++) h[j] = m.b1[j]!;
    for (let d = 0; d < m.D; d++) {
      const xv = (X[i * m.D + d]! - m.mean[d]!) * m.scale[d]!;
      const row = d * m.H;
      for (let j = 0; j < m.H; j++) h[j]! += xv * m.W1[row + j]!;
    }
    for (let j = 0; j < m.H; j++) h[j] = Math.max(0, h[j]!);
    softmaxOut(h, m.W2, m.b2, m.H, m.L, p);
    for (let y = 0; y < m.L; y++) out[i * m.L + y] = p[y]!;
  }
  return out;
}
