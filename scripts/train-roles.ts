/**
 * Train the built-in summarizer's sentence-role model on CSAbstruct train and write models/roles-model.json.
 *   npx tsx scripts/train-roles.ts [--no-cv] [--data ../shared/data/csabstruct/train.jsonl] [--out FILE]
 * Deterministic: full-batch L-BFGS from zero weights, folds by abstract index. Prints k-fold CV on train;
 * the dev split is only for the final check (`preprint-digest eval roles …/dev.jsonl`).
 * Options below were chosen by 5-fold CV on train (figures in docs/builtin-summarizer.md).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readCsAbstruct } from '../src/eval/csabstruct.js';
import { DEFAULT_FEATURES, type FeatureOptions } from '../src/summarize/builtin/features.js';
import { MODEL_FORMAT, type LayerFile, type ModelFile } from '../src/summarize/builtin/model.js';
import { SENTENCE_ROLES } from '../src/types.js';
import { roleMetrics, type RoleMetrics } from '../src/eval/metrics.js';
import { crossValidate } from './roles-cv.js';
import { L, encodeTrain, featureLists, trainCrf, type Trained, type TrainOptions } from './roles-crf.js';
import { trainStack, trainStackWithCv } from './roles-stack.js';

export const FEATURES: FeatureOptions = DEFAULT_FEATURES;
export const LEVEL1: TrainOptions = { l2: 10, confPower: 2, soft: 1, maxIter: 150, minCount: 2 };
/** Second (stacked) layer, or null for a single CRF. */
export const LEVEL2: TrainOptions | null = { l2: 10, confPower: 2, soft: 1, maxIter: 150, minCount: 2 };
/** Folds for the first layer's out-of-fold marginals that train the second layer. */
const STACK_FOLDS = 3;
const CV_FOLDS = 5;

const SCALE = 1 / 1000;
/** Emission weights whose largest absolute value is below this are dropped (barely move any decision). */
const PRUNE = 0.004;

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Quantise, prune and sort the trained weights of one layer. */
function toLayer(m: Trained): LayerFile {
  const F = m.names.length;
  const rows = new Map<number, number[]>();
  for (let f = 0; f < F; f++) {
    const w = Array.from(m.theta.subarray(f * L, f * L + L), (x) => Math.round(x / SCALE));
    if (Math.max(...w.map(Math.abs)) * SCALE >= PRUNE) rows.set(m.names[f]!, w);
  }
  const hashes = [...rows.keys()].sort((a, b) => a - b);
  const tail = Array.from(m.theta.subarray(F * L), round);
  return {
    hashes: hashes.map((h, i) => h - (i ? hashes[i - 1]! : 0)),
    weights: hashes.flatMap((h) => rows.get(h)!),
    transitions: tail.slice(0, L * L),
    start: tail.slice(L * L, L * L + L),
    end: tail.slice(L * L + L),
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'no-cv': { type: 'boolean', default: false },
      data: { type: 'string', default: new URL('../../shared/data/csabstruct/train.jsonl', import.meta.url).pathname },
      out: { type: 'string', default: new URL('../models/roles-model.json', import.meta.url).pathname },
    },
  });
  const data = readCsAbstruct(values.data);
  const t0 = Date.now();
  let cv: RoleMetrics | null = null;
  let layers: Trained[];
  if (LEVEL2 && !values['no-cv']) {
    const r = trainStackWithCv(featureLists(data, FEATURES), data, LEVEL1, LEVEL2, STACK_FOLDS, CV_FOLDS);
    const gold = data.flatMap((a) => a.labels);
    cv = roleMetrics(gold, r.predictions.flatMap((p) => Array.from(p, (y) => SENTENCE_ROLES[y]!)));
    layers = [r.model.level1, r.model.level2];
  } else if (LEVEL2) {
    const s = trainStack(featureLists(data, FEATURES), data, LEVEL1, LEVEL2, STACK_FOLDS);
    layers = [s.level1, s.level2];
  } else {
    if (!values['no-cv']) cv = crossValidate(data, CV_FOLDS, FEATURES, LEVEL1);
    layers = [trainCrf(encodeTrain(data, FEATURES, LEVEL1), LEVEL1)];
  }
  if (cv) {
    console.log(`${CV_FOLDS}-fold CV on train: accuracy ${cv.accuracy}, macro-F1 ${cv.macro_f1}, weighted-F1 ${cv.weighted_f1}`);
    console.log('  per-class F1: ' + SENTENCE_ROLES.map((r) => `${r} ${cv!.per_class[r].f1}`).join(', '));
  }
  const trained = { data: 'csabstruct/train.jsonl', abstracts: data.length, level1: LEVEL1, level2: LEVEL2, stackFolds: STACK_FOLDS, cvFolds: CV_FOLDS, cv };
  const file: ModelFile = { format: MODEL_FORMAT, labels: [...SENTENCE_ROLES], features: FEATURES, scale: SCALE, layers: layers.map(toLayer), trained };
  const json = JSON.stringify(file);
  writeFileSync(values.out, json + '\n');
  const kept = file.layers.map((l) => l.hashes.length).join(' + ');
  console.log(`kept ${kept} features; wrote ${values.out} (${(json.length / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main();
