/**
 * One CRF layer ready for lookups: an open-addressing hash table whose slots hold, side by side, the feature
 * hash, the last sentence that used it (so a repeated feature counts once without a Set) and its L weights.
 * One slot fits in a cache line; a Map plus separate weight arrays was the summarizer's bottleneck.
 */
import { SENTENCE_ROLES } from '../../types.js';
import type { ChainParams } from './chain.js';

const L = SENTENCE_ROLES.length;
const STRIDE = 2 + L;

/** One CRF layer as stored: sparse quantised emission weights plus the label-chain parameters. */
export interface LayerFile {
  /** Sorted feature hashes, delta-encoded. */
  hashes: number[];
  /** `labels.length` integers per hash, in hash order; multiply by the file's `scale`. */
  weights: number[];
  transitions: number[];
  start: number[];
  end: number[];
}

export interface Layer {
  chain: ChainParams;
  /** `size - 1` for the power-of-two table size. */
  mask: number;
  /** Views over one buffer; per slot: word 0 = hash (0 = empty), 1 = stamp, 2.. = weights. */
  u32: Uint32Array;
  f32: Float32Array;
}

export function buildLayer(file: LayerFile, scale: number): Layer {
  let size = 1024;
  while (size < file.hashes.length * 2) size *= 2;
  const buffer = new ArrayBuffer(size * STRIDE * 4);
  const u32 = new Uint32Array(buffer);
  const f32 = new Float32Array(buffer);
  let h = 0;
  file.hashes.forEach((d, row) => {
    h += d;
    if (h === 0) return; // 0 marks an empty slot; dropping a feature that hashes to 0 is harmless
    let i = h & (size - 1);
    while (u32[i * STRIDE] !== 0) i = (i + 1) & (size - 1);
    u32[i * STRIDE] = h;
    for (let y = 0; y < L; y++) f32[i * STRIDE + 2 + y] = file.weights[row * L + y]! * scale;
  });
  const chain: ChainParams = {
    labels: L,
    transitions: Float64Array.from(file.transitions),
    start: Float64Array.from(file.start),
    end: Float64Array.from(file.end),
  };
  return { chain, mask: size - 1, u32, f32 };
}

let sentenceCounter = 0;

/** Emission scores (`n * L`) of one layer for per-sentence feature hashes. */
export function layerEmissions(layer: Layer, feats: readonly (readonly number[])[]): Float64Array {
  const n = feats.length;
  const U = new Float64Array(n * L);
  const { u32, f32, mask } = layer;
  for (let t = 0; t < n; t++) {
    const stamp = (sentenceCounter = (sentenceCounter + 1) >>> 0 || 1);
    const fs = feats[t]!;
    for (let k = 0; k < fs.length; k++) {
      const h = fs[k]!;
      let o = (h & mask) * STRIDE;
      for (let key = u32[o]!; key !== h && key !== 0; key = u32[o]!) o = (o + STRIDE) % u32.length;
      if (u32[o] === 0 || u32[o + 1] === stamp) continue;
      u32[o + 1] = stamp;
      for (let y = 0; y < L; y++) U[t * L + y]! += f32[o + 2 + y]!;
    }
  }
  return U;
}
