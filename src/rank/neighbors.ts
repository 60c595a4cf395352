/**
 * Nearest library papers by cosine similarity, through an inverted index over the library's term vectors:
 * a candidate touches only the library papers that share a term with it.
 */
import type { SparseVector } from './vectors.js';

export interface Neighbor {
  /** Index into the library. */
  doc: number;
  similarity: number;
}

export interface NeighborIndex {
  readonly size: number;
  /** The `k` most similar library papers, best first (ties: lower index first), leaving out library paper `skip`. */
  nearest(v: SparseVector, k: number, skip?: number): Neighbor[];
}

export function neighborIndex(library: readonly SparseVector[]): NeighborIndex {
  // Postings in one flat array per field (CSR): term → [start, end) of (library paper, weight) pairs.
  const counts = new Map<number, number>();
  for (const v of library) for (const id of v.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const slot = new Map<number, number>();
  const start = new Int32Array(counts.size + 1);
  let at = 0;
  for (const [id, n] of counts) {
    start[slot.size] = at;
    slot.set(id, slot.size);
    at += n;
  }
  start[slot.size] = at;
  const docs = new Int32Array(at);
  const weights = new Float32Array(at);
  const fill = start.slice(0, slot.size);
  library.forEach((v, doc) => {
    for (let i = 0; i < v.ids.length; i++) {
      const s = slot.get(v.ids[i] ?? 0) ?? 0;
      const j = fill[s] ?? 0;
      docs[j] = doc;
      weights[j] = v.values[i] ?? 0;
      fill[s] = j + 1;
    }
  });
  const acc = new Float64Array(library.length);
  const touched = new Int32Array(library.length);
  return {
    size: library.length,
    nearest(v, k, skip = -1) {
      let nTouched = 0;
      for (let i = 0; i < v.ids.length; i++) {
        const s = slot.get(v.ids[i] ?? 0);
        if (s === undefined) continue;
        const x = v.values[i] ?? 0;
        const end = start[s + 1] ?? 0;
        for (let j = start[s] ?? 0; j < end; j++) {
          const d = docs[j] ?? 0;
          if (acc[d] === 0) touched[nTouched++] = d;
          acc[d] = (acc[d] ?? 0) + x * (weights[j] ?? 0);
        }
      }
      const found: Neighbor[] = [];
      for (let t = 0; t < nTouched; t++) {
        const d = touched[t] ?? 0;
        const sim = acc[d] ?? 0;
        acc[d] = 0;
        if (d !== skip && sim > 0) insertTop(found, d, sim, k);
      }
      return found;
    },
  };
}

/** Does (a, sa) rank below (b, sb)? Higher similarity first, then lower index. */
function below(a: number, sa: number, b: number, sb: number): boolean {
  return sa < sb || (sa === sb && a > b);
}

/** Keep `top` sorted best first with at most `k` entries. */
function insertTop(top: Neighbor[], doc: number, similarity: number, k: number): void {
  if (k <= 0) return;
  const last = top[top.length - 1];
  if (top.length === k && last && !below(last.doc, last.similarity, doc, similarity)) return;
  let i = top.length;
  while (i > 0) {
    const prev = top[i - 1] as Neighbor;
    if (!below(prev.doc, prev.similarity, doc, similarity)) break;
    i--;
  }
  top.splice(i, 0, { doc, similarity });
  if (top.length > k) top.pop();
}

/** Mean similarity of the neighbours (0 when there are none): the library-similarity signal. */
export function meanSimilarity(neighbors: readonly Neighbor[], k: number): number {
  if (k <= 0) return 0;
  let s = 0;
  for (const n of neighbors) s += n.similarity;
  return s / k;
}
