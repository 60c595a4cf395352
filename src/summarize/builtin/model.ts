/**
 * The committed sentence-role model (`models/roles-model.json`): finding and loading it, and classifying the
 * sentences of one abstract. Features are 32-bit hashes (see features.ts) with quantised weights, which keeps
 * the file small; an unseen feature colliding with a stored one costs at most one spurious small weight.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors.js';
import { packageRoot } from '../../paths.js';
import { SENTENCE_ROLES, type SentenceRole } from '../../types.js';
import { marginals, viterbi } from './chain.js';
import { abstractFeatures, type FeatureOptions } from './features.js';
import { stackFeatures } from './stack.js';
import { buildLayer, layerEmissions, type Layer, type LayerFile } from './table.js';

export type { LayerFile } from './table.js';

export const MODEL_FORMAT = 'roles-crf-v1';

/** The JSON file as written by scripts/train-roles.ts. Layer k > 0 also sees layer k-1's marginals. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  labels: SentenceRole[];
  features: FeatureOptions;
  scale: number;
  layers: LayerFile[];
  /** Free-form training record (options, CV figures). */
  trained?: Record<string, unknown>;
}

export interface RoleModel {
  /** Short hash of the model file's bytes. */
  digest: string;
  features: FeatureOptions;
  layers: Layer[];
}

let defaultPath: string | undefined;

export function defaultModelPath(): string {
  defaultPath ??= join(packageRoot(), 'models', 'roles-model.json');
  return defaultPath;
}

/** Turn a parsed model file into lookup tables. */
export function buildModel(file: ModelFile, digest: string): RoleModel {
  const ok = file.format === MODEL_FORMAT && file.labels?.join() === SENTENCE_ROLES.join() && Array.isArray(file.layers) && file.layers.length > 0;
  if (!ok) throw new ConfigError(`role model is not a ${MODEL_FORMAT} model over ${SENTENCE_ROLES.join('/')}`);
  return { digest, features: file.features, layers: file.layers.map((l) => buildLayer(l, file.scale)) };
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

/** Role of each sentence of one abstract (jointly decoded: the labels of neighbours matter). */
export function classifyWith(model: RoleModel, sentences: readonly string[]): SentenceRole[] {
  const n = sentences.length;
  if (n === 0) return [];
  const L = SENTENCE_ROLES.length;
  const base = abstractFeatures(sentences, model.features);
  let feats: number[][] = base;
  let U: Float64Array = new Float64Array(0);
  model.layers.forEach((layer, k) => {
    if (k > 0) {
      const st = stackFeatures(marginals(U, n, model.layers[k - 1]!.chain), n, L);
      feats = base.map((fs, t) => fs.concat(st[t]!));
    }
    U = layerEmissions(layer, feats);
  });
  return Array.from(viterbi(U, n, model.layers[model.layers.length - 1]!.chain), (k) => SENTENCE_ROLES[k]!);
}
