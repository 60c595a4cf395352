/**
 * Cross-validation on the CSAbstruct train split for choosing sentence-role model options.
 * Usage: npx tsx scripts/roles-cv.ts '{"l2":1,"confPower":1}' '{"neighbours":false}'
 */
import { readCsAbstruct } from '../src/eval/csabstruct.js';
import { roleMetrics } from '../src/eval/metrics.js';
import { DEFAULT_FEATURES, type FeatureOptions } from '../src/summarize/builtin/features.js';
import { SENTENCE_ROLES, type SentenceRole } from '../src/types.js';
import { encodeTrain, encodeWith, featureLists, predictSeq, trainCrf, type TrainOptions } from './roles-crf.js';
import { predictStack, trainStack } from './roles-stack.js';
import type { LabelledAbstract } from '../src/eval/csabstruct.js';

export const DEFAULT_TRAIN: TrainOptions = { l2: 10, confPower: 2, maxIter: 150, minCount: 2, soft: 1 };

/** k-fold CV (folds by abstract index mod k, so deterministic); returns pooled metrics. */
export function crossValidate(data: LabelledAbstract[], k: number, fo: FeatureOptions, to: TrainOptions) {
  const gold: SentenceRole[] = [];
  const pred: SentenceRole[] = [];
  for (let fold = 0; fold < k; fold++) {
    const tr = data.filter((_, i) => i % k !== fold);
    const te = data.filter((_, i) => i % k === fold);
    const enc = encodeTrain(tr, fo, to);
    const model = trainCrf(enc, to);
    const seqs = encodeWith(te, enc.names, fo);
    seqs.forEach((s, j) => {
      const p = predictSeq(model.theta, enc.names.length, s);
      te[j]!.labels.forEach((g, t) => {
        gold.push(g);
        pred.push(SENTENCE_ROLES[p[t]!]!);
      });
    });
  }
  return roleMetrics(gold, pred);
}

/** k-fold CV of the stacked model (inner k-fold for the out-of-fold marginals). */
export function crossValidateStack(data: LabelledAbstract[], k: number, fo: FeatureOptions, to: TrainOptions, to2: TrainOptions, inner: number) {
  const lists = featureLists(data, fo);
  const gold: SentenceRole[] = [];
  const pred: SentenceRole[] = [];
  for (let fold = 0; fold < k; fold++) {
    const tr = data.map((_, i) => i).filter((i) => i % k !== fold);
    const te = data.map((_, i) => i).filter((i) => i % k === fold);
    const m = trainStack(tr.map((i) => lists[i]!), tr.map((i) => data[i]!), to, to2, inner);
    const ps = predictStack(m, te.map((i) => lists[i]!), te.map((i) => data[i]!));
    ps.forEach((p, j) => {
      data[te[j]!]!.labels.forEach((g, t) => {
        gold.push(g);
        pred.push(SENTENCE_ROLES[p[t]!]!);
      });
    });
  }
  return roleMetrics(gold, pred);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const to = { ...DEFAULT_TRAIN, ...JSON.parse(process.argv[2] ?? '{}') } as TrainOptions;
  const fo = { ...DEFAULT_FEATURES, ...JSON.parse(process.argv[3] ?? '{}') } as FeatureOptions;
  const data = readCsAbstruct(new URL('../../shared/data/csabstruct/train.jsonl', import.meta.url).pathname);
  const t0 = Date.now();
  const to2 = { ...to, ...JSON.parse(process.argv[4] ?? '{}') } as TrainOptions;
  const k = Number(process.env.FOLDS ?? 5);
  const m = process.env.STACK ? crossValidateStack(data, k, fo, to, to2, Number(process.env.STACK)) : crossValidate(data, k, fo, to);
  if (process.env.STACK) console.log('stack', process.env.STACK, JSON.stringify(to2));
  const f1 = SENTENCE_ROLES.map((r) => m.per_class[r].f1.toFixed(3)).join('/');
  console.log(JSON.stringify(to), JSON.stringify(fo), `acc=${m.accuracy} macro=${m.macro_f1} f1=${f1} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}
