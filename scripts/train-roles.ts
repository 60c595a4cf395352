/**
 * Train the built-in summarizer's sentence-role CRF on CSAbstruct train and write models/roles-model.json.
 *   npx tsx scripts/train-roles.ts [--folds 5] [--no-cv] [--data ../shared/data/csabstruct/train.jsonl]
 * Deterministic: full-batch L-BFGS from zero weights, folds by abstract index. Prints k-fold CV on train;
 * the dev split is only for the final check (`preprint-digest eval roles …/dev.jsonl`).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readCsAbstruct } from '../src/eval/csabstruct.js';
import { DEFAULT_FEATURES } from '../src/summarize/builtin/features.js';
import { MODEL_FORMAT, type ModelFile } from '../src/summarize/builtin/model.js';
import { SENTENCE_ROLES } from '../src/types.js';
import { crossValidate, DEFAULT_TRAIN } from './roles-cv.js';
import { L, encodeTrain, trainCrf, type Trained } from './roles-crf.js';

const SCALE = 1 / 1000;
/** Emission weights whose largest absolute value is below this are dropped (barely move any decision). */
const PRUNE = 0.004;

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Quantise, prune and hash the trained weights into the committed model format. */
function toModelFile(m: Trained, trained: Record<string, unknown>): ModelFile {
  const F = m.names.length;
  const rows = new Map<number, number[]>();
  for (let f = 0; f < F; f++) {
    const w = Array.from(m.theta.subarray(f * L, f * L + L), (x) => Math.round(x / SCALE));
    if (Math.max(...w.map(Math.abs)) * SCALE < PRUNE) continue;
    rows.set(m.names[f]!, w);
  }
  const hashes = [...rows.keys()].sort((a, b) => a - b);
  const T0 = F * L;
  const tail = Array.from(m.theta.subarray(T0), round);
  return {
    format: MODEL_FORMAT,
    labels: [...SENTENCE_ROLES],
    features: DEFAULT_FEATURES,
    scale: SCALE,
    hashes: hashes.map((h, i) => h - (i ? hashes[i - 1]! : 0)),
    weights: hashes.flatMap((h) => rows.get(h)!),
    transitions: tail.slice(0, L * L),
    start: tail.slice(L * L, L * L + L),
    end: tail.slice(L * L + L),
    trained,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      folds: { type: 'string', default: '5' },
      'no-cv': { type: 'boolean', default: false },
      data: { type: 'string', default: new URL('../../shared/data/csabstruct/train.jsonl', import.meta.url).pathname },
      out: { type: 'string', default: new URL('../models/roles-model.json', import.meta.url).pathname },
    },
  });
  const data = readCsAbstruct(values.data);
  const opt = DEFAULT_TRAIN;
  const t0 = Date.now();
  let cv: Record<string, unknown> | null = null;
  if (!values['no-cv']) {
    const k = Number(values.folds);
    const m = crossValidate(data, k, DEFAULT_FEATURES, opt);
    cv = { folds: k, ...m };
    console.log(`${k}-fold CV on train: accuracy ${m.accuracy}, macro-F1 ${m.macro_f1}, weighted-F1 ${m.weighted_f1}`);
    console.log('  per-class F1: ' + SENTENCE_ROLES.map((r) => `${r} ${m.per_class[r].f1}`).join(', '));
  }
  const enc = encodeTrain(data, DEFAULT_FEATURES, opt);
  const model = trainCrf(enc, opt);
  const file = toModelFile(model, { data: 'csabstruct/train.jsonl', abstracts: data.length, options: opt, cv });
  const json = JSON.stringify(file);
  writeFileSync(values.out, json + '\n');
  const kept = file.hashes.length;
  console.log(`features ${enc.names.length} → kept ${kept}; wrote ${values.out} (${(json.length / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main();
