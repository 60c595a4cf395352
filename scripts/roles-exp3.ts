/**
 * Scratch, third round (figures in docs/builtin-summarizer.md): the stack with (a) position/context-dependent
 * transitions (edge features), (b) per-group L2 on the second layer, (c) an extra per-sentence
 * logistic-regression view, (d) extra base features (overlap, trigrams, head4/tail2), (e) second-layer soft
 * targets spread by the out-of-fold marginals. Scored like the train script's cheaper stacked CV: out-of-fold
 * first-layer marginals (3 inner folds over all of train, cached in /tmp/rx3), then 5-fold CV of the second
 * layer. NESTED=1 runs the clean nested CV instead (the only figure that counts: see the doc).
 * Rounds four and five: the nested CV and its variants (`dense`, `l2avg`, `l3`, FOLDS, FOLD_OUT) are in
 * scripts/roles-nested.ts.
 *   npx tsx scripts/roles-exp3.ts '{"l2":{"edges":{"bucket":true}}}'
 *   NESTED=1 npx tsx scripts/roles-exp3.ts '{"l2":{"softBy":"oof"}}'
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readCsAbstruct, type LabelledAbstract } from '../src/eval/csabstruct.js';
import { roleMetrics } from '../src/eval/metrics.js';
import { DEFAULT_FEATURES, fnv, mix } from '../src/summarize/builtin/features.js';
import { stackFeatures } from '../src/summarize/builtin/stack.js';
import { stem, tokenize } from '../src/summarize/builtin/tokens.js';
import { SENTENCE_ROLES, type SentenceRole } from '../src/types.js';
import {
  emissions, encodeLists, encodeListsWith, featureLists, L, trainCrf, transitionsAt, type Encoded, type Seq, type Trained, type TrainOptions,
} from './roles-crf.js';
import { DEFAULT_TRAIN } from './roles-cv.js';
import type { MlpOptions } from './roles-mlp.js';
import type { DenseLayout } from './roles-dense-rows.js';

export interface EdgeSpec {
  /** Relative-position bucket of the later sentence (0–4, 5 = one sentence). */
  bucket?: boolean;
  /** Index from the start (capped at 7). */
  index?: boolean;
  /** First word of the later sentence. */
  head?: boolean;
  /** Later sentence's offset from the first "we/this paper" sentence. */
  anchor?: boolean;
  minCount?: number;
}

export interface LayerSpec {
  train?: Partial<TrainOptions>;
  edges?: EdgeSpec;
  edgeL2?: number;
  /** Spread each sentence's disagreement (1 - conf) over the other labels by level-1 OOF marginals ('oof')
   * or by the mean OOF confusion of its gold label ('confusion'), mixed with uniform by `softMix`. */
  softBy?: 'oof' | 'confusion';
  softMix?: number;
  softScale?: number;
}

export interface Exp {
  l1?: LayerSpec;
  l2?: LayerSpec & {
    /** L2 multiplier on stack features / on the rest. */
    stackL2?: number;
    baseL2?: number;
    /** Extra stack-feature templates. */
    cross?: boolean;
  };
  /** Extra first-layer view: per-sentence logistic regression (no chain). */
  lr?: { train?: Partial<TrainOptions>; cross?: boolean };
  /** Extra first-layer view: an MLP over dense word-vector rows (scripts/roles-dense.ts); nested CV only. */
  dense?: Partial<MlpOptions> & { layout?: DenseLayout };
  inner?: number;
  /** Layer 2 as the parameter average of this many layer-2 CRFs, each trained on the out-of-fold marginals of
   * a different (seeded) inner fold assignment (fifth round; nested CV only; no edges). */
  l2avg?: number;
  /** A third stacked CRF over out-of-fold layer-2 marginals (fifth round; nested CV only). */
  l3?: { withL1?: boolean };
  /** Extra base features (both layers). */
  extra?: { trigrams?: boolean; overlap?: boolean; head4?: boolean; tail2?: boolean };
}

const ANCHOR = new Set(['we', 'our', 'us'].map(fnv));

