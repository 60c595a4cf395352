/**
 * The PostgreSQL store at archive scale (BENCH_ONLY=pgstore): `upsertPapers` throughput in import-sized batches
 * with the search index maintained and deferred, the rebuild after a deferred import, and search latency (p50/p95
 * of 200 two-word queries drawn from real titles, top 20) over the whole synthetic archive.
 * Papers are synthetic but made of real text: titles and abstracts from the word bigram model of all the real text
 * at hand (bench/import.ts, TextModel), so the index has realistic vocabulary and term frequencies; the queries are
 * the Kaggle import benchmark's (adjacent content words of real titles). Sizes: BENCH_PG_PAPERS (default
 * 1,000,000, deferred) and BENCH_PG_MAINTAIN (default 100,000, maintained); BENCH_PG_BATCH (default 2,000).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import postgresStore from '../src/store/postgres.js';
import type { Store } from '../src/store/types.js';
import type { Paper } from '../src/types.js';
import { type TextModel, corpus, queries, rng, textModel } from './import.js';
import { round } from './lib.js';

const ADMIN_URL = process.env.PG_TEST_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/postgres`;
const CATEGORIES = ['cs.LG', 'cs.AI', 'cs.CL', 'cs.CV', 'stat.ML', 'math.OC', 'math.ST', 'hep-th', 'quant-ph', 'astro-ph.GA', 'cond-mat.mtrl-sci', 'q-bio.NC'];

interface Corpus {
  model: TextModel;
  authors: string[];
  papers: Paper[];
}

function loadCorpus(): Corpus {
  const papers = corpus();
  return { model: textModel(papers), authors: [...new Set(papers.flatMap((p) => p.authors))], papers };
}

function syntheticPapers(c: Corpus, start: number, count: number, rand: () => number): Paper[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const many = <T>(xs: readonly T[], lo: number, hi: number): T[] => Array.from({ length: lo + Math.floor(rand() * (hi - lo + 1)) }, () => pick(xs));
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    const categories = [...new Set(many(CATEGORIES, 1, 3))];
    return {
      id: `${String(1000 + Math.floor(i / 100000)).padStart(4, '0')}.${String(i % 100000).padStart(5, '0')}`,
      version: 1 + (i % 3 === 0 ? 1 : 0),
      title: c.model.title(rand),
      authors: many(c.authors, 1, 6),
      abstract: c.model.abstract(rand),
      categories,
      primaryCategory: categories[0] as string,
      primaryConfirmed: true,
      comment: rand() < 0.5 ? `${5 + Math.floor(rand() * 30)} pages` : null,
      journalRef: null,
      doi: null,
      license: 'http://creativecommons.org/licenses/by/4.0/',
      submitted: '2025-06-01T00:00:00Z',
      updated: '2025-06-02T00:00:00Z',
    };
  });
}

/** Import `count` papers from `start` in batches; returns records/s (generation excluded from the clock). */
async function importPapers(store: Store, c: Corpus, start: number, count: number, batch: number): Promise<number> {
  const rand = rng(start + 7);
  let ms = 0;
  for (let done = 0; done < count; done += batch) {
    const papers = syntheticPapers(c, start + done, Math.min(batch, count - done), rand);
    const t0 = performance.now();
    await store.upsertPapers(papers);
    ms += performance.now() - t0;
  }
  return count / (ms / 1000);
}

async function searchLatency(store: Store, qs: readonly string[]): Promise<Record<string, number>> {
  for (const q of qs.slice(0, 20)) await store.search!(q); // warm the cache, as a serving reader is
  const ms: number[] = [];
  let hits = 0;
  for (const q of qs) {
    const t0 = performance.now();
    hits += (await store.search!(q, { limit: 20 })).length;
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number);
  return { queries: qs.length, p50_ms: at(0.5), p95_ms: at(0.95), max_ms: round(ms.at(-1) as number), mean_hits: round(hits / qs.length, 1) };
}

export async function storePgBenchmarks(): Promise<Record<string, unknown>> {
  const total = Number(process.env.BENCH_PG_PAPERS ?? 1_000_000);
  const maintained = Number(process.env.BENCH_PG_MAINTAIN ?? 100_000);
  const batch = Number(process.env.BENCH_PG_BATCH ?? 2000);
  const name = `pd_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const c = loadCorpus();
  try {
    const live = await postgresStore({ url: url.toString() });
    const maintainRate = await importPapers(live, c, 0, maintained, batch);
    const bulk = await postgresStore({ url: url.toString(), searchIndex: 'defer' });
    const deferRate = await importPapers(bulk, c, maintained, total - maintained, batch);
    const t0 = performance.now();
    await bulk.rebuildSearchIndex!();
    const rebuildS = (performance.now() - t0) / 1000;
    await bulk.close();
    const search = await searchLatency(live, queries(c.papers));
    await live.close();
    return {
      papers: total,
      batch,
      maintained_records_per_s: Math.round(maintainRate),
      maintained_papers: maintained,
      deferred_records_per_s: Math.round(deferRate),
      deferred_papers: total - maintained,
      rebuild_s: round(rebuildS, 1),
      search,
    };
  } finally {
    // BENCH_PG_KEEP=1 leaves the database for looking at query plans (its name is printed).
    if (process.env.BENCH_PG_KEEP === '1') console.error(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await storePgBenchmarks(), null, 2));
