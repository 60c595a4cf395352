/**
 * Streaming import of the Kaggle arXiv snapshot format at scale (BENCH_ONLY=import), issue "Scale out":
 *  - a synthetic snapshot of BENCH_IMPORT_RECORDS (default 1,000,000) JSON lines in the Kaggle layout (seed 42):
 *    titles and abstracts are walks of a word bigram model (TextModel below) trained on ALL the real text at hand —
 *    the titles and abstracts of the sample day, the reconstructed day, the RSS excerpt and the export-API payload,
 *    and the CSAbstruct train + dev abstracts in ../shared (read at run time, never copied) — starting at real title
 *    and sentence starts, with lengths drawn from real titles and abstracts; real author names and category sets.
 *    Until 2026-11-29 titles were recombined halves of only 213 real titles, so every title word sat in thousands
 *    of titles and two-word queries matched far more papers than on arXiv (SQLite p95 194 ms was measured on that);
 *  - `preprint-digest import-kaggle` (the built CLI, the product path) into SQLite and PostgreSQL, with the search
 *    index (deferred, rebuilt at the end) and without (`--no-search-index`), each in its own process under
 *    /usr/bin/time: records/s and peak RSS, at 10 % of the records and at all of them (flat memory = same peak);
 *  - archive search over the full import: 200 two-word queries drawn from real titles, top 20, p50/p95.
 * PostgreSQL runs when the server answers (PG_TEST_URL, default postgres://postgres@127.0.0.1:5432/postgres) on a
 * throw-away database.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseApiFeed } from '../src/sources/api.js';
import { parseFeed } from '../src/sources/index.js';
import type { openStore as OpenStore } from '../src/store/index.js';
import type { Paper } from '../src/types.js';
import { REPO, SHARED, round } from './lib.js';

const ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLI = path.join(REPO, 'dist/cli/main.js');

export function corpus(): Paper[] {
  const feeds = ['data/sample/rss-cs.LG+stat.ML-2026-01-30.xml', '../shared/fixtures/arxiv/rss-all-archives-2024-11-28.excerpt.xml', '../shared/fixtures/arxiv/rss-cs.LG+stat.ML-2026-01-30.reconstructed.xml'];
  const fromFeeds = feeds.flatMap((f) => parseFeed(readFileSync(path.join(REPO, f), 'utf8')).items.map((i) => i.paper));
  const api = JSON.parse(readFileSync(path.join(SHARED, 'fixtures/arxiv/api-query-all-testing-10-results-2026-04-12.json'), 'utf8')) as { body: string };
  const seen = new Set<string>();
  return [...fromFeeds, ...parseApiFeed(api.body).papers].filter((p) => !seen.has(p.title) && seen.add(p.title));
}

/** Every real abstract at hand, as sentence lists: the papers' and CSAbstruct's (train + dev; read, never copied). */
function realAbstracts(papers: readonly Paper[]): string[][] {
  const split = (a: string) => a.split(/(?<=[.?!])\s+(?=[A-Z(])/);
  const cs = ['train', 'dev'].flatMap((f) => readFileSync(path.join(SHARED, `data/csabstruct/${f}.jsonl`), 'utf8').trim().split('\n'));
  return [...papers.map((p) => split(p.abstract)), ...cs.map((l) => (JSON.parse(l) as { sentences: string[] }).sentences)];
}

/** Deterministic xorshift32, so every run imports the same archive. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/**
 * A word bigram (first-order Markov) model of all the real text at hand: real titles and every abstract sentence
 * train one chain, so a word's frequency in generated text follows its frequency in real arXiv/CS prose and the
 * vocabulary (~25k words) has a real long tail, instead of every title word coming from ~200 titles. Successors are
 * kept with their multiplicity (CSR arrays), so a uniform pick is a draw from the bigram distribution.
 * Not modelled: topic burstiness (a real paper repeats its own rare words), so common words spread over more papers
 * than on arXiv: broad queries match somewhat more papers than they would on the real archive.
 */
export class TextModel {
  private readonly words: string[] = [];
  private readonly offsets: Int32Array;
  private readonly next: Int32Array;
  private readonly titleStarts: number[];
  private readonly sentenceStarts: number[];
  readonly titleLengths: number[];
  readonly abstractLengths: number[];

  constructor(titles: readonly string[], abstracts: readonly string[][]) {
    const ids = new Map<string, number>();
    const id = (w: string) => ids.get(w) ?? (ids.set(w, this.words.push(w) - 1), this.words.length - 1);
    const seqs = [...titles, ...abstracts.flat()].map((t) => t.split(/\s+/).filter(Boolean).map(id));
    const counts = new Int32Array(this.words.length + 1);
    for (const s of seqs) for (let i = 0; i + 1 < s.length; i++) counts[(s[i] as number) + 1]!++;
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1] as number;
    this.offsets = counts.slice();
    this.next = new Int32Array(counts[counts.length - 1] as number);
    const fill = counts.slice();
    for (const s of seqs) for (let i = 0; i + 1 < s.length; i++) this.next[fill[s[i] as number]!++] = s[i + 1] as number;
    this.titleStarts = seqs.slice(0, titles.length).map((s) => s[0] as number);
    this.sentenceStarts = seqs.slice(titles.length).map((s) => s[0] as number);
    this.titleLengths = seqs.slice(0, titles.length).map((s) => s.length);
    this.abstractLengths = abstracts.map((a) => a.length);
  }

  /** A walk of at most `max` words from a real start; it stops early at a sentence end or a word with no successor. */
  private walk(r: () => number, start: number, max: number, stopAtPeriod: boolean): string {
    const out: string[] = [];
    let w = start;
    for (;;) {
      const word = this.words[w] as string;
      out.push(word);
      const from = this.offsets[w] as number;
      const n = (this.offsets[w + 1] as number) - from;
      if (out.length >= max || n === 0 || (stopAtPeriod && /[.?!]$/.test(word))) break;
      w = this.next[from + Math.floor(r() * n)] as number;
    }
    return out.join(' ');
  }

  title(r: () => number): string {
    const len = this.titleLengths[Math.floor(r() * this.titleLengths.length)] as number;
    return this.walk(r, this.titleStarts[Math.floor(r() * this.titleStarts.length)] as number, len, false).replace(/[.,;:]$/, '');
  }

  abstract(r: () => number): string {
    const n = this.abstractLengths[Math.floor(r() * this.abstractLengths.length)] as number;
    return Array.from({ length: n }, () => this.walk(r, this.sentenceStarts[Math.floor(r() * this.sentenceStarts.length)] as number, 60, true)).join(' ');
  }
}