function anchorOf(toks: number[][]): number {
  for (let i = 0; i < toks.length; i++) if (toks[i]!.some((w) => ANCHOR.has(w))) return i;
  return -1;
}

/** Edge feature hashes per sentence (index t: transition t-1 → t). */
export function edgeLists(data: LabelledAbstract[], e: EdgeSpec): number[][][] {
  return data.map((a) => {
    const n = a.sentences.length;
    const toks = a.sentences.map((s) => tokenize(s).map(fnv));
    const anc = anchorOf(toks);
    return toks.map((t, i) => {
      if (i === 0) return [];
      const out: number[] = [];
      const bucket = n === 1 ? 5 : Math.min(4, Math.floor((i / (n - 1)) * 4.999));
      if (e.bucket) out.push(mix(401, bucket));
      if (e.index) out.push(mix(402, Math.min(i, 7)));
      if (e.head) out.push(mix(403, t[0] ?? 0));
      if (e.anchor) out.push(mix(404, anc < 0 ? 99 : Math.max(-3, Math.min(4, i - anc))));
      return out;
    });
  });
}

function attachEdges(seqs: Seq[], el: number[][][], dict: Map<number, number>): void {
  seqs.forEach((s, k) => {
    s.edges = el[k]!.map((fs) => Int32Array.from(fs.map((f) => dict.get(f)).filter((x): x is number => x !== undefined)));
  });
}

function edgeDict(el: number[][][], minCount: number): number[] {
  const c = new Map<number, number>();
  for (const a of el) for (const fs of a) for (const f of fs) c.set(f, (c.get(f) ?? 0) + 1);
  return [...c].filter(([, v]) => v >= minCount).map(([f]) => f).sort((a, b) => a - b);
}

/** Train one layer (optionally with edges and per-row L2). */
export function fit(lists: number[][][], data: LabelledAbstract[], idx: number[], to: TrainOptions, spec: LayerSpec, el: number[][][] | null, rowL2?: (h: number) => number, other?: (i: number, t: number) => Float64Array): Trained {
  const enc: Encoded = encodeLists(idx.map((i) => lists[i]!), idx.map((i) => data[i]!), to);
  if (other && spec.softBy) {
    const mixU = spec.softMix ?? 0;
    const sc = spec.softScale ?? 1;
    enc.seqs.forEach((s, j) => {
      const a = data[idx[j]!]!;
      s.y.forEach((g, t) => {
        const o = other(idx[j]!, t);
        let z = 0;
        for (let y = 0; y < L; y++) if (y !== g) z += o[y]! + 1e-6;
        const off = Math.min(1, sc * (1 - a.confs[t]!));
        for (let y = 0; y < L; y++) {
          s.q[t * L + y] = y === g ? 1 - off : off * ((1 - mixU) * ((o[y]! + 1e-6) / z) + mixU / (L - 1));
        }
      });
    });
  }
  if (el && spec.edges) {
    const sub = idx.map((i) => el[i]!);
    const names = edgeDict(sub, spec.edges.minCount ?? 2);
    attachEdges(enc.seqs, sub, new Map(names.map((f, i) => [f, i])));
    enc.edgeNames = names;
  }
  if (rowL2) enc.rowL2 = Float64Array.from(enc.names, rowL2);
  const m = trainCrf(enc, to, spec.edgeL2 ?? 1);
  if (process.env.QUANT) quantise(m, Number(process.env.QUANT));
  return m;
}

/** QUANT=PRUNE (fifth round): the train script's rounding to 1/1000 and pruning, applied to every fitted layer. */
function quantise(m: Trained, prune: number): void {
  const F = m.names.length;
  for (let f = 0; f < F; f++) {
    const row = m.theta.subarray(f * L, f * L + L);
    for (let y = 0; y < L; y++) row[y] = Math.round(row[y]! * 1000) / 1000;
    if (Math.max(...Array.from(row, Math.abs)) < prune) row.fill(0);
  }
}

