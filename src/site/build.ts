/**
 * `buildSite`: stored days → a static reader in `outDir` (index.html, per-day JSON, a manifest, one search shard
 * per month, the bundled assets). A pure function of its inputs and the bundle: no store, no network.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, DigestError, UsageError } from '../errors.js';
import type { Digest } from '../types.js';
import { DEFAULT_ASSETS_DIR, assetVersion, copyAssets, exists } from './assets.js';
import { toSiteDay } from './day-data.js';
import { renderPage } from './html.js';
import { buildShard } from './search-index.js';
import { MANIFEST_FILE, dayFile, periodFile, periodOf } from './types.js';
import type { Manifest, ManifestDay, ManifestPeriod, SiteDay, SiteOptions, SiteResult } from './types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Prepared {
  day: SiteDay;
  json: string;
  entry: ManifestDay;
}

function renderError(message: string, cause?: unknown): DigestError {
  return new DigestError('E_RENDER', message, { stage: 'render', cause });
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Write through a temporary file, so a server never hands out half a file. */
async function writeAtomic(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

function prepare(days: readonly Digest[]): Map<string, Prepared> {
  const out = new Map<string, Prepared>();
  for (const digest of days) {
    if (!DATE.test(digest.date)) throw renderError(`not an announcement date: ${JSON.stringify(digest.date)}`);
    if (out.has(digest.date)) throw renderError(`day ${digest.date} is given twice`);
    const day = toSiteDay(digest);
    const json = JSON.stringify(day);
    const categories = day.sections.map((s) => s.category);
    const entry = { date: day.date, period: periodOf(day.date), papers: day.records.length, categories, hash: hashOf(json), bytes: Buffer.byteLength(json) };
    out.set(day.date, { day, json, entry });
  }
  return out;
}

async function readManifest(root: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(path.join(root, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.format === 'preprint-digest-site' && Array.isArray(manifest.days)) return manifest;
  } catch {
    // fall through: an unreadable manifest is treated as no site
  }
  throw renderError(`${path.join(root, MANIFEST_FILE)} is not a preprint-digest manifest; rebuild into an empty folder`);
}

/** What a site folder holds; a folder with anything else is not ours to clean up. */
const SITE_NAMES = new Set(['index.html', '.nojekyll', 'assets', 'data']);

/** Refuse to build (and delete stale files) in a folder that holds something other than a site of ours. */
async function guardOutDir(root: string, previous: Manifest | null): Promise<void> {
  if (previous) return;
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  if (names.some((n) => !SITE_NAMES.has(n))) throw new UsageError(`${root} is not empty and holds no preprint-digest site; choose an empty or new folder`);
}

async function readDay(root: string, date: string): Promise<SiteDay> {
  try {
    return JSON.parse(await readFile(path.join(root, dayFile(date)), 'utf8')) as SiteDay;
  } catch (err) {
    throw renderError(`the site's data for ${date} is unreadable; rebuild without incremental`, err);
  }
}

/** Write the day files that changed; returns the dates written. */
async function writeDays(root: string, prepared: Map<string, Prepared>, previous: Map<string, ManifestDay>): Promise<string[]> {
  const written: string[] = [];
  for (const [date, p] of prepared) {
    const file = path.join(root, dayFile(date));
    if (previous.get(date)?.hash === p.entry.hash && (await exists(file))) continue;
    await writeAtomic(file, p.json);
    written.push(date);
  }
  return written;
}

interface PeriodPlan {
  days: ManifestDay[];
  rebuild: Set<string>;
  previous: Map<string, ManifestPeriod>;
}

/** Build the shards of the periods that changed; reuse the manifest entries of the others. */
async function writePeriods(root: string, prepared: Map<string, Prepared>, plan: PeriodPlan): Promise<ManifestPeriod[]> {
  const byPeriod = new Map<string, ManifestDay[]>();
  for (const d of plan.days) byPeriod.set(d.period, [...(byPeriod.get(d.period) ?? []), d]);
  const periods: ManifestPeriod[] = [];
  for (const [id, days] of [...byPeriod].sort(([a], [b]) => a.localeCompare(b))) {
    const kept = plan.previous.get(id);
    if (kept && !plan.rebuild.has(id) && (await exists(path.join(root, kept.file)))) {
      periods.push(kept);
      continue;
    }
    const siteDays = await Promise.all(days.map((d) => prepared.get(d.date)?.day ?? readDay(root, d.date)));
    const shard = buildShard(siteDays);
    await writeAtomic(path.join(root, periodFile(id)), shard.json);
    periods.push({ id, file: periodFile(id), docs: shard.docs, hash: hashOf(shard.json), bytes: Buffer.byteLength(shard.json) });
    plan.rebuild.add(id);
  }
  return periods;
}

/** Delete day files and shards the manifest no longer lists (only names this builder writes). */
async function removeStale(root: string, manifest: Manifest): Promise<void> {
  const keep = new Set([...manifest.days.map((d) => dayFile(d.date)), ...manifest.periods.map((p) => p.file)]);
  for (const dir of ['data/days', 'data/search']) {
    const names = await readdir(path.join(root, dir)).catch(() => [] as string[]);
    for (const name of names) {
      const rel = `${dir}/${name}`;
      if (/^\d{4}-\d{2}(-\d{2})?\.json$/.test(name) && !keep.has(rel)) await rm(path.join(root, rel), { force: true });
    }
  }
}

/** The canonical URL of the site's root: absolute http(s), ending in `/`. */
function siteRoot(siteUrl: string | undefined): string | null {
  if (siteUrl === undefined || siteUrl === '') return null;
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`the site URL must be an absolute http(s) URL, got ${JSON.stringify(siteUrl)}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export async function buildSite(days: readonly Digest[], outDir: string, options: SiteOptions = {}): Promise<SiteResult> {
  const root = path.resolve(outDir);
  const siteUrl = siteRoot(options.siteUrl);
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS_DIR;
  const version = await assetVersion(assetsDir);
  const previous = await readManifest(root);
  await guardOutDir(root, previous);
  const prepared = prepare(days);
  const kept = new Map((options.incremental ? (previous?.days ?? []) : []).map((d) => [d.date, d]));
  const written = await writeDays(root, prepared, new Map((previous?.days ?? []).map((d) => [d.date, d])));
  for (const p of prepared.values()) kept.set(p.entry.date, p.entry);
  const all = [...kept.values()].sort((a, b) => a.date.localeCompare(b.date));
  const rebuild = new Set(written.map(periodOf));
  // Without incremental every period is rebuilt: a day may have been dropped from one.
  const previousPeriods = new Map(options.incremental ? (previous?.periods ?? []).map((p) => [p.id, p]) : []);
  const periods = await writePeriods(root, prepared, { days: all, rebuild, previous: previousPeriods });
  const title = options.title ?? 'preprint-digest';
  const manifest: Manifest = { format: 'preprint-digest-site', version: 1, title, siteUrl, days: all, periods };
  await copyAssets(assetsDir, root);
  await writeAtomic(path.join(root, MANIFEST_FILE), JSON.stringify(manifest));
  await writeAtomic(path.join(root, 'index.html'), renderPage({ title, siteUrl: manifest.siteUrl, assetVersion: version }));
  // GitHub Pages would otherwise run Jekyll over the folder.
  await writeAtomic(path.join(root, '.nojekyll'), '');
  if (!options.incremental) await removeStale(root, manifest);
  const indexed = periods.filter((p) => rebuild.has(p.id)).map((p) => p.id);
  return { outDir: root, index: path.join(root, 'index.html'), days: all.map((d) => d.date), written, indexed, papers: all.reduce((n, d) => n + d.papers, 0) };
}
