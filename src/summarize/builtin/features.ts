/**
 * Features of each sentence of an abstract for the role CRF, as 32-bit hashes (no feature strings are built:
 * the summarizer must run thousands of abstracts a second). Abstracts are highly positional, so position
 * and the sentence's place relative to the first "we/this paper" sentence carry as much as the words do;
 * neighbour words let a sentence borrow context (a "However" after it hints that it is background).
 */
import { tokenize } from './tokens.js';

/** Feature groups; the trained model records which were on so inference extracts the same ones. */
export interface FeatureOptions {
  bigrams: boolean;
  neighbours: boolean;
  positionCross: boolean;
  anchor: boolean;
  /** Words of the sentences two before and two after. */
  context2?: boolean;
  /** Position relative to the first sentence with result cues ("experiments", "results", "outperform"). */
  resultAnchor?: boolean;
}

/** The feature set of the committed model (chosen by cross-validation on CSAbstruct train). */
export const DEFAULT_FEATURES: FeatureOptions = {
  bigrams: true, neighbours: true, positionCross: true, anchor: true, context2: true, resultAnchor: true,
};

/** Template ids: every feature hash starts from one, so a word in this sentence and in the previous differ. */
const T = {
  bias: 1, word: 2, bigram: 3, head1: 4, head2: 5, head3: 6, last: 7, len: 8, bucket: 9, index: 10, fromEnd: 11,
  count: 12, first: 13, lastSent: 14, bucketHead: 15, bucketSelf: 16, rel: 17, relBucket: 18, prevWord: 19,
  prevHead1: 20, prevHead2: 21, prevHead3: 22, nextWord: 23, nextHead1: 24, nextHead2: 25, nextHead3: 26,
  noPrev: 27, noNext: 28, prev2Word: 30, next2Word: 31, relResult: 37, relResultBucket: 38,
} as const;

/** FNV-1a over UTF-16 code units. */
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mix a value into a hash (multiply-xorshift); order matters, so (a, b) and (b, a) differ. */
export function mix(h: number, x: number): number {
  let v = Math.imul(h ^ x, 0x9e3779b1);
  v ^= v >>> 15;
  v = Math.imul(v, 0x85ebca77);
  return (v ^ (v >>> 13)) >>> 0;
}

const START = fnv('<s>');
const END = fnv('</s>');
const NONE = fnv('<none>');
const SELF_WORDS = ['we', 'our', 'us', 'thi', 'this', 'here', 'in', 'paper', 'present', 'propose', 'introduce'];
const SELF = new Set(SELF_WORDS.map(fnv));
const ANCHOR = new Set(['we', 'our', 'us'].map(fnv));
const THIS = new Set(['thi', 'this'].map(fnv));
const WORK = new Set(['paper', 'work', 'study'].map(fnv));
const RESULT_CUES = new Set(['result', 'experiment', 'outperform', 'show', 'demonstrate', 'achieve', 'evaluation', '<pct>'].map(fnv));
const NUMBER_SHAPES = new Set(['<pct>', '<dec>', '<int>', '<year>', '<math>'].map(fnv));

/** Index of the first sentence at or after `from` with a result cue, or -1. */
function resultIndex(toks: Uint32Array[], from: number): number {
  for (let i = Math.max(0, from); i < toks.length; i++) if (toks[i]!.some((w) => RESULT_CUES.has(w))) return i;
  return -1;
}

/** Index of the first sentence where the authors speak ("we", "our", "this paper"), or -1. */
function anchorIndex(toks: Uint32Array[]): number {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    for (let j = 0; j < t.length; j++) {
      if (ANCHOR.has(t[j]!)) return i;
      if (THIS.has(t[j]!) && j + 1 < t.length && WORK.has(t[j + 1]!)) return i;
    }
  }
  return -1;
}

function addWords(out: number[], t: Uint32Array, tpl: number, bigramTpl: number): void {
  let prev = START;
  for (let j = 0; j < t.length; j++) {
    out.push(mix(tpl, t[j]!));
    if (bigramTpl) out.push(mix(mix(bigramTpl, prev), t[j]!));
    prev = t[j]!;
  }
  if (bigramTpl) out.push(mix(mix(bigramTpl, prev), END));
}

