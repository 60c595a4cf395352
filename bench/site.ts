/**
 * Reader benchmarks (added to `npm run bench` by bench/run.ts):
 *  1. site build time for the sample day, and for 365 synthetic days of 200 papers each (the sample day's
 *     papers under new ids), plus adding one day to that site incrementally;
 *  2. the size of the first page load: index.html, reader.js, theme.js, reader.css, the manifest and the latest
 *     day's data, raw and gzip; the KaTeX chunk (loaded when a day has math) and what Chromium actually fetched;
 *  3. search latency in Chromium over the 365 days: from typing a query to the first results, with the period's
 *     shard already loaded (target < 100 ms); also the cold time to fetch and load one month's shard (typing at
 *     once, and typing 1 s after focusing the box, which starts the load), a whole
 *     search of the newest months (searched by default) and of the older ones (loaded on request);
 *  4. the `site` command's wall time and peak RSS over stores of 60 and 240 such days (bench/site-command.ts).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { buildReader } from '../scripts/build-reader.mjs';
import { buildSite, serveSite } from '../src/site/index.js';
import type { Manifest } from '../src/site/types.js';
import type { Digest } from '../src/types.js';
import { sampleDay } from '../test/site/days.js';
import { median, round } from './lib.js';
import { PAPERS_PER_DAY, siteCommandBenchmark, syntheticDays } from './site-command.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DAYS = Number(process.env.BENCH_SITE_DAYS ?? 365);
const QUERIES = ['diffusion', 'graph neural', 'reinforcement learning', 'privacy', 'bayesian optimization', 'transformer attention', 'language models', 'federated', 'causal inference', 'robustness'];

function dirBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirBytes(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

function firstLoad(site: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(path.join(site, 'data/manifest.json'), 'utf8')) as Manifest;
  const latest = manifest.days.at(-1)?.date ?? '';
  const files = ['index.html', 'assets/reader.js', 'assets/theme.js', 'assets/reader.css', 'data/manifest.json', `data/days/${latest}.json`];
  const sizes = files.map((f) => readFileSync(path.join(site, f))).map((b) => [b.length, gzipSync(b).length] as const);
  const katex = readdirSync(path.join(site, 'assets/chunks')).find((f) => f.startsWith('katex'));
  const k = katex ? readFileSync(path.join(site, 'assets/chunks', katex)) : Buffer.alloc(0);
  return {
    files,
    raw_bytes: sizes.reduce((n, [r]) => n + r, 0),
    gzip_bytes: sizes.reduce((n, [, g]) => n + g, 0),
    latest_day_raw_bytes: sizes[5]?.[0],
    latest_day_gzip_bytes: sizes[5]?.[1],
    katex_chunk_raw_bytes: k.length,
    katex_chunk_gzip_bytes: gzipSync(k).length,
  };
}

async function builds(sample: Digest, bundle: string): Promise<{ site: string; figures: Record<string, unknown> }> {
  const one: number[] = [];
  for (let r = 0; r < 5; r++) {
    const out = mkdtempSync(path.join(tmpdir(), 'pd-bench-site1-'));
    one.push((await timed(() => buildSite([sample], out, { assetsDir: bundle })))[0]);
    rmSync(out, { recursive: true, force: true });
  }
  const days = syntheticDays(sample, DAYS);
  const site = path.join(mkdtempSync(path.join(tmpdir(), 'pd-bench-site365-')), 'site');
  const [fullMs] = await timed(() => buildSite(days.slice(0, -1), site, { assetsDir: bundle, incremental: true }));
  const [addMs, added] = await timed(() => buildSite(days.slice(-1), site, { assetsDir: bundle, incremental: true }));
  const manifest = JSON.parse(readFileSync(path.join(site, 'data/manifest.json'), 'utf8')) as Manifest;
  const shardBytes = manifest.periods.map((p) => p.bytes);
  const shardGzip = manifest.periods.map((p) => gzipSync(readFileSync(path.join(site, p.file))).length);
  return {
    site,
    figures: {
      one_day: { papers: sample.sections.reduce((n, s) => n + s.entries.length, 0), runs: one.length, median_ms: round(median(one)) },
      year: {
        days: DAYS,
        papers: DAYS * PAPERS_PER_DAY,
        build_s: round((fullMs + addMs) / 1000),
        [`full_build_s_first_${DAYS - 1}_days`]: round(fullMs / 1000),
        incremental_add_one_day_s: round(addMs / 1000),
        incremental_reindexed_periods: added.indexed,
        site_mb: round(dirBytes(site) / 1e6, 1),
        shard_mb_median: round(median(shardBytes) / 1e6, 2),
        shard_mb_max: round(Math.max(...shardBytes) / 1e6, 2),
        shard_gzip_mb_median: round(median(shardGzip) / 1e6, 2),
      },
    },
  };
}

/**
 * In the page: type `q` into the search box and resolve with the ms until the first result is in the DOM.
 * A string, not a function: tsx would wrap inner functions in a `__name` helper the page does not have.
 */
