/**
 * Viterbi decoding for a linear-chain CRF with `L` labels. Emission scores come in one flat array
 * (`n * L`, row per sentence) so the hot path allocates nothing per label.
 */

export interface ChainParams {
  labels: number;
  /** `L * L`, row = previous label, column = next label. */
  transitions: Float64Array;
  start: Float64Array;
  end: Float64Array;
}

/** Best label sequence for `n` positions given flat emission scores. */
export function viterbi(emissions: Float64Array, n: number, p: ChainParams): Int32Array {
  const L = p.labels;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let y = 0; y < L; y++) score[y] = p.start[y]! + emissions[y]!;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let x = 0; x < L; x++) {
        const s = score[(t - 1) * L + x]! + p.transitions[x * L + y]!;
        if (s > best) {
          best = s;
          arg = x;
        }
      }
      score[t * L + y] = best + emissions[t * L + y]!;
      back[t * L + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    const s = score[(n - 1) * L + y]! + p.end[y]!;
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  out[n - 1] = arg;
  for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * L + out[t]!]!;
  return out;
}

function logSumExp(a: Float64Array, len: number): number {
  let m = -Infinity;
  for (let i = 0; i < len; i++) if (a[i]! > m) m = a[i]!;
  let s = 0;
  for (let i = 0; i < len; i++) s += Math.exp(a[i]! - m);
  return m + Math.log(s);
}

/** Posterior label probabilities per position (`n * L`) by forward-backward in log space. */
export function marginals(emissions: Float64Array, n: number, p: ChainParams): Float64Array {
  const L = p.labels;
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  const tmp = new Float64Array(L);
  for (let y = 0; y < L; y++) alpha[y] = p.start[y]! + emissions[y]!;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) tmp[x] = alpha[(t - 1) * L + x]! + p.transitions[x * L + y]!;
      alpha[t * L + y] = logSumExp(tmp, L) + emissions[t * L + y]!;
    }
  }
  for (let y = 0; y < L; y++) tmp[y] = alpha[(n - 1) * L + y]! + p.end[y]!;
  const logZ = logSumExp(tmp, L);
  for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = p.end[y]!;
  for (let t = n - 2; t >= 0; t--) {
    for (let x = 0; x < L; x++) {
      for (let y = 0; y < L; y++) tmp[y] = p.transitions[x * L + y]! + emissions[(t + 1) * L + y]! + beta[(t + 1) * L + y]!;
      beta[t * L + x] = logSumExp(tmp, L);
    }
  }
  const out = new Float64Array(n * L);
  for (let i = 0; i < n * L; i++) out[i] = Math.exp(alpha[i]! + beta[i]! - logZ);
  return out;
}
