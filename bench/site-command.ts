/**
 * The `site` command over a synthetic store of several months (part of the reader benchmarks, bench/site.ts):
 * days of 200 papers are written as JSONL, imported with `import-jsonl`, and `site` rebuilds the reader in a
 * child process under /usr/bin/time. Two store sizes show whether peak memory grows with the number of days
 * (it should not: the build holds one month at a time). Needs `npm run build` (it runs dist/).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { renderJsonl } from '../src/render/jsonl.js';
import type { Digest, DigestEntry } from '../src/types.js';
import { REPO, round } from './lib.js';

const CLI = path.join(REPO, 'dist/cli/main.js');
export const PAPERS_PER_DAY = 200;
const SIZES = (process.env.BENCH_SITE_STORE_DAYS ?? '60,240').split(',').map(Number);

/** `count` days from 2025-01-01, each with 200 of the sample day's papers (cycled) under fresh ids. */
export function syntheticDays(sample: Digest, count: number): Digest[] {
  const pool: DigestEntry[] = sample.sections.flatMap((s) => s.entries);
  const start = Date.UTC(2025, 0, 1);
  let n = 0;
  return Array.from({ length: count }, (_, d) => {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    const prefix = `${date.slice(2, 4)}${date.slice(5, 7)}`;
    const entries = Array.from({ length: PAPERS_PER_DAY }, (_, i): DigestEntry => {
      const e = pool[(d * PAPERS_PER_DAY + i) % pool.length] as DigestEntry;
      n += 1;
      return { ...e, paper: { ...e.paper, id: `${prefix}.${String(n % 100_000).padStart(5, '0')}` } };
    });
    return { date, categories: sample.categories, reconstructed: false, sections: sample.categories.map((c) => ({ category: c, entries: entries.filter((e) => e.section === c) })) };
  });
}

interface Timed {
  wall_s: number;
  peak_rss_mb: number;
}

/** One CLI command under /usr/bin/time, in a clean HOME (no user config). */
function timedCli(args: string[], home: string): Timed {
  const res = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home }, maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`${args[0]} failed: ${res.stderr.slice(-2000)}`);
  const [wall, kb] = (res.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall_s: wall as number, peak_rss_mb: round((kb as number) / 1024, 1) };
}

/** A store of `days.length` days and the `site` command over it (plain, then with feeds). */
function siteOver(days: readonly Digest[]): Record<string, unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-bench-site-store-'));
  try {
    mkdirSync(path.join(dir, 'days'));
    const files = days.map((d) => path.join(dir, 'days', `${d.date}.jsonl`));
    days.forEach((d, i) => writeFileSync(files[i] as string, renderJsonl(d)));
    const db = path.join(dir, 'store.sqlite');
    timedCli(['import-jsonl', '--db', db, ...files], dir);
    const plain = timedCli(['site', '--db', db, '--out', path.join(dir, 'site')], dir);
    const feeds = timedCli(['site', '--db', db, '--out', path.join(dir, 'site-feeds'), '--site-url', 'https://example.org/'], dir);
    const papers = days.reduce((n, d) => n + d.sections.reduce((m, s) => m + s.entries.length, 0), 0);
    return { days: days.length, papers, site: plain, site_with_feeds: feeds, load_1m: round(loadavg()[0] as number, 1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `site` over stores of each size in BENCH_SITE_STORE_DAYS (default 60 and 240 days), made by `make(count)`. */
export function siteCommandBenchmark(make: (count: number) => Digest[]): Record<string, unknown>[] {
  return SIZES.map((count) => siteOver(make(count)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { sampleDay } = await import('../test/site/days.js');
  const sample = await sampleDay();
  console.log(JSON.stringify(siteCommandBenchmark((count) => syntheticDays(sample, count)), null, 2));
}
