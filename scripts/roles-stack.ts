/**
 * Stacked role model: a first CRF over sentence features, then a second CRF over the same features plus
 * the first layer's out-of-fold marginals for each sentence and its neighbours (see src/…/stack.ts).
 */
import type { LabelledAbstract } from '../src/eval/csabstruct.js';
import { marginals } from '../src/summarize/builtin/chain.js';
import { stackFeatures } from '../src/summarize/builtin/stack.js';
import { chainOf, emissions, encodeLists, encodeListsWith, L, predictSeq, trainCrf, type Trained, type TrainOptions } from './roles-crf.js';

export interface Stacked {
  level1: Trained;
  level2: Trained;
}

/** Marginals of `test` abstracts under a model trained on `train` (indices into data/lists). */
function marginalsOf(model: Trained, lists: number[][][], data: LabelledAbstract[], idx: number[]): Float64Array[] {
  const F = model.names.length;
  const chain = chainOf(model.theta, F);
  const seqs = encodeListsWith(idx.map((i) => lists[i]!), idx.map((i) => data[i]!), model.names);
  return seqs.map((s) => marginals(emissions(model.theta, s), s.feats.length, chain));
}

/** Level-2 feature lists: level-1 features plus stack features from the given marginals. */
export function withStack(lists: number[][][], margs: Float64Array[]): number[][][] {
  return lists.map((abs, k) => {
    const st = stackFeatures(margs[k]!, abs.length, L);
    return abs.map((fs, t) => fs.concat(st[t]!));
  });
}

/** Out-of-fold level-1 marginals for every training abstract (folds by index mod k). */
function oofMarginals(lists: number[][][], data: LabelledAbstract[], opt: TrainOptions, k: number): Float64Array[] {
  const out: Float64Array[] = new Array<Float64Array>(data.length);
  for (let fold = 0; fold < k; fold++) {
    const tr = data.map((_, i) => i).filter((i) => i % k !== fold);
    const te = data.map((_, i) => i).filter((i) => i % k === fold);
    const m = trainCrf(encodeLists(tr.map((i) => lists[i]!), tr.map((i) => data[i]!), opt), opt);
    marginalsOf(m, lists, data, te).forEach((mg, j) => (out[te[j]!] = mg));
  }
  return out;
}

export function trainStack(lists: number[][][], data: LabelledAbstract[], opt: TrainOptions, opt2: TrainOptions, k: number): Stacked {
  const oof = oofMarginals(lists, data, opt, k);
  const level1 = trainCrf(encodeLists(lists, data, opt), opt);
  const level2 = trainCrf(encodeLists(withStack(lists, oof), data, opt2), opt2);
  return { level1, level2 };
}

export function predictStack(m: Stacked, lists: number[][][], data: LabelledAbstract[]): Int32Array[] {
  const idx = data.map((_, i) => i);
  const margs = marginalsOf(m.level1, lists, data, idx);
  const seqs = encodeListsWith(withStack(lists, margs), data, m.level2.names);
  return seqs.map((s) => predictSeq(m.level2.theta, m.level2.names.length, s));
}

/**
 * Train the stack and cross-validate its second layer (k folds) in one go: inner + k + 2 fits instead of
 * k(inner + 2) for nested CV. Every abstract's stack features come from a first layer that never saw it;
 * those first layers did see other test abstracts, a second-order leak (nested CV: scripts/roles-cv.ts with
 * STACK=inner gives the clean figure).
 */
export function trainStackWithCv(lists: number[][][], data: LabelledAbstract[], opt: TrainOptions, opt2: TrainOptions, inner: number, k: number) {
  const oof = oofMarginals(lists, data, opt, inner);
  const l2lists = withStack(lists, oof);
  const predictions: Int32Array[] = new Array<Int32Array>(data.length);
  for (let fold = 0; fold < k; fold++) {
    const tr = data.map((_, i) => i).filter((i) => i % k !== fold);
    const te = data.map((_, i) => i).filter((i) => i % k === fold);
    const m = trainCrf(encodeLists(tr.map((i) => l2lists[i]!), tr.map((i) => data[i]!), opt2), opt2);
    const seqs = encodeListsWith(te.map((i) => l2lists[i]!), te.map((i) => data[i]!), m.names);
    seqs.forEach((s, j) => (predictions[te[j]!] = predictSeq(m.theta, m.names.length, s)));
  }
  const level1 = trainCrf(encodeLists(lists, data, opt), opt);
  const level2 = trainCrf(encodeLists(l2lists, data, opt2), opt2);
  return { model: { level1, level2 } as Stacked, predictions };
}
