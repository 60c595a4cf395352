/**
 * Scratch (rounds four and five, docs/builtin-summarizer.md): the clean nested CV of scripts/roles-exp3.ts
 * (`NESTED=1`), 5 outer × `inner` folds, with its variants: the stack as committed, plus the dense view
 * (`dense`), layer 2 averaged over inner fold assignments (`l2avg`) or a third stacked layer (`l3`).
 * FOLDS=0,1,2 runs some outer folds; FOLD_OUT=DIR writes each fold's gold/predicted labels there, so the outer
 * folds can be split over processes and pooled afterwards.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { rng } from '../bench/import.js';
import { stackFeatures } from '../src/summarize/builtin/stack.js';
import { mix } from '../src/summarize/builtin/features.js';
import { L, type Trained } from './roles-crf.js';
import { denseRowsOf, mlpFitPredict, oofMlp } from './roles-dense.js';
import { decode, fit, l2Lists, oofCrf, otherFrom, rowL2, score, seqsFor, type Ctx } from './roles-exp3.js';
import { DEFAULT_MLP } from './roles-mlp.js';

const K = 5;

type Margs = Map<number, Float64Array>;

/** Layer-1 marginals: out of fold over `tr`, from the layer fitted on all of `tr` for `te`. */
function layer1(c: Ctx, tr: number[], te: number[]): Margs {
  const margs = oofCrf(c.base, c.data, c.to1, c.e.l1 ?? {}, c.el1, tr, c.inner);
  const m1 = fit(c.base, c.data, tr, c.to1, c.e.l1 ?? {}, c.el1);
  seqsFor(m1, c.base, c.data, te, c.el1).forEach((s, j) => margs.set(te[j]!, decode(m1, s, 'marginals') as Float64Array));
  return margs;
}

/** The stack as committed, with the dense view's out-of-fold probabilities beside layer 1 when asked. */
function stackFold(c: Ctx, tr: number[], te: number[], rows: Float32Array[] | null): void {
  const margs = layer1(c, tr, te);
  const mo = { ...DEFAULT_MLP, ...c.e.dense };
  let dv: Margs | null = null;
  if (rows) {
    dv = oofMlp(rows, c.data, tr, c.inner, mo);
    for (const [i, p] of mlpFitPredict(rows, c.data, tr, te, mo)) dv.set(i, p);
  }
  const stackSet = new Set<number>();
  const lists = l2Lists(c, margs, dv, stackSet);
  const m = fit(lists, c.data, tr, c.to2, c.e.l2 ?? {}, c.el2, rowL2(c.e, stackSet), otherFrom(c.e.l2?.softBy, margs, c.data));
  score(c, m, lists, te, c.el2);
}

/** The parameter average of CRFs over the union of their features (a feature a model lacks weighs 0 there). */
function averageModels(ms: Trained[]): Trained {
  const names = [...new Set(ms.flatMap((m) => m.names))].sort((a, b) => a - b);
  const at = new Map(names.map((f, i) => [f, i]));
  const F = names.length;
  const tail = ms[0]!.theta.length - ms[0]!.names.length * L;
  const theta = new Float64Array(F * L + tail);
  for (const m of ms) {
    m.names.forEach((f, j) => {
      const o = at.get(f)! * L;
      for (let y = 0; y < L; y++) theta[o + y]! += m.theta[j * L + y]! / ms.length;
    });
    const t0 = m.names.length * L;
    for (let k = 0; k < tail; k++) theta[F * L + k]! += m.theta[t0 + k]! / ms.length;
  }
  return { theta, names };
}

/** Layer 2 averaged over `n` layer-2 CRFs, each over another (seeded) inner fold assignment; the first is the plain one. */
function averagedFold(c: Ctx, tr: number[], te: number[], n: number): void {
  const teM: Margs = new Map();
  const m1 = fit(c.base, c.data, tr, c.to1, c.e.l1 ?? {}, c.el1);
  seqsFor(m1, c.base, c.data, te, c.el1).forEach((s, j) => teM.set(te[j]!, decode(m1, s, 'marginals') as Float64Array));
  const models = Array.from({ length: n }, (_, r) => {
    const rand = rng(1000 + r);
    const perm = r === 0 ? tr : [...tr].map((i) => [rand(), i] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
    const margs = oofCrf(c.base, c.data, c.to1, c.e.l1 ?? {}, c.el1, perm, c.inner);
    return fit(l2Lists(c, margs, null, new Set()), c.data, tr, c.to2, c.e.l2 ?? {}, null);
  });
  score(c, averageModels(models), l2Lists(c, teM, null, new Set()), te, null);
}

/** Layers 1 and 2 fitted on `tr`; the marginals of both on `te`. */
function stack2(c: Ctx, tr: number[], te: number[]): { l1: Margs; l2: Margs } {
  const l1 = layer1(c, tr, te);
  const lists = l2Lists(c, l1, null, new Set());
  const m2 = fit(lists, c.data, tr, c.to2, c.e.l2 ?? {}, c.el2);
  const l2: Margs = new Map();
  seqsFor(m2, lists, c.data, te, c.el2).forEach((s, j) => l2.set(te[j]!, decode(m2, s, 'marginals') as Float64Array));
  return { l1, l2 };
}

/** A third CRF over out-of-fold layer-2 marginals (and layer 1's with `withL1`). */
function layer3Fold(c: Ctx, tr: number[], te: number[]): void {
  const m1s: Margs = new Map();
  const m2s: Margs = new Map();
  const keep = (r: { l1: Margs; l2: Margs }, ids: Iterable<number>): void => {
    for (const i of ids) {
      m1s.set(i, r.l1.get(i)!);
      m2s.set(i, r.l2.get(i)!);
    }
  };
  for (let f = 0; f < c.inner; f++) {
    const r = stack2(c, tr.filter((_, j) => j % c.inner !== f), tr.filter((_, j) => j % c.inner === f));
    keep(r, r.l2.keys());
  }
  keep(stack2(c, tr, te), te);
  const lists3 = c.base.map((abs, i) => {
    const st2 = stackFeatures(m2s.get(i)!, abs.length, L).map((fs) => fs.map((f) => mix(977, f)));
    const st1 = c.e.l3?.withL1 ? stackFeatures(m1s.get(i)!, abs.length, L) : null;
    return abs.map((fs, t) => fs.concat(st2[t]!, st1?.[t] ?? []));
  });
  score(c, fit(lists3, c.data, tr, c.to2, {}, null), lists3, te, null);
}

export function runNested(c: Ctx): void {
  if (c.e.lr) throw new Error('NESTED with lr not implemented');
  const rows = c.e.dense ? denseRowsOf(c.data, c.e.dense.layout) : null;
  const all = c.data.map((_, i) => i);
  const folds = process.env.FOLDS ? process.env.FOLDS.split(',').map(Number) : [0, 1, 2, 3, 4];
  for (const fold of folds) {
    const mark = c.gold.length;
    const tr = all.filter((i) => i % K !== fold);
    const te = all.filter((i) => i % K === fold);
    if (c.e.l3) layer3Fold(c, tr, te);
    else if (c.e.l2avg) averagedFold(c, tr, te, c.e.l2avg);
    else stackFold(c, tr, te, rows);
    console.error(`fold ${fold} ${((Date.now() - c.t0) / 1000).toFixed(0)}s`);
    if (process.env.FOLD_OUT) {
      mkdirSync(process.env.FOLD_OUT, { recursive: true });
      writeFileSync(`${process.env.FOLD_OUT}/fold-${fold}.json`, JSON.stringify({ gold: c.gold.slice(mark), pred: c.pred.slice(mark) }));
    }
  }
}