export function seqsFor(m: Trained, lists: number[][][], data: LabelledAbstract[], idx: number[], el: number[][][] | null): Seq[] {
  const seqs = encodeListsWith(idx.map((i) => lists[i]!), idx.map((i) => data[i]!), m.names);
  if (el && m.edgeNames) attachEdges(seqs, idx.map((i) => el[i]!), new Map(m.edgeNames.map((f, i) => [f, i])));
  return seqs;
}

function lse(a: Float64Array): number {
  let mx = -Infinity;
  for (const v of a) mx = Math.max(mx, v);
  let s = 0;
  for (const v of a) s += Math.exp(v - mx);
  return mx + Math.log(s);
}

/** Forward-backward marginals or Viterbi with per-position transitions. */
export function decode(m: Trained, s: Seq, mode: 'viterbi' | 'marginals'): Float64Array | Int32Array {
  const F = m.names.length;
  const U = emissions(m.theta, s);
  const n = s.feats.length;
  const LL = L * L;
  const T0 = F * L;
  const S0 = T0 + LL;
  const E0 = S0 + L;
  const TT = transitionsAt(m.theta, F, s);
  const tr = (t: number, x: number, y: number): number => (TT ? TT[t * LL + x * L + y]! : m.theta[T0 + x * L + y]!);
  if (mode === 'viterbi') {
    const score = new Float64Array(n * L);
    const back = new Int32Array(n * L);
    for (let y = 0; y < L; y++) score[y] = m.theta[S0 + y]! + U[y]!;
    for (let t = 1; t < n; t++) {
      for (let y = 0; y < L; y++) {
        let best = -Infinity;
        let arg = 0;
        for (let x = 0; x < L; x++) {
          const v = score[(t - 1) * L + x]! + tr(t, x, y);
          if (v > best) {
            best = v;
            arg = x;
          }
        }
        score[t * L + y] = best + U[t * L + y]!;
        back[t * L + y] = arg;
      }
    }
    const out = new Int32Array(n);
    let best = -Infinity;
    for (let y = 0; y < L; y++) {
      const v = score[(n - 1) * L + y]! + m.theta[E0 + y]!;
      if (v > best) {
        best = v;
        out[n - 1] = y;
      }
    }
    for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * L + out[t]!]!;
    return out;
  }
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  const tmp = new Float64Array(L);
  for (let y = 0; y < L; y++) alpha[y] = m.theta[S0 + y]! + U[y]!;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) tmp[x] = alpha[(t - 1) * L + x]! + tr(t, x, y);
      alpha[t * L + y] = lse(tmp) + U[t * L + y]!;
    }
  }
  for (let y = 0; y < L; y++) tmp[y] = alpha[(n - 1) * L + y]! + m.theta[E0 + y]!;
  const logZ = lse(tmp);
  for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = m.theta[E0 + y]!;
  for (let t = n - 2; t >= 0; t--) {
    for (let x = 0; x < L; x++) {
      for (let y = 0; y < L; y++) tmp[y] = tr(t + 1, x, y) + U[(t + 1) * L + y]! + beta[(t + 1) * L + y]!;
      beta[t * L + x] = lse(tmp);
    }
  }
  const out = new Float64Array(n * L);
  for (let i = 0; i < n * L; i++) out[i] = Math.exp(alpha[i]! + beta[i]! - logZ);
  return out;
}

/** Position × cue-word conjunctions for the LR view (index from start/end × every word of a small cue list). */
const CUES = new Set(
  ['we', 'our', 'this', 'paper', 'propose', 'proposed', 'present', 'introduce', 'however', 'results', 'show', 'experiments', 'outperforms', 'achieves', 'use',
    'method', 'approach', 'problem', 'challenge', 'goal', 'aim', 'address', 'recent', 'important', 'can', 'work', 'study', 'evaluate', 'demonstrate', 'improve',
    'model', 'data', 'to', 'in', 'by', 'finally', 'also'].map((w) => fnv(stem(w))).concat(['<pct>', '<int>', '<dec>'].map(fnv)),
);