function addHead(out: number[], t: Uint32Array, t1: number, t2: number, t3: number): void {
  const a = t[0] ?? NONE;
  const b = t[1] ?? NONE;
  out.push(mix(t1, a), mix(mix(t2, a), b), mix(mix(mix(t3, a), b), t[2] ?? NONE));
}

/** Position features; returns the relative-position bucket (0–4, 5 for a one-sentence abstract). */
function addPosition(out: number[], i: number, n: number): number {
  const bucket = n === 1 ? 5 : Math.min(4, Math.floor((i / (n - 1)) * 4.999));
  out.push(mix(T.bucket, bucket), mix(T.index, Math.min(i, 7)), mix(T.fromEnd, Math.min(n - 1 - i, 5)));
  out.push(mix(T.count, Math.min(n, 11)));
  if (i === 0) out.push(T.first);
  if (i === n - 1) out.push(T.lastSent);
  return bucket;
}

/** Feature hashes of sentence `i` given the token hashes of the whole abstract. */
function sentenceFeatures(toks: Uint32Array[], i: number, anchor: number, opt: FeatureOptions, resAnchor: number): number[] {
  const n = toks.length;
  const t = toks[i]!;
  const out: number[] = [T.bias];
  addWords(out, t, T.word, opt.bigrams ? T.bigram : 0);
  addHead(out, t, T.head1, T.head2, T.head3);
  const len = t.length < 8 ? 0 : t.length < 16 ? 1 : t.length < 28 ? 2 : 3;
  out.push(mix(T.last, t[t.length - 1] ?? NONE), mix(T.len, len));
  const bucket = addPosition(out, i, n);
  if (opt.positionCross) {
    const bh = mix(T.bucketHead, bucket);
    for (let j = 0; j < Math.min(3, t.length); j++) out.push(mix(bh, t[j]!));
    const bs = mix(T.bucketSelf, bucket);
    for (let j = 0; j < t.length; j++) if (SELF.has(t[j]!) || NUMBER_SHAPES.has(t[j]!)) out.push(mix(bs, t[j]!));
  }
  if (opt.resultAnchor) {
    const rel = resAnchor < 0 ? 99 : Math.max(-3, Math.min(3, i - resAnchor));
    out.push(mix(T.relResult, rel), mix(mix(T.relResultBucket, rel), bucket));
  }
  if (opt.context2) {
    const p2 = toks[i - 2];
    const q2 = toks[i + 2];
    if (p2) addWords(out, p2, T.prev2Word, 0);
    if (q2) addWords(out, q2, T.next2Word, 0);
  }
  if (opt.anchor) {
    const rel = anchor < 0 ? 99 : Math.max(-3, Math.min(4, i - anchor));
    out.push(mix(T.rel, rel), mix(mix(T.relBucket, rel), bucket));
  }
  if (opt.neighbours) {
    const p = toks[i - 1];
    const q = toks[i + 1];
    if (p) {
      addWords(out, p, T.prevWord, 0);
      addHead(out, p, T.prevHead1, T.prevHead2, T.prevHead3);
    } else out.push(T.noPrev);
    if (q) {
      addWords(out, q, T.nextWord, 0);
      addHead(out, q, T.nextHead1, T.nextHead2, T.nextHead3);
    } else out.push(T.noNext);
  }
  return out;
}

/** Feature hashes for every sentence of one abstract (duplicates possible; a repeated word counts once). */
export function abstractFeatures(sentences: readonly string[], opt: FeatureOptions = DEFAULT_FEATURES): number[][] {
  const toks = sentences.map((s) => Uint32Array.from(tokenize(s), fnv));
  const anchor = anchorIndex(toks);
  const res = opt.resultAnchor ? resultIndex(toks, anchor + 1) : -1;
  return toks.map((_, i) => sentenceFeatures(toks, i, anchor, opt, res));
}
