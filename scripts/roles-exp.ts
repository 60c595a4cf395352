/**
 * Scratch experiments for the role model: single-CRF 5-fold CV on train with extra feature groups.
 *   npx tsx scripts/roles-exp.ts '{"clusters":{"k":200}}'
 */
import { readFileSync } from 'node:fs';
import { readCsAbstruct, type LabelledAbstract } from '../src/eval/csabstruct.js';
import { roleMetrics } from '../src/eval/metrics.js';
import { DEFAULT_FEATURES, fnv, mix } from '../src/summarize/builtin/features.js';
import { tokenize } from '../src/summarize/builtin/tokens.js';
import { SENTENCE_ROLES, type SentenceRole } from '../src/types.js';
import { learnClusters, type ClusterOptions } from './roles-clusters.js';
import { encodeLists, encodeListsWith, featureLists, predictSeq, trainCrf, type TrainOptions } from './roles-crf.js';
import { DEFAULT_TRAIN } from './roles-cv.js';

interface Exp {
  clusters?: Partial<ClusterOptions> & { neighbours?: boolean; cross?: boolean; head?: boolean };
  shape?: boolean;
  train?: Partial<TrainOptions>;
  folds?: number;
  foldClusters?: boolean;
  /** Pretrained clusters ([hash, cluster] pairs from scripts/glove-clusters.ts) instead of learned ones. */
  gloveFiles?: string[];
}

export function clusterFeatures(sents: string[], cl: Map<number, number>, o: NonNullable<Exp['clusters']>): number[][] {
  const cs = sents.map((s) => tokenize(s).map((w) => cl.get(fnv(w)) ?? -1));
  const n = sents.length;
  return cs.map((c, i) => {
    const out: number[] = [];
    const bucket = n === 1 ? 5 : Math.min(4, Math.floor((i / (n - 1)) * 4.999));
    for (const x of c) if (x >= 0) out.push(mix(201, x));
    if (o.head !== false) out.push(mix(202, c[0] ?? -2), mix(mix(203, c[0] ?? -2), c[1] ?? -2));
    if (o.cross) for (const x of c) if (x >= 0) out.push(mix(mix(204, bucket), x));
    if (o.neighbours) {
      for (const x of cs[i - 1] ?? []) if (x >= 0) out.push(mix(205, x));
      for (const x of cs[i + 1] ?? []) if (x >= 0) out.push(mix(206, x));
    }
    return out;
  });
}

/** Surface shape of the raw sentence: punctuation and finer length. */
export function shapeFeatures(sents: string[]): number[][] {
  return sents.map((s) => {
    const out: number[] = [];
    for (const [k, re] of [[1, /:/], [2, /\(/], [3, /\?/], [4, /;/], [5, /["“]/], [6, /\bhttps?:|github|\bcode\b/i], [7, /\$/], [8, /\b[A-Z]{2,}\b/], [9, /,/], [10, /\d/]] as const) {
      if (re.test(s)) out.push(mix(301, k));
    }
    const commas = (s.match(/,/g) ?? []).length;
    out.push(mix(302, Math.min(commas, 4)));
    const words = s.split(/\s+/).length;
    out.push(mix(303, Math.min(Math.floor(words / 4), 12)));
    out.push(mix(304, /^[A-Z][a-z]/.test(s) ? 1 : /^[A-Z]/.test(s) ? 2 : 0));
    return out;
  });
}

const gloveMaps = (e: Exp): Map<number, number>[] =>
  (e.gloveFiles ?? []).map((f) => new Map(JSON.parse(readFileSync(f, 'utf8')) as [number, number][]));

function extras(data: LabelledAbstract[], cl: Map<number, number> | null, e: Exp, gl: Map<number, number>[] = []): number[][][] {
  return data.map((a) => {
    const parts: number[][][] = [];
    if (cl && e.clusters) parts.push(clusterFeatures(a.sentences, cl, e.clusters));
    gl.forEach((m, g) => parts.push(clusterFeatures(a.sentences, m, e.clusters ?? {}).map((fs) => fs.map((f) => mix(700 + g, f)))));
    if (e.shape) parts.push(shapeFeatures(a.sentences));
    return a.sentences.map((_, t) => parts.flatMap((p) => p[t]!));
  });
}

function main(): void {
  const e = JSON.parse(process.argv[2] ?? '{}') as Exp;
  const to = { ...DEFAULT_TRAIN, ...e.train } as TrainOptions;
  const data = readCsAbstruct(new URL('../../shared/data/csabstruct/train.jsonl', import.meta.url).pathname);
  const t0 = Date.now();
  const base = featureLists(data, DEFAULT_FEATURES);
  const k = e.folds ?? 5;
  const gold: SentenceRole[] = [];
  const pred: SentenceRole[] = [];
  const gl = gloveMaps(e);
  const globalCl = e.clusters && !e.gloveFiles && !e.foldClusters ? learnClusters(data.map((a) => a.sentences), e.clusters) : null;
  for (let fold = 0; fold < k; fold++) {
    const tr = data.map((_, i) => i).filter((i) => i % k !== fold);
    const te = data.map((_, i) => i).filter((i) => i % k === fold);
    const cl = e.clusters && !e.gloveFiles ? (globalCl ?? learnClusters(tr.map((i) => data[i]!.sentences), e.clusters)) : null;
    const ex = extras(data, cl, e, gl);
    const lists = base.map((abs, i) => abs.map((fs, t) => fs.concat(ex[i]![t]!)));
    const enc = encodeLists(tr.map((i) => lists[i]!), tr.map((i) => data[i]!), to);
    const m = trainCrf(enc, to);
    const seqs = encodeListsWith(te.map((i) => lists[i]!), te.map((i) => data[i]!), enc.names);
    seqs.forEach((s, j) => {
      const p = predictSeq(m.theta, enc.names.length, s);
      data[te[j]!]!.labels.forEach((g, t) => (gold.push(g), pred.push(SENTENCE_ROLES[p[t]!]!)));
    });
  }
  const m = roleMetrics(gold, pred);
  const f1 = SENTENCE_ROLES.map((r) => m.per_class[r].f1.toFixed(3)).join('/');
  console.log(JSON.stringify(e), `acc=${m.accuracy} macro=${m.macro_f1} f1=${f1} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