function lrLists(data: LabelledAbstract[], base: number[][][], cross: boolean): number[][][] {
  if (!cross) return base;
  return data.map((a, k) => {
    const n = a.sentences.length;
    return a.sentences.map((s, i) => {
      const out = base[k]![i]!.slice();
      const toks = tokenize(s).map(fnv);
      const pos = [mix(501, Math.min(i, 7)), mix(502, Math.min(n - 1 - i, 5))];
      for (const w of toks) if (CUES.has(w)) for (const p of pos) out.push(mix(p, w));
      return out;
    });
  });
}

/** Per-sentence LR = the CRF trainer on one-sentence sequences (start+end act as the bias). */
function singletons(lists: number[][][], data: LabelledAbstract[], idx: number[]): { lists: number[][][]; data: LabelledAbstract[]; of: number[] } {
  const l: number[][][] = [];
  const d: LabelledAbstract[] = [];
  const of: number[] = [];
  for (const i of idx) {
    const a = data[i]!;
    a.sentences.forEach((s, t) => {
      l.push([lists[i]![t]!]);
      // weight conf², soft target from conf, as for a whole abstract
      d.push({ sentences: [s], labels: [a.labels[t]!], confs: [a.confs[t]!] });
      of.push(i);
    });
  }
  return { lists: l, data: d, of };
}

function oofLr(lists: number[][][], data: LabelledAbstract[], to: TrainOptions, k: number): Float64Array[] {
  const out = data.map((a) => new Float64Array(a.sentences.length * L));
  for (let fold = 0; fold < k; fold++) {
    const tr = data.map((_, i) => i).filter((i) => i % k !== fold);
    const te = data.map((_, i) => i).filter((i) => i % k === fold);
    const s = singletons(lists, data, tr);
    const m = trainCrf(encodeLists(s.lists, s.data, to), to);
    for (const i of te) {
      const t1 = singletons(lists, data, [i]);
      encodeListsWith(t1.lists, t1.data, m.names).forEach((seq, t) => {
        const p = decode(m, seq, 'marginals') as Float64Array;
        out[i]!.set(p, t * L);
      });
    }
  }
  return out;
}

function cached<T>(key: unknown, make: () => T): T {
  mkdirSync('/tmp/rx3', { recursive: true });
  const f = `/tmp/rx3/${createHash('sha1').update(JSON.stringify(key)).digest('hex').slice(0, 12)}.json`;
  if (existsSync(f)) {
    const raw = JSON.parse(readFileSync(f, 'utf8')) as number[][];
    return raw.map((r) => Float64Array.from(r)) as T;
  }
  const v = make();
  writeFileSync(f, JSON.stringify((v as Float64Array[]).map((x) => Array.from(x))));
  return v;
}

export function oofCrf(lists: number[][][], data: LabelledAbstract[], to: TrainOptions, spec: LayerSpec, el: number[][][] | null, idxAll: number[], k: number): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  for (let fold = 0; fold < k; fold++) {
    const tr = idxAll.filter((_, j) => j % k !== fold);
    const te = idxAll.filter((_, j) => j % k === fold);
    const m = fit(lists, data, tr, to, spec, el);
    seqsFor(m, lists, data, te, el).forEach((s, j) => out.set(te[j]!, decode(m, s, 'marginals') as Float64Array));
  }
  return out;
}

function jacc(a: Set<number>, b: Set<number> | undefined): number {
  if (!b || a.size === 0 || b.size === 0) return -1;
  let c = 0;
  for (const x of a) if (b.has(x)) c++;
  return c / (a.size + b.size - c);
}

