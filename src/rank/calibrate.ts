/**
 * Calibration of the content signal: each component standardised on reference papers (unlabelled archive papers,
 * or the day's own when the archive is too small), the z-scores averaged, and a paper's place among the
 * reference's averages as its percentile.
 */
import type { Neighbor } from './neighbors.js';

/** Components (standardised later) of one paper's content signal. */
export interface Raw {
  /** Nearest library papers, best first. */
  near: Neighbor[];
  sim: number;
  clf: number | null;
  emb: number | null;
}

export interface Calibration {
  combined(raw: Raw): number;
  percentile(raw: Raw): number;
}

/** Standardise each component on the reference papers, average the z-scores, rank against the reference. */
export function calibration(ref: readonly Raw[]): Calibration {
  const stat = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(xs.length, 1)) || 1;
    return { mean, sd };
  };
  const sim = stat(ref.map((r) => r.sim));
  const clf = stat(ref.flatMap((r) => (r.clf === null ? [] : [r.clf])));
  const emb = stat(ref.flatMap((r) => (r.emb === null ? [] : [r.emb])));
  const combined = (r: Raw) => {
    const zs = [(r.sim - sim.mean) / sim.sd];
    if (r.clf !== null) zs.push((r.clf - clf.mean) / clf.sd);
    if (r.emb !== null) zs.push((r.emb - emb.mean) / emb.sd);
    return zs.reduce((s, z) => s + z, 0) / zs.length;
  };
  const sorted = Float64Array.from(ref.map(combined)).sort();
  return {
    combined,
    percentile(raw) {
      const x = combined(raw);
      const below = lowerBound(sorted, x);
      let equal = 0;
      while (below + equal < sorted.length && sorted[below + equal] === x) equal++;
      return sorted.length > 0 ? (below + equal / 2) / sorted.length : 0;
    },
  };
}

function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
