/**
 * Ranking benchmarks (issue 5), on synthetic papers made of the sample day's real titles and sentences:
 *  1. ranking a 2,000-paper day against a 1,000-paper library (archive: library + day + 5,000 other papers):
 *     ranker build (library, archive sample, SVM, calibration) and scoring, one core, medians; memory;
 *  2. the archive index over 100,000 stored papers: build time (one paged scan of the SQLite store) and size.
 * Run alone with `npx tsx bench/rank.ts`; `bench/run.ts` includes `rankBenchmarks()`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildArchiveIndex } from '../src/rank/archive.js';
import { prng } from '../src/rank/classifier.js';
import { rankDigestDetailed } from '../src/rank/digest.js';
import { createRanker } from '../src/rank/score.js';
import { emptyProfile } from '../src/rank/profile.js';
import { parseFeed } from '../src/sources/index.js';
import sqliteStore from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import type { Digest, Paper } from '../src/types.js';
import { REPO, median, round } from './lib.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MB = 1024 * 1024;

/** `count` distinct papers: a real title and 5–9 real sentences from the sample day, drawn with a seeded PRNG. */
export function syntheticPapers(count: number, prefix: string, seed = 1): Paper[] {
  const sample = parseFeed(readFileSync(path.join(REPO, 'data/sample/rss-cs.LG+stat.ML-2026-01-30.xml'), 'utf8')).items.map((i) => i.paper);
  const sentences = sample.flatMap((p) => p.abstract.split(/(?<=[.!?])\s+(?=[A-Z])/));
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const base = pick(sample);
    const n = 5 + Math.floor(random() * 5);
    return {
      ...base,
      id: `${prefix}.${String(i).padStart(6, '0')}`,
      title: base.title,
      authors: [pick(sample).authors[0] ?? 'A. Author', pick(sample).authors[0] ?? 'B. Author'],
      abstract: Array.from({ length: n }, () => pick(sentences)).join(' '),
    };
  });
}

function digestOf(papers: readonly Paper[]): Digest {
  const entries = papers.map((paper) => ({ paper, announceType: 'new' as const, section: 'cs.LG', crossList: false, firstSeen: null, summary: null }));
  return { date: '2026-01-30', categories: ['cs.LG'], sections: [{ category: 'cs.LG', entries }], reconstructed: false };
}

async function withStore<T>(fn: (store: Store, file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-bench-rank-'));
  const file = path.join(dir, 'digest.sqlite');
  const store = sqliteStore({ path: file });
  try {
    return await fn(store, file);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rankDay(): Promise<Record<string, number>> {
  const library = syntheticPapers(1000, 'lib', 11);
  const day = syntheticPapers(2000, 'day', 12);
  const others = syntheticPapers(5000, 'old', 13);
  return withStore(async (store) => {
    for (let i = 0; i < others.length; i += 2500) await store.upsertPapers(others.slice(i, i + 2500));
    await store.upsertPapers([...library, ...day]);
    const index = await buildArchiveIndex(store);
    const profile = { ...emptyProfile(), keywords: [{ term: 'diffusion', weight: 1 }], authors: [{ name: day[0]?.authors[0] ?? 'X', weight: 1 }], library: library.map((p) => ({ id: p.id })) };
    const build: number[] = [];
    const score: number[] = [];
    const cpu: number[] = [];
    let heapMb = 0;
    let classifier = 0;
    for (let r = 0; r < RUNS; r++) {
      global.gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const ranker = await createRanker(profile, { store, index, exclude: day.map((p) => p.id) });
      const t1 = performance.now();
      const { digest } = await rankDigestDetailed(digestOf(day), profile, { store, index, ranker });
      const t2 = performance.now();
      const used = process.cpuUsage(cpu0);
      cpu.push((used.user + used.system) / 1000);
      heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - heap0) / MB);
      if (digest.forYou?.length !== 10) throw new Error('benchmark ranking produced no For-you list');
      classifier = ranker.info.classifier ? 1 : 0;
      build.push(t1 - t0);
      score.push(t2 - t1);
    }
    const total = build.map((b, i) => b + (score[i] ?? 0));
    return {
      day: day.length,
      library: library.length,
      archive: index.stats.docs,
      svm_trained: classifier,
      runs: RUNS,
      median_ranker_build_ms: round(median(build)),
      median_score_day_ms: round(median(score)),
      median_total_ms: round(median(total)),
      max_total_ms: round(Math.max(...total)),
      // CPU time of the process (all its threads, GC helpers included), less sensitive to a busy machine.
      median_cpu_ms: round(median(cpu)),
      load_average_1m: round(loadavg()[0] ?? 0, 2),
      heap_growth_mb: round(heapMb, 1),
      peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    };
  });
}

async function indexArchive(count: number): Promise<Record<string, number>> {
  return withStore(async (store, file) => {
    // Made and stored in chunks, so the papers themselves do not sit in memory while the index is built.
    for (let i = 0; i < count; i += 5000) await store.upsertPapers(syntheticPapers(Math.min(5000, count - i), `arc${i / 5000}`, 21 + i));
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    const times: number[] = [];
    let index = await buildArchiveIndex(store);
    for (let r = 0; r < Math.min(RUNS, 3); r++) {
      const t0 = performance.now();
      index = await buildArchiveIndex(store);
      times.push(performance.now() - t0);
    }
    const idBytes = index.ids.reduce((s, id) => s + 2 * id.length + 16, 0);
    return {
      papers: index.stats.docs,
      runs: times.length,
      median_build_s: round(median(times) / 1000, 2),
      papers_per_s: Math.round(count / (median(times) / 1000)),
      // Document frequencies (one Int32 per hashed term) plus the id list, as held in memory.
      index_mb: round((index.stats.df.byteLength + idBytes) / MB, 1),
      nonzero_terms: index.stats.df.reduce((s, x) => s + (x > 0 ? 1 : 0), 0),
      sqlite_file_mb: round(statSync(file).size / MB, 1),
      rss_growth_mb: round((process.memoryUsage().rss - rss0) / MB, 1),
      peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    };
  });
}

export async function rankBenchmarks(): Promise<Record<string, Record<string, number>>> {
  return { rank_day: await rankDay(), archive_index: await indexArchive(Number(process.env.BENCH_ARCHIVE ?? 100_000)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await rankBenchmarks(), null, 2));
}