export function textModel(papers: readonly Paper[]): TextModel {
  return new TextModel(papers.map((p) => p.title), realAbstracts(papers));
}

const RFC = (t: number) => new Date(t).toUTCString();

/** Write `count` records to `file` in the snapshot's layout (same field order and value shapes as Kaggle's). */
export async function writeSnapshot(file: string, count: number, papers: Paper[]): Promise<void> {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const model = textModel(papers);
  const authors = [...new Set(papers.flatMap((p) => p.authors))].map((a) => a.split(' '));
  const categorySets = papers.map((p) => p.categories.join(' '));
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  for (let i = 0; i < count; i++) {
    const title = model.title(r);
    const abstract = model.abstract(r);
    const names = Array.from({ length: 1 + Math.floor(r() * 6) }, () => pick(authors));
    const t0 = Date.UTC(2007, 3, 1) + Math.floor(r() * 19 * 365) * 86_400_000;
    const versions = Array.from({ length: 1 + Math.floor(r() * r() * 4) }, (_, v) => ({ version: `v${v + 1}`, created: RFC(t0 + v * 40 * 86_400_000) }));
    const record = {
      id: `${1501 + Math.floor(i / 20_000)}.${String(i % 20_000).padStart(5, '0')}`,
      submitter: names[0]!.join(' '),
      authors: names.map((n) => n.join(' ')).join(', '),
      title: title.length > 70 ? `${title.slice(0, 70)}\n  ${title.slice(70)}` : title,
      comments: r() < 0.6 ? `${5 + Math.floor(r() * 30)} pages, ${Math.floor(r() * 12)} figures` : null,
      'journal-ref': null,
      doi: r() < 0.43 ? `10.1000/bench.${i}` : null,
      'report-no': null,
      categories: pick(categorySets),
      license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
      abstract: `  ${abstract}\n`,
      versions,
      update_date: new Date(t0).toISOString().slice(0, 10),
      authors_parsed: names.map((n) => [n[n.length - 1], n.slice(0, -1).join(' '), '']),
    };
    if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

interface ImportRun {
  records: number;
  wall_s: number;
  import_s: number;
  rebuild_s: number;
  records_per_s: number;
  peak_rss_mb: number;
  /** 1-minute load average when the import ended: the machine is shared, and this says how much. */
  load_1m: number;
}

/** One `import-kaggle` in a child process under /usr/bin/time; figures from its own output. */
function importOnce(file: string, db: string, withIndex: boolean): ImportRun {
  const args = ['-f', '%e %M', process.execPath, CLI, 'import-kaggle', file, '--db', db, '--progress', 'none', ...(withIndex ? [] : ['--no-search-index'])];
  const res = spawnSync('/usr/bin/time', args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmpdir() }, maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`import-kaggle failed: ${res.stderr.slice(-2000)}`);
  const [wall, kb] = (res.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  const m = /imported (\d+) of (\d+) records .* in ([\d.]+) s/.exec(res.stdout);
  const rebuild = Number(/search index rebuilt in ([\d.]+) s/.exec(res.stdout)?.[1] ?? 0);
  if (!m) throw new Error(`unexpected import-kaggle output: ${res.stdout}`);
  const importS = Number(m[3]);
  return {
    records: Number(m[1]),
    wall_s: wall as number,
    import_s: importS,
    rebuild_s: rebuild,
    records_per_s: Math.round(Number(m[2]) / (importS + rebuild)),
    peak_rss_mb: round((kb as number) / 1024, 1),
    load_1m: round(loadavg()[0] as number, 1),
  };
}

const STOP = new Set(['with', 'from', 'that', 'this', 'into', 'over', 'under', 'their', 'via', 'for', 'and', 'the', 'using', 'based', 'towards', 'toward']);

/** 200 two-word queries: adjacent content words of real titles. */
export function queries(papers: Paper[]): string[] {
  const r = rng(7);
  const out: string[] = [];
  while (out.length < 200) {
    const words = (papers[Math.floor(r() * papers.length)] as Paper).title.split(/[^\p{L}\p{N}-]+/u).filter((w) => w.length >= 4 && !STOP.has(w.toLowerCase()));
    if (words.length < 2) continue;
    const at = Math.floor(r() * (words.length - 1));
    out.push(`${words[at]} ${words[at + 1]}`);
  }
  return out;
}

async function searchLatency(db: string, qs: string[]): Promise<Record<string, number>> {
  // The build the imports ran (npm run bench builds first), so the schema the CLI made is the one searched.
  const { openStore } = (await import(path.join(REPO, 'dist/store/index.js'))) as { openStore: typeof OpenStore };
  const store = await openStore(db);
  try {
    const passes: number[][] = [];
    let hits = 0;
    for (let pass = 0; pass < 2; pass++) {
      const ms: number[] = [];
      for (const q of qs) {
        const t0 = performance.now();
        const found = await store.search!(q, { limit: 20 });
        ms.push(performance.now() - t0);
        if (pass === 0) hits += found.length;
      }
      passes.push(ms.sort((a, b) => a - b));
    }
    const p = (xs: number[], q: number) => round(xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number);
    const [cold, warm] = passes as [number[], number[]];
    return { queries: qs.length, mean_hits: round(hits / qs.length, 1), first_pass_p50_ms: p(cold, 0.5), first_pass_p95_ms: p(cold, 0.95), p50_ms: p(warm, 0.5), p95_ms: p(warm, 0.95), max_ms: round(warm[warm.length - 1] as number) };
  } finally {
    await store.close();
  }
}

async function pgAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function pgAdmin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh database per import (so each run starts empty), dropped after `fn`. */
async function withPgDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `pd_bench_import_${randomBytes(4).toString('hex')}`;
  await pgAdmin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

type Driver = 'sqlite' | 'postgres';

async function driverFigures(driver: Driver, dir: string, files: { small: string; full: string }, qs: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const withIndex of [false, true]) {
    const label = withIndex ? 'with_search_index' : 'without_search_index';
    const runs: Record<string, unknown> = {};
    for (const [size, file] of Object.entries(files)) {
      const once = async (db: string) => {
        const run = importOnce(file, db, withIndex);
        if (withIndex && size === 'full') {
          runs.search = await searchLatency(db, qs);
          console.error(`import ${driver} search: ${JSON.stringify(runs.search)}`);
        }
        return run;
      };
      if (driver === 'postgres') runs[size] = await withPgDatabase(once);
      else {
        const db = path.join(dir, `${label}-${size}.sqlite`);
        runs[size] = await once(db);
        rmSync(db, { force: true });
        rmSync(`${db}-wal`, { force: true });
      }
      console.error(`import ${driver} ${label} ${size}: ${JSON.stringify(runs[size])}`);
    }
    out[label] = runs;
  }
  return out;
}

export async function importBenchmarks(): Promise<Record<string, unknown>> {
  const total = Number(process.env.BENCH_IMPORT_RECORDS ?? 1_000_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-bench-import-'));
  try {
    const papers = corpus();
    const files = { small: path.join(dir, 'small.jsonl'), full: path.join(dir, 'full.jsonl') };
    const t0 = performance.now();
    await writeSnapshot(files.small, Math.round(total / 10), papers);
    await writeSnapshot(files.full, total, papers);
    const snapshot = { records: total, small_records: Math.round(total / 10), bytes: statSync(files.full).size, corpus_papers: papers.length, generate_s: round((performance.now() - t0) / 1000, 1) };
    console.error(`import: snapshot ${JSON.stringify(snapshot)}`);
    const qs = queries(papers);
    const drivers = (process.env.BENCH_IMPORT_DRIVERS ?? 'sqlite,postgres').split(',');
    const result: Record<string, unknown> = { snapshot };
    for (const driver of drivers as Driver[]) {
      if (driver === 'postgres' && !(await pgAvailable())) result.postgres = { skipped: `no PostgreSQL at ${ADMIN_URL}` };
      // One driver failing (e.g. a schema change mid-development) keeps the other's figures.
      else result[driver] = await driverFigures(driver, dir, files, qs).catch((err: unknown) => ({ error: String(err) }));
    }
    result.targets = { records_per_s: 20_000, search_p95_ms: 30 };
    result.note = 'one run per figure: each import of the full snapshot takes minutes';
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
