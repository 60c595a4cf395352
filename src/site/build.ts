/**
 * `buildSite`: stored days → a static reader in `outDir` (index.html, per-day JSON, a manifest, one search shard
 * per month, the bundled assets). A pure function of its inputs and the bundle: no store, no network. The days
 * may be a stream, loaded as the build asks for them: it holds one month of them at a time (see periods.ts).
 */
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { DEFAULT_ASSETS_DIR, assetVersion, copyAssets } from './assets.js';
import { guardOutDir, readManifest, removeLeftovers, removeStale, writeAtomic } from './files.js';
import { renderPage } from './html.js';
import { withSiteLock } from './lock.js';
import { byPeriod, writePeriod } from './periods.js';
import type { BuildContext, DaySource, PeriodResult } from './periods.js';
import { MANIFEST_FILE } from './types.js';
import type { Manifest, ManifestDay, ManifestPeriod, SiteOptions, SiteResult } from './types.js';

export type { DaySource } from './periods.js';

interface Built {
  days: ManifestDay[];
  periods: ManifestPeriod[];
  written: string[];
  indexed: string[];
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

/**
 * Write every period of `days` in turn, then (incremental) the previous manifest's periods no given day falls
 * in: reused, or rebuilt from the day files on disk when their shard is missing.
 */
async function writePeriods(ctx: BuildContext, days: DaySource): Promise<Built> {
  const built: Built = { days: [], periods: [], written: [], indexed: [] };
  const add = (r: PeriodResult): void => {
    built.days.push(...r.days);
    built.periods.push(r.period);
    built.written.push(...r.written);
    if (r.indexed) built.indexed.push(r.period.id);
  };
  for await (const [id, given] of byPeriod(ctx, days)) add(await writePeriod(ctx, id, given));
  const done = new Set(built.periods.map((p) => p.id));
  const rest = ctx.incremental ? new Set([...ctx.previousDays.values()].map((d) => d.period).filter((id) => !done.has(id))) : [];
  for (const id of rest) add(await writePeriod(ctx, id, []));
  built.days.sort((a, b) => a.date.localeCompare(b.date));
  built.periods.sort((a, b) => a.id.localeCompare(b.id));
  built.indexed.sort();
  return built;
}

/**
 * Build the site in `outDir` from `days`: a list, or a stream (e.g. an async generator reading a store) that
 * yields the days oldest first; a stream is read one month at a time, so the build's memory stays flat.
 * Builds of one folder run one at a time (see lock.ts); a build that waits says so on stderr after two seconds.
 */
export async function buildSite(days: DaySource, outDir: string, options: SiteOptions = {}): Promise<SiteResult> {
  const root = path.resolve(outDir);
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS_DIR;
  const how: How = {
    title: options.title ?? 'preprint-digest',
    siteUrl: siteRoot(options.siteUrl),
    incremental: options.incremental ?? false,
    assetsDir,
    version: await assetVersion(assetsDir),
  };
  // Held for the whole build, so it reads the manifest the previous build of this folder finished writing.
  return options.lockHeld ? buildLocked(days, root, how) : withSiteLock(root, () => buildLocked(days, root, how));
}

/** The options checked and defaulted, and the bundle's version. */
interface How {
  title: string;
  siteUrl: string | null;
  incremental: boolean;
  assetsDir: string;
  version: string;
}

async function buildLocked(days: DaySource, root: string, how: How): Promise<SiteResult> {
  const { title, siteUrl, incremental } = how;
  const previous = await readManifest(root);
  await guardOutDir(root, previous);
  await removeLeftovers(root);
  // Without incremental every period is rebuilt: a day may have been dropped from one.
  const previousPeriods = new Map(incremental ? (previous?.periods ?? []).map((p) => [p.id, p]) : []);
  const ctx: BuildContext = { root, incremental, previousDays: new Map((previous?.days ?? []).map((d) => [d.date, d])), previousPeriods };
  const built = await writePeriods(ctx, days);
  const manifest: Manifest = { format: 'preprint-digest-site', version: 1, title, siteUrl, days: built.days, periods: built.periods };
  await copyAssets(how.assetsDir, root);
  await writeAtomic(path.join(root, MANIFEST_FILE), JSON.stringify(manifest));
  await writeAtomic(path.join(root, 'index.html'), renderPage({ title, siteUrl, assetVersion: how.version }));
  // GitHub Pages would otherwise run Jekyll over the folder.
  await writeAtomic(path.join(root, '.nojekyll'), '');
  if (!incremental) await removeStale(root, manifest);
  const { written, indexed } = built;
  return { outDir: root, index: path.join(root, 'index.html'), days: built.days.map((d) => d.date), written, indexed, papers: built.days.reduce((n, d) => n + d.papers, 0) };
}
