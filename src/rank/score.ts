/**
 * Scoring papers against a profile. Content signals — mean cosine similarity to the nearest library papers, the
 * SVM's decision value, optionally embedding similarity — are standardised against unlabelled archive papers
 * and averaged; the result's archive percentile p gives the content score c = p^sharpness. Explicit interests
 * then add evidence: score = 1 − (1 − c) · 2^−(matched keyword + followed author weights), halved for each unit of
 * matched negative-keyword weight. So a keyword of weight 1 alone gives 0.5, and a paper closer to the library
 * than 99 % of the archive gives about 0.92.
 */
import type { Paper } from '../types.js';
import { decision } from './classifier.js';
import { cosine, embedCached } from './embeddings.js';
import type { EmbedItem } from './embeddings.js';
import { reasons, topTerms } from './explain.js';
import { authorMatcher, keywordMatcher } from './match.js';
import type { AuthorMatcher, KeywordMatcher } from './match.js';
import { buildModel, modelGaps, toDoc } from './model.js';
import type { Doc, RankModel, RankerOptions } from './model.js';
import { meanSimilarity } from './neighbors.js';
import { calibration } from './calibrate.js';
import type { Calibration, Raw } from './calibrate.js';
import type { Profile } from './profile.js';

export interface Signals {
  /** Mean cosine similarity to the nearest library papers (TF-IDF/BM25 vectors). */
  similarity: number;
  /** SVM decision value; null when no SVM was trained. */
  classifier: number | null;
  /** Mean embedding cosine to the nearest library papers; null without an embedder. */
  embedding: number | null;
  /** Mean of the standardised content signals (orders papers whose percentile ties, e.g. beyond the archive's best). */
  combined: number;
  /** Share of calibration papers whose combined content signal is lower. */
  percentile: number;
  /** percentile ^ sharpness (0 without a library). */
  content: number;
  /** Sum of matched keyword weights, followed author weights, negative keyword weights. */
  keywords: number;
  authors: number;
  negative: number;
}

export interface PaperScore {
  id: string;
  /** In [0, 1]; higher is more relevant. 0 for papers marked not interested. */
  score: number;
  reasons: string[];
  inLibrary: boolean;
  notInterested: boolean;
  signals: Signals;
}

export interface Ranker {
  readonly info: RankModel['info'] & {
    /** The embeddings signal is in use. */
    embeddings: boolean;
    /** Scores are calibrated on held-out archive papers, or (small archive) on the day itself. */
    calibration: 'archive' | 'day';
    /** Things that did not stop ranking (library papers without text, an embeddings endpoint failing), one line each; grows as days are scored. */
    problems: string[];
  };
  /** Score papers (one call per day: calibration falls back to these papers when the archive is too small). */
  score(papers: readonly Paper[]): Promise<PaperScore[]>;
}

const MIN_REFERENCE = 20;
const EMBED_REFERENCE = 200;

/** Build a ranker: reads the library and a sample of the archive from the store, trains the SVM if it can. */
export async function createRanker(profile: Profile, options: RankerOptions): Promise<Ranker> {
  const model = await buildModel(profile, options);
  const problems = modelGaps(profile, model.info);
  // Embeddings are an extra: if the endpoint fails, rank without them and say so.
  const tryEmbed = async (items: readonly EmbedItem[]): Promise<Float32Array[] | null> => {
    if (!options.embedder) return null;
    try {
      return await embedCached(items, options.embedder, options.store);
    } catch (err) {
      problems.push(`${(err as Error).message}; ranked without embeddings`);
      return null;
    }
  };
  const libEmb = model.library.length > 0 ? await tryEmbed(model.library) : null;
  const phrases = profile.keywords.length + profile.negativeKeywords.length > 0;
  const ctx: ScoringContext = {
    model,
    libEmb,
    k: Math.min(options.neighbors ?? 3, model.library.length),
    sharpness: options.sharpness ?? 8,
    keywords: keywordMatcher(profile.keywords),
    negatives: keywordMatcher(profile.negativeKeywords),
    authors: authorMatcher(profile.authors),
    notInterested: new Set(profile.notInterested.flatMap((x) => (x.id ? [x.id] : []))),
  };
  // Calibration on held-out archive papers (embeddings only for the first EMBED_REFERENCE of them: API cost).
  const refDocs = libEmb ? model.reference.slice(0, EMBED_REFERENCE) : model.reference;
  const refEmb = libEmb ? await tryEmbed(model.referencePapers.slice(0, refDocs.length)) : null;
  const refRaws = refDocs.map((d, i) => rawOf(ctx, d, refEmb?.[i] ?? null));
  const archiveRef = refDocs.length >= MIN_REFERENCE ? calibration(refRaws) : null;
  return {
    info: { ...model.info, embeddings: libEmb !== null && refEmb !== null, calibration: archiveRef ? 'archive' : 'day', problems },
    async score(papers) {
      const docs = papers.map((p) => toDoc(p, model.stats, phrases));
      const embs = libEmb && refEmb ? await tryEmbed(papers) : null;
      const raws = docs.map((d, i) => rawOf(ctx, d, embs?.[i] ?? null, model.libraryIndex.get(papers[i]?.id ?? '')));
      // Without today's embeddings, calibrate on the other signals only, so like is compared with like.
      const reference = embs || !libEmb ? archiveRef : refDocs.length >= MIN_REFERENCE ? calibration(refRaws.map((r) => ({ ...r, emb: null }))) : null;
      const cal = reference ?? calibration(raws);
      return papers.map((paper, i) => scoreOne(ctx, paper, docs[i] as Doc, raws[i] as Raw, embs?.[i] ?? null, cal));
    },
  };
}

