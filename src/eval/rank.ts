/**
 * `preprint-digest eval rank`: leave-out evaluation of the relevance ranker on a recorded day, with ground truth
 * the ranker never sees. The day's papers are stored with their categories removed, so the ranker reads titles
 * and abstracts only; unlabelled background abstracts (CSAbstruct format) may join the archive.
 * - category task: the profile's library is a random part of the papers of one primary category (default
 *   stat.ML); the rest of that category is relevant; they are ranked among all the day's other papers.
 * - coauthor task: the library is one paper; the relevant papers are those sharing an author with it
 *   (connected through shared authors); the profile follows no author, so names never enter the score.
 * Both report the same metrics for a random ranking of the same candidates (mean over seeded permutations).
 */
import { prng } from '../rank/classifier.js';
import { buildArchiveIndex } from '../rank/archive.js';
import type { ArchiveIndex } from '../rank/archive.js';
import { rankDigestDetailed } from '../rank/digest.js';
import { CLASSIFIER_MIN_LIBRARY, CLASSIFIER_MIN_NEGATIVES } from '../rank/model.js';
import { meanMetrics, rankMetrics } from '../rank/metrics.js';
import type { RankMetrics } from '../rank/metrics.js';
import { emptyProfile } from '../rank/profile.js';
import { compareScores } from '../rank/score.js';
import type { PaperScore } from '../rank/score.js';
import { readFeedFile } from '../sources/index.js';
import sqliteStore from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import type { Digest, Paper } from '../types.js';
import { ConfigError, UsageError } from '../errors.js';
import { sampleFeedPath } from '../paths.js';
import { canonicalCategory, isActiveCategory, suggestCategory } from '../taxonomy/index.js';
import { readCsAbstruct } from './csabstruct.js';
import { categoryQueries, coauthorQueries, shuffled } from './rank-queries.js';
import type { Query } from './rank-queries.js';

export interface RankEvalOptions {
  /** Feed file of the day. @default the bundled sample day (cs.LG + stat.ML, 189 papers) */
  feed?: string;
  /** CSAbstruct-format JSONL files whose abstracts join the archive as unlabelled papers. */
  background?: readonly string[];
  /** Primary category of the category task. @default 'stat.ML' */
  topic?: string;
  /** Random library/held-out splits of the topic. @default 20 */
  splits?: number;
  /** Share of the topic's papers put in the library. @default 0.5 */
  libraryFraction?: number;
  /** Random rankings per query for the baseline. @default 200 */
  randomRuns?: number;
  seed?: number;
}

export interface TaskResult {
  /** Rankings evaluated (splits or query papers). */
  queries: number;
  /** Mean library size (papers with text the ranker could use), relevant papers and candidates per query. */
  library: number;
  relevant: number;
  candidates: number;
  ranker: RankMetrics;
  random: RankMetrics;
  /** The same rankings by one signal alone: similarity to the library; the SVM (category task). */
  similarity_only: RankMetrics;
  /** Over the rankings in which the SVM trained; null when it trained in none (`notes` says why). */
  classifier_only: RankMetrics | null;
  /** What a reader of the figures must know, e.g. why classifier_only is null; empty when nothing. */
  notes: string[];
}

export interface RankEvaluation {
  dataset: { feed: string; papers: number; background: number; topic: string; topic_papers: number };
  category: TaskResult;
  coauthor: TaskResult;
}

/** Run both tasks; every figure is computed from the rankings made here. */
export async function evaluateRanking(options: RankEvalOptions = {}): Promise<RankEvaluation> {
  const feed = options.feed ?? sampleFeedPath();
  const papers = (await readFeedFile(feed)).items.map((i) => i.paper);
  const background = (options.background ?? []).flatMap((file, f) =>
    readCsAbstruct(file).map((a, i) => blindPaper({ id: `background-${f}-${i}`, title: '', abstract: a.sentences.join(' ') })),
  );
  const topic = checkTopic(options.topic ?? 'stat.ML');
  const store = sqliteStore({ path: ':memory:' });
  try {
    // The ranker reads from the store: the day goes in without categories, so the category never reaches it.
    await store.upsertPapers([...papers.map(blindPaper), ...background]);
    const index = await buildArchiveIndex(store);
    const ctx = { store, index, papers, randomRuns: options.randomRuns ?? 200, seed: options.seed ?? 1 };
    const topicIds = papers.filter((p) => p.primaryCategory === topic).map((p) => p.id);
    // One paper cannot be split into a library and papers to find: the metrics would all be 0, not a result.
    if (topicIds.length < 2) {
      throw new UsageError(`the day has ${topicIds.length} papers of primary category ${topic}; the category task needs at least 2 (it has ${primaryCounts(papers)}); pick another --topic`);
    }
    const category = await runTask(ctx, categoryQueries(topicIds, options));
    const coauthor = await runTask(ctx, coauthorQueries(papers));
    return {
      dataset: { feed, papers: papers.length, background: background.length, topic, topic_papers: topicIds.length },
      category,
      coauthor,
    };
  } finally {
    await store.close();
  }
}

