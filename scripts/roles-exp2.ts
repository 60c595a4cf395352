/**
 * Scratch: stacked model with several first-layer views. Each view's out-of-fold (inner folds) marginals
 * become stack features (salted per view, or averaged); the second layer is cross-validated over them.
 *   npx tsx scripts/roles-exp2.ts '{"views":[{},{"local":true}],"average":false}'
 */
import { readCsAbstruct, type LabelledAbstract } from '../src/eval/csabstruct.js';
import { roleMetrics } from '../src/eval/metrics.js';
import { marginals } from '../src/summarize/builtin/chain.js';
import { DEFAULT_FEATURES, mix, type FeatureOptions } from '../src/summarize/builtin/features.js';
import { stackFeatures } from '../src/summarize/builtin/stack.js';
import { SENTENCE_ROLES, type SentenceRole } from '../src/types.js';
import { learnClusters } from './roles-clusters.js';
import { chainOf, emissions, encodeLists, encodeListsWith, featureLists, L, predictSeq, trainCrf, type TrainOptions } from './roles-crf.js';
import { DEFAULT_TRAIN } from './roles-cv.js';
import { clusterFeatures, shapeFeatures } from './roles-exp.js';

interface View {
  features?: Partial<FeatureOptions>;
  clusters?: boolean;
  shape?: boolean;
  train?: Partial<TrainOptions>;
  /** Salt for its stack features (views with the same salt share weights). */
}

interface Exp {
  views: View[];
  average?: boolean;
  inner?: number;
  train2?: Partial<TrainOptions>;
  /** Also put view features (clusters/shape of view 1) into level 2. */
  level2Extra?: boolean;
}

function viewLists(data: LabelledAbstract[], v: View, cl: () => Map<number, number>): number[][][] {
  const base = featureLists(data, { ...DEFAULT_FEATURES, ...v.features });
  if (!v.clusters && !v.shape) return base;
  return base.map((abs, i) => {
    const s = data[i]!.sentences;
    const c = v.clusters ? clusterFeatures(s, cl(), {}) : null;
    const sh = v.shape ? shapeFeatures(s) : null;
    return abs.map((fs, t) => fs.concat(c?.[t] ?? [], sh?.[t] ?? []));
  });
}

function oof(lists: number[][][], data: LabelledAbstract[], to: TrainOptions, k: number): Float64Array[] {
  const out = new Array<Float64Array>(data.length);
  for (let fold = 0; fold < k; fold++) {
    const tr = data.map((_, i) => i).filter((i) => i % k !== fold);
    const te = data.map((_, i) => i).filter((i) => i % k === fold);
    const m = trainCrf(encodeLists(tr.map((i) => lists[i]!), tr.map((i) => data[i]!), to), to);
    const F = m.names.length;
    const chain = chainOf(m.theta, F);
    encodeListsWith(te.map((i) => lists[i]!), te.map((i) => data[i]!), m.names).forEach((s, j) => {
      out[te[j]!] = marginals(emissions(m.theta, s), s.feats.length, chain);
    });
  }
  return out;
}

function main(): void {
  const e = JSON.parse(process.argv[2] ?? '{"views":[{}]}') as Exp;
  const data = readCsAbstruct(new URL('../../shared/data/csabstruct/train.jsonl', import.meta.url).pathname);
  const t0 = Date.now();
  let clusters: Map<number, number> | null = null;
  const cl = (): Map<number, number> => (clusters ??= learnClusters(data.map((a) => a.sentences)));
  const inner = e.inner ?? 3;
  const margs = e.views.map((v) => oof(viewLists(data, v, cl), data, { ...DEFAULT_TRAIN, ...v.train }, inner));
  console.error(`level 1 done ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  const base = viewLists(data, e.level2Extra ? (e.views[1] ?? {}) : {}, cl);
  const l2 = base.map((abs, i) => {
    const n = abs.length;
    let sts: number[][][];
    if (e.average) {
      const avg = new Float64Array(n * L);
      for (const m of margs) for (let j = 0; j < n * L; j++) avg[j]! += m[i]![j]! / margs.length;
      sts = [stackFeatures(avg, n, L)];
    } else {
      sts = margs.map((m, v) => stackFeatures(m[i]!, n, L).map((fs) => (v === 0 ? fs : fs.map((f) => mix(900 + v, f)))));
    }
    return abs.map((fs, t) => fs.concat(...sts.map((s) => s[t]!)));
  });
  const to2 = { ...DEFAULT_TRAIN, ...e.train2 } as TrainOptions;
  const k = 5;
  const gold: SentenceRole[] = [];
  const pred: SentenceRole[] = [];
  for (let fold = 0; fold < k; fold++) {
    const tr = data.map((_, i) => i).filter((i) => i % k !== fold);
    const te = data.map((_, i) => i).filter((i) => i % k === fold);
    const m = trainCrf(encodeLists(tr.map((i) => l2[i]!), tr.map((i) => data[i]!), to2), to2);
    encodeListsWith(te.map((i) => l2[i]!), te.map((i) => data[i]!), m.names).forEach((s, j) => {
      const p = predictSeq(m.theta, m.names.length, s);
      data[te[j]!]!.labels.forEach((g, t) => (gold.push(g), pred.push(SENTENCE_ROLES[p[t]!]!)));
    });
  }
  const r = roleMetrics(gold, pred);
  const f1 = SENTENCE_ROLES.map((c) => r.per_class[c].f1.toFixed(3)).join('/');
  console.log(JSON.stringify(e), `acc=${r.accuracy} macro=${r.macro_f1} f1=${f1} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}

main();