interface ScoringContext {
  model: RankModel;
  libEmb: Float32Array[] | null;
  /** Library neighbours averaged. */
  k: number;
  sharpness: number;
  keywords: KeywordMatcher;
  negatives: KeywordMatcher;
  authors: AuthorMatcher;
  notInterested: ReadonlySet<string>;
}

/** A library paper is compared with the rest of the library (leave-one-out), not with itself. */
function rawOf(ctx: ScoringContext, doc: Doc, emb: Float32Array | null, self?: number): Raw {
  const { model, k } = ctx;
  const kk = self === undefined ? k : Math.min(k, model.library.length - 1);
  const near = model.neighbors.nearest(doc.vector, kk, self);
  return {
    near,
    sim: meanSimilarity(near, kk),
    clf: model.svm ? decision(model.svm, doc.vector) : null,
    emb: emb && ctx.libEmb ? embSimilarity(emb, ctx.libEmb, kk, self) : null,
  };
}

const sumWeights = (xs: readonly { weight: number }[]) => xs.reduce((s, x) => s + x.weight, 0);

function scoreOne(ctx: ScoringContext, paper: Paper, doc: Doc, raw: Raw, emb: Float32Array | null, cal: Calibration): PaperScore {
  const { model } = ctx;
  const hasLibrary = model.library.length > 0;
  const self = model.libraryIndex.get(paper.id);
  const combined = hasLibrary ? cal.combined(raw) : 0;
  const percentile = hasLibrary ? cal.percentile(raw) : 0;
  const content = hasLibrary ? percentile ** ctx.sharpness : 0;
  const text = `${paper.title}\n${paper.abstract}`;
  const kw = ctx.keywords.matchRuns(doc.terms.runs, text);
  const au = ctx.authors.match(paper.authors);
  const neg = ctx.negatives.matchRuns(doc.terms.runs, text);
  const inLibrary = self !== undefined;
  const notInterested = ctx.notInterested.has(paper.id);
  const evidence = 1 - (1 - content) * 2 ** -(sumWeights(kw) + sumWeights(au));
  const score = notInterested ? 0 : round(evidence * 2 ** -sumWeights(neg));
  const similar = raw.near
    .slice(0, 2)
    .filter((n) => n.similarity >= 0.05)
    .map((n) => ({ label: model.library[n.doc]?.label ?? '?', similarity: n.similarity }));
  const why = reasons({
    keywords: kw,
    authors: au,
    negatives: neg,
    similar,
    terms: topTerms(paper, doc.vector, model.svm?.weights ?? model.centroid),
    percentile: hasLibrary ? percentile : null,
    embedding: emb && ctx.libEmb ? nearestEmbedding(emb, ctx.libEmb, model, self) : null,
    inLibrary,
    notInterested,
  });
  const signals: Signals = {
    similarity: raw.sim, classifier: raw.clf, embedding: raw.emb, combined, percentile, content,
    keywords: sumWeights(kw), authors: sumWeights(au), negative: sumWeights(neg),
  };
  return { id: paper.id, score, reasons: why, inLibrary, notInterested, signals };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** Best first: by score, then by the combined content signal (scores tie at 0 and 1), then by id. */
export function compareScores(a: PaperScore, b: PaperScore): number {
  return b.score - a.score || b.signals.combined - a.signals.combined || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function embSimilarity(v: Float32Array, lib: readonly Float32Array[], k: number, self?: number): number {
  const sims = lib.flatMap((l, i) => (i === self ? [] : [cosine(v, l)])).sort((a, b) => b - a);
  return k > 0 ? sims.slice(0, k).reduce((s, x) => s + x, 0) / k : 0;
}

function nearestEmbedding(v: Float32Array, lib: readonly Float32Array[], model: RankModel, self?: number) {
  let best: { label: string; similarity: number } | null = null;
  lib.forEach((l, i) => {
    const s = cosine(v, l);
    if (i !== self && (!best || s > best.similarity)) best = { label: model.library[i]?.label ?? '?', similarity: s };
  });
  return best;
}