/** The topic as a category id, or a ConfigError (exit 2) with the closest one, as other category flags do. */
function checkTopic(topic: string): string {
  if (isActiveCategory(topic)) return canonicalCategory(topic);
  const hint = suggestCategory(topic);
  throw new ConfigError(`--topic "${topic}" is not an arXiv category${hint ? `; did you mean ${hint}?` : ''}`);
}

/** "cs.LG 172, stat.ML 17": the day's primary categories, most papers first (at most 5). */
function primaryCounts(papers: readonly Paper[]): string {
  const counts = new Map<string, number>();
  for (const p of papers) counts.set(p.primaryCategory, (counts.get(p.primaryCategory) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([c, n]) => `${c} ${n}`).join(', ') || 'no papers';
}

function blindPaper(p: Pick<Paper, 'id' | 'title' | 'abstract'> & Partial<Paper>): Paper {
  return {
    id: p.id, version: p.version ?? 1, title: p.title, abstract: p.abstract, authors: p.authors ?? [],
    categories: [], primaryCategory: '', primaryConfirmed: false,
    comment: null, journalRef: null, doi: null, license: null, submitted: null, updated: null,
  };
}

interface TaskContext {
  store: Store;
  index: ArchiveIndex;
  papers: readonly Paper[];
  randomRuns: number;
  seed: number;
}

const by = (key: (s: PaperScore) => number) => (scores: readonly PaperScore[]) =>
  [...scores].sort((a, b) => key(b) - key(a) || (a.id < b.id ? -1 : 1)).map((s) => s.id);

async function runTask(ctx: TaskContext, queries: readonly Query[]): Promise<TaskResult> {
  const results = { ranker: [] as RankMetrics[], random: [] as RankMetrics[], sim: [] as RankMetrics[], clf: [] as RankMetrics[] };
  let library = 0;
  let relevant = 0;
  let candidates = 0;
  let negatives = 0;
  for (const [q, query] of queries.entries()) {
    const inLibrary = new Set(query.library);
    const day = ctx.papers.filter((p) => !inLibrary.has(p.id));
    const profile = { ...emptyProfile(), library: query.library.map((id) => ({ id })) };
    const { scores, ranker } = await rankDigestDetailed(digestOf(day), profile, { store: ctx.store, index: ctx.index });
    const scored = [...scores.values()];
    // The library the ranker had: a library paper without any text is none (the JSON and the notes agree).
    library += ranker.info.library;
    negatives += ranker.info.negatives;
    results.ranker.push(rankMetrics([...scored].sort(compareScores).map((s) => s.id), query.relevant));
    results.sim.push(rankMetrics(by((s) => s.signals.similarity)(scored), query.relevant));
    if (scored.some((s) => s.signals.classifier !== null)) results.clf.push(rankMetrics(by((s) => s.signals.classifier ?? 0)(scored), query.relevant));
    const random = prng(ctx.seed * 7919 + q);
    for (let r = 0; r < ctx.randomRuns; r++) results.random.push(rankMetrics(shuffled(day.map((p) => p.id), random), query.relevant));
    relevant += query.relevant.size;
    candidates += day.length;
  }
  const n = Math.max(queries.length, 1);
  const mean = (x: number) => Math.round((x / n) * 100) / 100;
  return {
    queries: queries.length,
    library: mean(library),
    relevant: mean(relevant),
    candidates: mean(candidates),
    ranker: meanMetrics(results.ranker),
    random: meanMetrics(results.random),
    similarity_only: meanMetrics(results.sim),
    classifier_only: results.clf.length > 0 ? meanMetrics(results.clf) : null,
    notes: classifierNotes(results.clf.length, queries.length, { library: mean(library), negatives: mean(negatives) }),
  };
}

/**
 * Why classifier_only is null or partial. The SVM trains only with enough library papers and enough negatives,
 * drawn from stored papers outside the ranked day (the day never serves as its own negatives), so on one day
 * alone it never trains and the ranker's figures are those of the other signals.
 */
function classifierNotes(trained: number, queries: number, had: { library: number; negatives: number }): string[] {
  if (trained === queries) return [];
  if (trained > 0) return [`the SVM trained in ${trained} of ${queries} rankings; classifier_only is the mean over those`];
  const lacking = [
    had.library < CLASSIFIER_MIN_LIBRARY ? `${CLASSIFIER_MIN_LIBRARY} library papers (this task's library: ${had.library})` : null,
    had.negatives < CLASSIFIER_MIN_NEGATIVES
      ? `${CLASSIFIER_MIN_NEGATIVES} negatives, stored papers from outside the ranked day (here ${had.negatives}; --background adds unlabelled abstracts)`
      : null,
  ].filter((x) => x !== null);
  // Means can clear both bars while every single ranking missed one.
  if (lacking.length === 0) return [`classifier_only is null: the SVM never trained (library ${had.library}, negatives ${had.negatives} on average)`];
  return [`classifier_only is null: the SVM never trained; it needs at least ${lacking.join(' and at least ')}`];
}

function digestOf(papers: readonly Paper[]): Digest {
  const entries = papers.map((paper) => ({ paper, announceType: 'new' as const, section: 'day', crossList: false, firstSeen: null, summary: null }));
  return { date: '2026-01-30', categories: ['day'], sections: [{ category: 'day', entries }], reconstructed: false };
}
