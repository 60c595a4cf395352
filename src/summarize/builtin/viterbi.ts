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
