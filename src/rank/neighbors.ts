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
  /** The `k` most similar library papers, best first (ties: lower index first), skipping `skip`. */
  nearest(v: SparseVector, k: number, skip?: ReadonlySet<number>): Neighbor[];
}

export function neighborIndex(library: readonly SparseVector[]): NeighborIndex {
  const postings = new Map<number, { docs: number[]; weights: number[] }>();
  library.forEach((v, doc) => {
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i] ?? 0;
      let p = postings.get(id);
      if (!p) postings.set(id, (p = { docs: [], weights: [] }));
      p.docs.push(doc);
      p.weights.push(v.values[i] ?? 0);
    }
  });
  const acc = new Float64Array(library.length);
  const touched: number[] = [];
  return {
    size: library.length,
    nearest(v, k, skip) {
      for (let i = 0; i < v.ids.length; i++) {
        const p = postings.get(v.ids[i] ?? 0);
        if (!p) continue;
        const x = v.values[i] ?? 0;
        for (let j = 0; j < p.docs.length; j++) {
          const d = p.docs[j] ?? 0;
          if (acc[d] === 0) touched.push(d);
          acc[d] = (acc[d] ?? 0) + x * (p.weights[j] ?? 0);
        }
      }
      const found: Neighbor[] = [];
      for (const d of touched) {
        const s = acc[d] ?? 0;
        acc[d] = 0;
        if (skip?.has(d) || s <= 0) continue;
        insertTop(found, { doc: d, similarity: s }, k);
      }
      touched.length = 0;
      return found;
    },
  };
}

/** Keep `top` sorted best first with at most `k` entries. */
function insertTop(top: Neighbor[], n: Neighbor, k: number): void {
  if (k <= 0) return;
  const worse = (a: Neighbor, b: Neighbor) => a.similarity < b.similarity || (a.similarity === b.similarity && a.doc > b.doc);
  if (top.length === k && !worse(top[k - 1] as Neighbor, n)) return;
  let i = top.length;
  while (i > 0 && worse(top[i - 1] as Neighbor, n)) i--;
  top.splice(i, 0, n);
  if (top.length > k) top.pop();
}

/** Mean similarity of the neighbours (0 when there are none): the library-similarity signal. */
export function meanSimilarity(neighbors: readonly Neighbor[], k: number): number {
  if (k <= 0) return 0;
  let s = 0;
  for (const n of neighbors) s += n.similarity;
  return s / k;
}
