/**
 * Training half of the sentence-role CRF (inference lives in src/summarize/builtin/): feature dictionary,
 * the regularised negative log-likelihood with its gradient via forward-backward, and L-BFGS.
 * Full-batch and deterministic: same data and options give the same weights.
 */
import type { LabelledAbstract } from '../src/eval/csabstruct.js';
import { abstractFeatures, type FeatureOptions } from '../src/summarize/builtin/features.js';
import { viterbi, type ChainParams } from '../src/summarize/builtin/chain.js';
import { SENTENCE_ROLES } from '../src/types.js';

export const L = SENTENCE_ROLES.length;

export interface Seq {
  feats: Int32Array[];
  y: Int32Array;
  /** Target distribution per position (`n * L`): the gold label softened by annotator disagreement. */
  q: Float64Array;
  weight: number;
  /** Edge (transition) feature ids per position (index t: between t-1 and t; index 0 unused). */
  edges?: Int32Array[];
}

export interface Encoded {
  seqs: Seq[];
  /** Feature hash of each weight row. */
  names: number[];
  /** Edge feature hash of each L×L transition block after the base chain parameters (experiments). */
  edgeNames?: number[];
  /** Per-row L2 multiplier (experiments; default 1 for every row). */
  rowL2?: Float64Array;
}

export interface TrainOptions {
  l2: number;
  /** Exponent on the mean annotator confidence used as the sequence weight (0 = unweighted). */
  confPower: number;
  maxIter: number;
  /** Features seen fewer times than this are dropped. */
  minCount: number;
  /** Share of each sentence's disagreement (1 - conf) spread over the other labels as soft targets. */
  soft: number;
}

/** Feature hashes per sentence per abstract. */
export function featureLists(data: LabelledAbstract[], fo: FeatureOptions): number[][][] {
  return data.map((a) => abstractFeatures(a.sentences, fo));
}

/** Build the feature dictionary from training abstracts (features precomputed) and encode them. */
export function encodeLists(featLists: number[][][], data: LabelledAbstract[], opt: TrainOptions): Encoded {
  const counts = new Map<number, number>();
  for (const abs of featLists) for (const fs of abs) for (const f of new Set(fs)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts.entries()].filter(([, c]) => c >= opt.minCount).map(([f]) => f).sort((a, b) => a - b);
  const dict = new Map(names.map((f, i) => [f, i]));
  const seqs = data.map((a, k) => encodeSeq(featLists[k]!, dict, a, opt.confPower, opt.soft));
  return { seqs, names };
}

function encodeSeq(fl: number[][], dict: Map<number, number>, a: LabelledAbstract, confPower: number, soft = 0): Seq {
  const feats = fl.map((fs) => {
    const ids = new Set<number>();
    for (const f of fs) {
      const id = dict.get(f);
      if (id !== undefined) ids.add(id);
    }
    return Int32Array.from(ids);
  });
  const y = Int32Array.from(a.labels.map((l) => SENTENCE_ROLES.indexOf(l)));
  const mean = a.confs.reduce((s, c) => s + c, 0) / a.confs.length;
  const q = new Float64Array(y.length * L);
  y.forEach((g, t) => {
    const off = soft * (1 - a.confs[t]!);
    for (let k = 0; k < L; k++) q[t * L + k] = k === g ? 1 - off : off / (L - 1);
  });
  return { feats, y, q, weight: Math.pow(mean, confPower) };
}

export function encodeTrain(data: LabelledAbstract[], fo: FeatureOptions, opt: TrainOptions): Encoded {
  return encodeLists(featureLists(data, fo), data, opt);
}

/** Encode held-out abstracts with an existing dictionary (unknown features dropped). */
export function encodeListsWith(featLists: number[][][], data: LabelledAbstract[], names: number[]): Seq[] {
  const dict = new Map(names.map((f, i) => [f, i]));
  return data.map((a, k) => encodeSeq(featLists[k]!, dict, a, 0));
}

export function encodeWith(data: LabelledAbstract[], names: number[], fo: FeatureOptions): Seq[] {
  return encodeListsWith(featureLists(data, fo), data, names);
}