const TYPE_AND_WAIT = `(query) => new Promise((resolve) => {
  const main = document.getElementById('main');
  const input = document.getElementById('search');
  const t0 = performance.now();
  const check = () => { if (main.querySelector('li.result')) { obs.disconnect(); resolve(performance.now() - t0); } };
  const obs = new MutationObserver(check);
  obs.observe(main, { childList: true, subtree: true });
  input.value = query;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  check();
})`;

function typeAndWait(page: Page, q: string): Promise<number> {
  return page.evaluate(`(${TYPE_AND_WAIT})(${JSON.stringify(q)})`) as Promise<number>;
}

async function searchLatency(site: string): Promise<Record<string, unknown>> {
  if (!existsSync(CHROMIUM)) return { skipped: `chromium not found at ${CHROMIUM}` };
  const server = await serveSite(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const fetched: number[] = [];
    page.on('response', (r) => void r.body().then((b) => fetched.push(b.length)).catch(() => undefined));
    const [loadMs] = await timed(async () => {
      await page.goto(server.url);
      await page.waitForSelector('#main .card');
    });
    const firstPageBytes = fetched.reduce((a, b) => a + b, 0);
    // Cold: the newest month's shard is fetched and deserialized before the first results.
    const coldMs = await typeAndWait(page, 'neural');
    await page.waitForSelector('ol.results[data-state="done"]', { timeout: 600_000 });
    const warm: number[] = [];
    for (const q of QUERIES) warm.push(await typeAndWait(page, q));
    const [newestMs] = await timed(async () => {
      await typeAndWait(page, 'kernel');
      await page.waitForSelector('ol.results[data-state="done"]', { timeout: 600_000 });
    });
    const months = await page.locator('button.older').isVisible();
    // A reader who clicks into the search box and starts typing a second later: the focus starts loading the
    // newest month's shard (warmSearch), so part of the cold load is over when the query arrives.
    const focused = await browser.newPage();
    await focused.goto(server.url);
    await focused.waitForSelector('#main .card');
    await focused.focus('#search');
    await focused.waitForTimeout(1000);
    const afterFocusMs = await typeAndWait(focused, 'neural');
    await focused.close();
    const [allMs] = await timed(async () => {
      if (!months) return;
      await page.click('button.older');
      await page.waitForSelector('ol.results[data-state="done"]', { timeout: 600_000 });
    });
    return {
      first_page_load_ms: round(loadMs),
      first_page_decoded_bytes_fetched: firstPageBytes,
      cold_first_results_ms: round(coldMs),
      cold_typing_1s_after_focus_first_results_ms: round(afterFocusMs),
      queries: QUERIES.length,
      warm_first_results_ms_median: round(median(warm)),
      warm_first_results_ms_max: round(Math.max(...warm)),
      warm_first_results_ms_each: Object.fromEntries(QUERIES.map((q, i) => [q, round(warm[i] ?? 0)])),
      target_ms: 100,
      newest_months_search_s: round(newestMs / 1000),
      older_months_on_request_s: months ? round(allMs / 1000) : null,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function siteBenchmarks(): Promise<Record<string, unknown>> {
  const bundleDir = mkdtempSync(path.join(tmpdir(), 'pd-bench-bundle-'));
  await buildReader({ outDir: bundleDir });
  const sample = await sampleDay();
  const { site, figures } = await builds(sample, bundleDir);
  try {
    const command = siteCommandBenchmark((count) => syntheticDays(sample, count));
    return { build: figures, first_load: firstLoad(site), search: await searchLatency(site), command };
  } finally {
    rmSync(path.dirname(site), { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await siteBenchmarks(), null, 2));
