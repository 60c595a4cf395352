/**
 * `npm run bench`: the figures the issues ask for, printed and written to bench/results/latest.json.
 *  1. built-in summarizer throughput (abstracts/s, one core, no summary cache);
 *  2. ingest of a large real-format feed (parse + normalise + store) against fast-xml-parser alone;
 *  3. the whole sample-day run, offline, as a process: wall time and peak memory (fresh database each run);
 *  4. the LLM summarize stage against the local fake endpoint at 1 s latency (see bench/llm.ts);
 *  5. ranking a 2,000-paper day against a 1,000-paper library, index build over 100,000 papers (bench/rank.ts);
 *  6. the reader: site build for 1 and 365 days, first page load, search latency in Chromium (bench/site.ts).
 * BENCH_ONLY=builtin,ingest,run,llm,rank,site,workers,import,pgstore runs a subset (other sections keep their figures).
 * Medians over several runs; ratios are taken pair by pair, alternating, so machine drift cancels.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseFeed, readFeed } from '../src/sources/index.js';
import sqliteStore from '../src/store/sqlite.js';
import { getRoleModel, summarizeSync } from '../src/summarize/builtin/index.js';
import { REPO, largeFeed, median, round } from './lib.js';
import { llmBenchmarks } from './llm.js';
import { rankBenchmarks } from './rank.js';
import { siteBenchmarks } from './site.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function builtinThroughput(): Record<string, number> {
  const xml = readFileSync(path.join(REPO, 'data/sample/rss-cs.LG+stat.ML-2026-01-30.xml'), 'utf8');
  const abstracts = parseFeed(xml).items.map((i) => i.paper.abstract);
  getRoleModel(); // load the model outside the timed part
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 1000) {
      for (const abstract of abstracts) summarizeSync({ abstract });
      n += abstracts.length;
    }
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  return { abstracts: abstracts.length, runs: RUNS, median_abstracts_per_s: Math.round(median(rates)), min: Math.round(Math.min(...rates)), max: Math.round(Math.max(...rates)) };
}

async function ingest(items: number): Promise<Record<string, number>> {
  const xml = largeFeed(items);
  const plain = new XMLParser();
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-bench-ingest-'));
  const parseMs: number[] = [];
  const ingestMs: number[] = [];
  const ratios: number[] = [];
  const bareRatios: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    plain.parse(xml);
    const a = performance.now() - t0;
    const b = await ingestOnce(xml, path.join(dir, `ingest-${r}.sqlite`), 'maintain');
    // The same without the full-text index (what a bulk import defers), to show what the index costs.
    const c = await ingestOnce(xml, path.join(dir, `bare-${r}.sqlite`), 'defer');
    parseMs.push(a);
    ingestMs.push(b);
    ratios.push(b / a);
    bareRatios.push(c / a);
  }
  rmSync(dir, { recursive: true, force: true });
  const figures = { fxp_parse_ms: round(median(parseMs)), ingest_ms: round(median(ingestMs)), median_ratio: round(median(ratios)) };
  return { items, bytes: xml.length, runs: RUNS, ...figures, median_ratio_without_search_index: round(median(bareRatios)) };
}

/** Parse + normalise + store one feed into a new SQLite file; milliseconds. */
async function ingestOnce(xml: string, file: string, searchIndex: 'maintain' | 'defer'): Promise<number> {
  const store = sqliteStore({ path: file, searchIndex });
  const t = performance.now();
  const batch = await readFeed(xml);
  await store.upsertPapers(batch.items.map((i) => i.paper));
  const listings = batch.items.map((i) => ({ id: i.paper.id, version: i.paper.version, announceType: i.announceType }));
  await store.saveDay({ date: batch.date, categories: batch.categories, source: 'rss', reconstructed: false, listings });
  const ms = performance.now() - t;
  await store.close();
  return ms;
}

function sampleRun(): Record<string, number> {
  const walls: number[] = [];
  const peaks: number[] = [];
  for (let r = 0; r < Math.min(RUNS, 5); r++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-bench-run-'));
    const cli = path.join(REPO, 'dist/cli/main.js');
    const args = ['-f', '%e %M', process.execPath, cli, 'run', '--sample', '--out', dir, '--db', path.join(dir, 'db.sqlite'), '--progress', 'none'];
    const res = spawnSync('/usr/bin/time', args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir } });
    if (res.status !== 0) throw new Error(`sample run failed: ${res.stderr}`);
    const [wall, kb] = (res.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    walls.push(wall as number);
    peaks.push((kb as number) / 1024);
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs: walls.length, median_wall_s: round(median(walls)), min_wall_s: Math.min(...walls), max_wall_s: Math.max(...walls), median_peak_rss_mb: round(median(peaks), 1) };
}

const only = process.env.BENCH_ONLY?.split(',');
const want = (name: string) => !only || only.includes(name);
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
};
if (want('builtin')) results.builtin_summarizer = builtinThroughput();
if (want('ingest')) results.ingest = await ingest(3000);
if (want('run')) results.sample_day_run = sampleRun();
if (want('llm')) results.llm_summarize_stage = await llmBenchmarks(Number(process.env.BENCH_LLM_RUNS ?? 3));
if (want('rank')) results.ranking = await rankBenchmarks();
if (want('site')) results.site = await siteBenchmarks();
if (want('workers')) results.distributed_summarization = await (await import('./workers.js')).workersBenchmark();
if (want('import')) results.kaggle_import = await (await import('./import.js')).importBenchmarks();
if (want('pgstore')) results.postgres_store = await (await import('./store-pg.js')).storePgBenchmarks();
console.log(JSON.stringify(results, null, 2));
// A subset run (BENCH_ONLY) replaces only its own sections; the others keep their last measured figures.
const file = path.join(REPO, 'bench/results/latest.json');
const previous = only && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