/** Extra feature templates on top of the committed ones. */
function extraLists(data: LabelledAbstract[], x: NonNullable<Exp['extra']>): number[][][] {
  return data.map((a) => {
    const toks = a.sentences.map((s) => tokenize(s).map(fnv));
    const sets = toks.map((t) => new Set(t.filter((w) => !STOP.has(w))));
    const anc = anchorOf(toks);
    return toks.map((t, i) => {
      const out: number[] = [];
      if (x.trigrams) for (let j = 2; j < t.length; j++) out.push(mix(mix(mix(601, t[j - 2]!), t[j - 1]!), t[j]!));
      if (x.head4) out.push(mix(mix(mix(mix(602, t[0] ?? 0), t[1] ?? 0), t[2] ?? 0), t[3] ?? 0));
      if (x.tail2) out.push(mix(mix(603, t[t.length - 2] ?? 0), t[t.length - 1] ?? 0));
      if (x.overlap) {
        const bin = (v: number): number => (v < 0 ? -1 : v < 0.05 ? 0 : v < 0.12 ? 1 : v < 0.25 ? 2 : 3);
        out.push(mix(611, bin(jacc(sets[i]!, sets[i - 1]))), mix(612, bin(jacc(sets[i]!, sets[i + 1]))));
        out.push(mix(613, anc < 0 || anc === i ? -2 : bin(jacc(sets[i]!, sets[anc]))), mix(614, i === 0 ? -2 : bin(jacc(sets[i]!, sets[0]))));
        let best = 0;
        sets.forEach((s, j) => j !== i && (best = Math.max(best, jacc(sets[i]!, s))));
        out.push(mix(615, bin(best)));
      }
      return out;
    });
  });
}

/** Other-label distributions for soft targets from OOF marginals. */
export function otherFrom(by: LayerSpec['softBy'], margs: Float64Array[] | Map<number, Float64Array>, data: LabelledAbstract[]): ((i: number, t: number) => Float64Array) | undefined {
  if (!by) return undefined;
  const get = (i: number): Float64Array => (margs instanceof Map ? margs.get(i)! : margs[i]!);
  if (by === 'oof') return (i, t) => get(i).subarray(t * L, t * L + L);
  if (margs instanceof Map) throw new Error('confusion: not nested');
  const conf = Array.from({ length: L }, () => new Float64Array(L));
  data.forEach((a, i) => a.labels.forEach((l, t) => {
    const g = SENTENCE_ROLES.indexOf(l);
    for (let y = 0; y < L; y++) conf[g]![y]! += margs[i]![t * L + y]!;
  }));
  console.error(conf.map((r) => Array.from(r, (v) => v.toFixed(0)).join(' ')).join(' | '));
  return (i, t) => conf[SENTENCE_ROLES.indexOf(data[i]!.labels[t]!)]!;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'for', 'on', 'with', 'is', 'are', 'thi', 'that', 'by', 'we', 'our', 'be', 'as', 'it', 'can', 'from', 'which', 'at', 'or', 'these', 'such', 'ha', 'have', 'been', 'not'].map(fnv));

/** What every variant of one run shares; `gold`/`pred` collect the scored sentences in fold order. */
export interface Ctx {
  e: Exp;
  data: LabelledAbstract[];
  base: number[][][];
  inner: number;
  to1: TrainOptions;
  to2: TrainOptions;
  el1: number[][][] | null;
  el2: number[][][] | null;
  gold: SentenceRole[];
  pred: SentenceRole[];
  t0: number;
}

/** Layer-2 feature lists: the base features plus stack features of `margs` (and of a second view, salted). */
export function l2Lists(ctx: Ctx, margs: Map<number, Float64Array>, lr: Float64Array[] | Map<number, Float64Array> | null, stackSet: Set<number>): number[][][] {
  return ctx.base.map((abs, i) => {
    const m = margs.get(i);
    if (!m) return abs;
    const n = abs.length;
    const st = stackFeatures(m, n, L);
    const lv = lr instanceof Map ? lr.get(i) : lr?.[i];
    const st2 = lv ? stackFeatures(lv, n, L).map((fs) => fs.map((f) => mix(901, f))) : null;
    return abs.map((fs, t) => {
      const extra = st[t]!.concat(st2?.[t] ?? []);
      if (ctx.e.l2?.cross) {
        const bucket = n === 1 ? 5 : Math.min(4, Math.floor((t / (n - 1)) * 4.999));
        for (let y = 0; y < L; y++) extra.push(mix(mix(mix(950, bucket), y), Math.min(4, Math.floor(m[t * L + y]! * 5))));
      }
      for (const f of extra) stackSet.add(f);
      return fs.concat(extra);
    });
  });
}

