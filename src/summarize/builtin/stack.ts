/**
 * Second-layer features for the stacked role model: what the first CRF believes about the neighbours and
 * about the rest of the abstract ("an objective was already stated two sentences ago"). A linear-chain CRF
 * only sees adjacent labels; these give the second layer the longer-range view, cheaply.
 */
import { mix } from './features.js';

const S = { prob: 101, none: 102, pair: 103, massBefore: 104, massAfter: 105 } as const;

function bin4(p: number): number {
  return p < 0.25 ? 0 : p < 0.5 ? 1 : p < 0.75 ? 2 : 3;
}

function massBin(m: number): number {
  return m < 0.3 ? 0 : m < 1 ? 1 : m < 2 ? 2 : 3;
}

function argmaxes(marg: Float64Array, n: number, L: number): Int32Array {
  const out = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    let best = 0;
    for (let y = 1; y < L; y++) if (marg[t * L + y]! > marg[t * L + best]!) best = y;
    out[t] = best;
  }
  return out;
}

/** Stack features per sentence from first-layer marginals (`n * L`). */
export function stackFeatures(marg: Float64Array, n: number, L: number): number[][] {
  const arg = argmaxes(marg, n, L);
  const before = new Float64Array(L);
  const total = new Float64Array(L);
  for (let i = 0; i < n * L; i++) total[i % L]! += marg[i]!;
  const out: number[][] = [];
  for (let t = 0; t < n; t++) {
    const fs: number[] = [];
    for (let d = -2; d <= 2; d++) {
      const s = t + d;
      if (s < 0 || s >= n) {
        fs.push(mix(S.none, d));
        continue;
      }
      for (let y = 0; y < L; y++) fs.push(mix(mix(mix(S.prob, d), y), bin4(marg[s * L + y]!)));
    }
    const prev = t > 0 ? arg[t - 1]! : L;
    const next = t < n - 1 ? arg[t + 1]! : L;
    fs.push(mix(S.pair, prev * (L + 1) + next));
    for (let y = 0; y < L; y++) {
      const after = total[y]! - before[y]! - marg[t * L + y]!;
      fs.push(mix(mix(S.massBefore, y), massBin(before[y]!)), mix(mix(S.massAfter, y), massBin(after)));
    }
    for (let y = 0; y < L; y++) before[y]! += marg[t * L + y]!;
    out.push(fs);
  }
  return out;
}
