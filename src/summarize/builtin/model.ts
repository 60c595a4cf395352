/**
 * The committed sentence-role model (`models/roles-model.json`): loading, and classifying the sentences of
 * one abstract. Features are 32-bit hashes (see features.ts) with quantised weights, which keeps the file
 * small; an unseen feature colliding with a stored one costs at most one spurious small weight.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../errors.js';
import { SENTENCE_ROLES, type SentenceRole } from '../../types.js';
import { abstractFeatures, type FeatureOptions } from './features.js';
import { viterbi, type ChainParams } from './viterbi.js';

export const MODEL_FORMAT = 'roles-crf-v1';

/** The JSON file as written by scripts/train-roles.ts. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  labels: SentenceRole[];
  features: FeatureOptions;
  /** Weights are stored as integers; multiply by `scale`. */
  scale: number;
  /** Sorted feature hashes, delta-encoded. */
  hashes: number[];
  /** `labels.length` integers per hash, in hash order. */
  weights: number[];
  transitions: number[];
  start: number[];
  end: number[];
  /** Free-form training record (options, CV figures). */
  trained?: Record<string, unknown>;
}

export interface RoleModel {
  /** Short hash of the model file's bytes. */
  digest: string;
  features: FeatureOptions;
  chain: ChainParams;
  /** Open-addressing table: feature hash → row number + 1 (0 = empty slot); faster than a Map here. */
  keys: Uint32Array;
  slots: Int32Array;
  weights: Float32Array;
  /** Per row, the last sentence that used it, so a repeated feature counts once without a Set. */
  stamps: Uint32Array;
}

function tableSize(n: number): number {
  let size = 1024;
  while (size < n * 2) size *= 2;
  return size;
}

/** Row of feature hash `h`, or -1. */
function findRow(model: RoleModel, h: number): number {
  const mask = model.keys.length - 1;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const slot = model.slots[i]!;
    if (slot === 0) return -1;
    if (model.keys[i] === h) return slot - 1;
  }
}

/** Directory holding package.json, walking up from this file (works from src/ and dist/). */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new ConfigError('cannot find the package root (no package.json above the built-in summarizer)');
    dir = up;
  }
}

let defaultPath: string | undefined;

export function defaultModelPath(): string {
  defaultPath ??= join(packageRoot(), 'models', 'roles-model.json');
  return defaultPath;
}

/** Turn a parsed model file into lookup tables. */
export function buildModel(file: ModelFile, digest: string): RoleModel {
  const L = SENTENCE_ROLES.length;
  if (file.format !== MODEL_FORMAT || file.labels.join() !== SENTENCE_ROLES.join()) {
    throw new ConfigError(`role model is not a ${MODEL_FORMAT} model over ${SENTENCE_ROLES.join('/')}`);
  }
  const size = tableSize(file.hashes.length);
  const keys = new Uint32Array(size);
  const slots = new Int32Array(size);
  let h = 0;
  file.hashes.forEach((d, row) => {
    h += d;
    let i = h & (size - 1);
    while (slots[i] !== 0) i = (i + 1) & (size - 1);
    keys[i] = h;
    slots[i] = row + 1;
  });
  const weights = Float32Array.from(file.weights, (w) => w * file.scale);
  const chain: ChainParams = {
    labels: L,
    transitions: Float64Array.from(file.transitions),
    start: Float64Array.from(file.start),
    end: Float64Array.from(file.end),
  };
  const stamps = new Uint32Array(file.hashes.length);
  return { digest, features: file.features, chain, keys, slots, weights, stamps };
}

export function loadModel(path: string): RoleModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new ConfigError(`cannot read the role model ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`, { cause: err });
  }
  let file: ModelFile;
  try {
    file = JSON.parse(bytes.toString('utf8')) as ModelFile;
  } catch (err) {
    throw new ConfigError(`role model ${path} is not valid JSON`, { cause: err });
  }
  return buildModel(file, createHash('sha256').update(bytes).digest('hex').slice(0, 12));
}

let sentenceCounter = 0;

/** Role of each sentence of one abstract (jointly decoded: the labels of neighbours matter). */
export function classifyWith(model: RoleModel, sentences: readonly string[]): SentenceRole[] {
  const n = sentences.length;
  if (n === 0) return [];
  const L = SENTENCE_ROLES.length;
  const feats = abstractFeatures(sentences, model.features);
  const U = new Float64Array(n * L);
  const { stamps, weights } = model;
  for (let t = 0; t < n; t++) {
    const stamp = (sentenceCounter = (sentenceCounter + 1) >>> 0 || 1);
    for (const f of feats[t]!) {
      const row = findRow(model, f);
      if (row < 0 || stamps[row] === stamp) continue;
      stamps[row] = stamp;
      for (let y = 0; y < L; y++) U[t * L + y]! += weights[row * L + y]!;
    }
  }
  return Array.from(viterbi(U, n, model.chain), (k) => SENTENCE_ROLES[k]!);
}