export function rowL2(e: Exp, stackSet: Set<number>): ((h: number) => number) | undefined {
  if (e.l2?.stackL2 === undefined && e.l2?.baseL2 === undefined) return undefined;
  return (h) => (stackSet.has(h) ? e.l2?.stackL2 ?? 1 : e.l2?.baseL2 ?? 1);
}

/** Viterbi-decode the abstracts `te` with model `m` over `lists` and record gold and predicted roles. */
export function score(ctx: Ctx, m: Trained, lists: number[][][], te: number[], el: number[][][] | null): void {
  seqsFor(m, lists, ctx.data, te, el).forEach((s, j) => {
    const p = decode(m, s, 'viterbi') as Int32Array;
    ctx.data[te[j]!]!.labels.forEach((g, t) => (ctx.gold.push(g), ctx.pred.push(SENTENCE_ROLES[p[t]!]!)));
  });
}

async function main(): Promise<void> {
  const e = JSON.parse(process.argv[2] ?? '{}') as Exp;
  const data = readCsAbstruct(new URL('../../shared/data/csabstruct/train.jsonl', import.meta.url).pathname);
  const t0 = Date.now();
  const base0 = featureLists(data, DEFAULT_FEATURES);
  const ex = e.extra ? extraLists(data, e.extra) : null;
  const base = ex ? base0.map((abs, i) => abs.map((fs, t) => fs.concat(ex[i]![t]!))) : base0;
  const inner = e.inner ?? 3;
  const all = data.map((_, i) => i);
  const to1 = { ...DEFAULT_TRAIN, ...e.l1?.train } as TrainOptions;
  const to2 = { ...DEFAULT_TRAIN, ...e.l2?.train } as TrainOptions;
  const el1 = e.l1?.edges ? edgeLists(data, e.l1.edges) : null;
  const el2 = e.l2?.edges ? edgeLists(data, e.l2.edges) : null;
  const nested = !!process.env.NESTED;
  const k = 5;


  const ctx: Ctx = { e, data, base, inner, to1, to2, el1, el2, gold: [], pred: [], t0 };
  const { gold, pred } = ctx;
  if (nested) {
    // Loaded only here: the nested variants import this file's helpers.
    const { runNested } = await import('./roles-nested.js');
    runNested(ctx);
  } else {
    const lrTo = { ...DEFAULT_TRAIN, ...e.lr?.train } as TrainOptions;
    const lrl = e.lr ? lrLists(data, base, !!e.lr.cross) : null;
    const margs = cached(e.extra ? ['l1', e.l1 ?? {}, inner, e.extra] : ['l1', e.l1 ?? {}, inner], () => {
      const m = oofCrf(base, data, to1, e.l1 ?? {}, el1, all, inner);
      return all.map((i) => m.get(i)!);
    });
    const lr = e.lr ? cached(['lr', e.lr, inner], () => oofLr(lrl!, data, lrTo, inner)) : null;
    console.error(`level 1 done ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    const stackSet = new Set<number>();
    const lists = l2Lists(ctx, new Map(margs.map((m, i) => [i, m])), lr, stackSet);
    for (let fold = 0; fold < k; fold++) {
      const tr = all.filter((i) => i % k !== fold);
      const te = all.filter((i) => i % k === fold);
      const m = fit(lists, data, tr, to2, e.l2 ?? {}, el2, rowL2(e, stackSet), otherFrom(e.l2?.softBy, margs, data));
      score(ctx, m, lists, te, el2);
    }
  }
  const r = roleMetrics(gold, pred);
  const f1 = SENTENCE_ROLES.map((c) => r.per_class[c].f1.toFixed(3)).join('/');
  console.log(`${nested ? 'NESTED ' : ''}${JSON.stringify(e)} acc=${r.accuracy.toFixed(4)} macro=${r.macro_f1.toFixed(4)} f1=${f1} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}

// Not a top-level await: the nested variants import this module, which must have finished evaluating first.
if (import.meta.url === `file://${process.argv[1]}`) void main();