function logSumExp(a: Float64Array, off: number, len: number): number {
  let m = -Infinity;
  for (let i = 0; i < len; i++) m = Math.max(m, a[off + i]!);
  let s = 0;
  for (let i = 0; i < len; i++) s += Math.exp(a[off + i]! - m);
  return m + Math.log(s);
}

export function emissions(theta: Float64Array, seq: Seq): Float64Array {
  const n = seq.feats.length;
  const U = new Float64Array(n * L);
  for (let t = 0; t < n; t++) {
    const fs = seq.feats[t]!;
    let u0 = 0, u1 = 0, u2 = 0, u3 = 0, u4 = 0;
    for (let k = 0; k < fs.length; k++) {
      const o = fs[k]! * L;
      u0 += theta[o]!;
      u1 += theta[o + 1]!;
      u2 += theta[o + 2]!;
      u3 += theta[o + 3]!;
      u4 += theta[o + 4]!;
    }
    U[t * L] = u0;
    U[t * L + 1] = u1;
    U[t * L + 2] = u2;
    U[t * L + 3] = u3;
    U[t * L + 4] = u4;
  }
  return U;
}

/** Transition matrices per position (`n * L * L`, row t between t-1 and t) when edge features are on. */
export function transitionsAt(theta: Float64Array, F: number, seq: Seq): Float64Array | null {
  if (!seq.edges) return null;
  const n = seq.feats.length;
  const LL = L * L;
  const T0 = F * L;
  const W0 = T0 + LL + 2 * L;
  const out = new Float64Array(n * LL);
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < LL; j++) out[t * LL + j] = theta[T0 + j]!;
    for (const e of seq.edges[t]!) for (let j = 0; j < LL; j++) out[t * LL + j]! += theta[W0 + e * LL + j]!;
  }
  return out;
}

/** NLL of one sequence; adds weight * gradient into g. */
function seqObjective(theta: Float64Array, F: number, seq: Seq, g: Float64Array): number {
  const n = seq.feats.length;
  const LL = L * L;
  const T0 = F * L;
  const S0 = T0 + L * L;
  const E0 = S0 + L;
  const W0 = E0 + L;
  const U = emissions(theta, seq);
  const TT = transitionsAt(theta, F, seq);
  const tr = (t: number, x: number, y: number): number => (TT ? TT[t * LL + x * L + y]! : theta[T0 + x * L + y]!);
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  const tmp = new Float64Array(L);
  for (let y = 0; y < L; y++) alpha[y] = theta[S0 + y]! + U[y]!;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) tmp[x] = alpha[(t - 1) * L + x]! + tr(t, x, y);
      alpha[t * L + y] = logSumExp(tmp, 0, L) + U[t * L + y]!;
    }
  }
  for (let y = 0; y < L; y++) tmp[y] = alpha[(n - 1) * L + y]! + theta[E0 + y]!;
  const logZ = logSumExp(tmp, 0, L);
  for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = theta[E0 + y]!;
  for (let t = n - 2; t >= 0; t--) {
    for (let x = 0; x < L; x++) {
      for (let y = 0; y < L; y++) tmp[y] = tr(t + 1, x, y) + U[(t + 1) * L + y]! + beta[(t + 1) * L + y]!;
      beta[t * L + x] = logSumExp(tmp, 0, L);
    }
  }
  const w = seq.weight;
  const q = seq.q;
  // Expected gold score under the (possibly soft) targets q; its gradient is subtracted below.
  let gold = 0;
  for (let y = 0; y < L; y++) gold += q[y]! * theta[S0 + y]! + q[(n - 1) * L + y]! * theta[E0 + y]!;
  for (let t = 0; t < n; t++) {
    for (let y = 0; y < L; y++) {
      const qy = q[t * L + y]!;
      gold += qy * U[t * L + y]!;
      const p = Math.exp(alpha[t * L + y]! + beta[t * L + y]! - logZ) - qy;
      if (p === 0) continue;
      const fs = seq.feats[t]!;
      const wp = w * p;
      for (let k = 0; k < fs.length; k++) g[fs[k]! * L + y]! += wp;
      if (t === 0) g[S0 + y]! += w * p;
      if (t === n - 1) g[E0 + y]! += w * p;
    }
    if (t > 0) {
      const es = seq.edges?.[t];
      for (let x = 0; x < L; x++) {
        for (let y = 0; y < L; y++) {
          const trv = tr(t, x, y);
          const lp = alpha[(t - 1) * L + x]! + trv + U[t * L + y]! + beta[t * L + y]! - logZ;
          const qq = q[(t - 1) * L + x]! * q[t * L + y]!;
          gold += qq * trv;
          const d = w * (Math.exp(lp) - qq);
          g[T0 + x * L + y]! += d;
          if (es) for (const e of es) g[W0 + e * LL + x * L + y]! += d;
        }
      }
    }
  }
  return w * (logZ - gold);
}

export function objective(theta: Float64Array, F: number, seqs: Seq[], l2: number, g: Float64Array, rowL2?: Float64Array, edgeL2 = 1): number {
  g.fill(0);
  let f = 0;
  for (const s of seqs) f += seqObjective(theta, F, s, g);
  for (let i = 0; i < F * L; i++) {
    const l = rowL2 ? l2 * rowL2[Math.floor(i / L)]! : l2;
    f += 0.5 * l * theta[i]! * theta[i]!;
    g[i]! += l * theta[i]!;
  }
  const W0 = F * L + L * L + 2 * L;
  if (theta.length > W0) {
    const l = l2 * edgeL2;
    for (let i = W0; i < theta.length; i++) {
      f += 0.5 * l * theta[i]! * theta[i]!;
      g[i]! += l * theta[i]!;
    }
  }
  return f;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** L-BFGS with a backtracking Armijo line search. */
export function lbfgs(fg: (x: Float64Array, g: Float64Array) => number, x: Float64Array, maxIter: number, m = 8): Float64Array {
  const n = x.length;
  let g = new Float64Array(n);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  for (let it = 0; it < maxIter; it++) {
    const d = Float64Array.from(g);
    const al: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(S[k]!, d);
      al[k] = a;
      for (let i = 0; i < n; i++) d[i]! -= a * Y[k]![i]!;
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    } else {
      const gn = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) d[i]! /= gn;
    }
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, d);
      for (let i = 0; i < n; i++) d[i]! += S[k]![i]! * (al[k]! - b);
    }
    // d is now H*g; step along -d
    const gd = dot(g, d);
    let step = 1;
    const xn = new Float64Array(n);
    const gn = new Float64Array(n);
    let fn = 0;
    for (let ls = 0; ls < 30; ls++) {
      for (let i = 0; i < n; i++) xn[i] = x[i]! - step * d[i]!;
      fn = fg(xn, gn);
      if (fn <= f - 1e-4 * step * gd) break;
      step *= 0.5;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xn[i]! - x[i]!;
      y[i] = gn[i]! - g[i]!;
    }
    const sy = dot(s, y);
    const rel = Math.abs(f - fn) / Math.max(1, Math.abs(f));
    x = xn;
    g = gn;
    f = fn;
    if (sy > 1e-10) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    if (rel < 1e-7) break;
  }
  return x;
}

export interface Trained {
  theta: Float64Array;
  names: number[];
  edgeNames?: number[];
}

export function trainCrf(enc: Encoded, opt: TrainOptions, edgeL2 = 1): Trained {
  const F = enc.names.length;
  const E = enc.edgeNames?.length ?? 0;
  const theta = new Float64Array(F * L + L * L + 2 * L + E * L * L);
  const x = lbfgs((t, g) => objective(t, F, enc.seqs, opt.l2, g, enc.rowL2, edgeL2), theta, opt.maxIter);
  return { theta: x, names: enc.names, edgeNames: enc.edgeNames };
}

export function chainOf(theta: Float64Array, F: number): ChainParams {
  const T0 = F * L;
  return {
    labels: L,
    transitions: theta.slice(T0, T0 + L * L),
    start: theta.slice(T0 + L * L, T0 + L * L + L),
    end: theta.slice(T0 + L * L + L, T0 + L * L + 2 * L),
  };
}

/** Viterbi decoding (max-marginal decoding was tried: no better in CV). */
export function predictSeq(theta: Float64Array, F: number, seq: Seq, chain = chainOf(theta, F)): Int32Array {
  return viterbi(emissions(theta, seq), seq.feats.length, chain);
}
