/**
 * The site folder's files as the builder reads and writes them: atomic writes, the previous manifest, a day's
 * file read back, the guard against building into someone else's folder, and the clean-up of stale files.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { DigestError, UsageError } from '../errors.js';
import { removeStaleTemps, tempTarget, writeAtomic as writeFileAtomic, writeError } from '../render/atomic.js';
import { MANIFEST_FILE, dayFile } from './types.js';
import type { Manifest, SiteDay } from './types.js';

export function renderError(message: string, cause?: unknown): DigestError {
  return new DigestError('E_RENDER', message, { stage: 'render', cause });
}

export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Write through a temporary file, so a server never hands out half a file; a failure is one line naming it. */
export async function writeAtomic(file: string, data: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (err) {
    throw writeError(file, err);
  }
  await writeFileAtomic(file, data);
}

export async function readManifest(root: string): Promise<Manifest | null> {
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

/** The lock of a build in progress (lock.ts). */
export const LOCK_FILE = '.build.lock';

/**
 * What each folder of a site holds, by its path below the root: the builder's files, the feeds written beside
 * them, and what a build that died leaves (`assets.new`/`assets.old`, a lock moved aside, temporary files of ours).
 * A folder holding anything else is not ours to build into or clean up.
 */
const SITE_NAMES: Record<string, (name: string) => boolean> = {
  '.': (n) => ROOT_NAMES.has(n) || /^\.build\.lock\.[0-9a-f-]{36}$/.test(n),
  data: (n) => n === 'days' || n === 'search' || n === 'manifest.json',
  'data/days': (n) => /^\d{4}-\d{2}-\d{2}\.json$/.test(n),
  'data/search': (n) => /^\d{4}-\d{2}\.json$/.test(n),
  feeds: (n) => /^[\w.-]+\.(atom\.xml|json)$/.test(n),
};
/** The bundle's copy and a half-made or half-removed one: whatever they hold is the bundle's. */
const BUNDLE_COPIES = new Set(['assets', 'assets.new', 'assets.old']);
const ROOT_NAMES = new Set(['index.html', '.nojekyll', 'assets', 'assets.new', 'assets.old', 'data', 'feeds', 'feed.atom.xml', 'feed.json', LOCK_FILE]);

/** Whether the folder `rel` of `root` holds only what a site of ours (or a build of one that died) puts there. */
async function onlyOurs(root: string, rel: string): Promise<boolean> {
  const isOurs = SITE_NAMES[rel] as (name: string) => boolean;
  const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const name = entry.name;
    const sub = rel === '.' ? name : `${rel}/${name}`;
    if (!isOurs(name) && !isOurs(tempTarget(name)?.target ?? '')) return false;
    // A folder where a site has a file (or the reverse) is not a site's either.
    if (entry.isDirectory() !== (SITE_NAMES[sub] !== undefined || BUNDLE_COPIES.has(sub))) return false;
    if (SITE_NAMES[sub] && !(await onlyOurs(root, sub))) return false;
  }
  return true;
}

/** Refuse to build (and delete stale files) in a folder that holds something other than a site of ours. */
export async function guardOutDir(root: string, previous: Manifest | null): Promise<void> {
  if (previous) return;
  if (!(await onlyOurs(root, '.'))) throw new UsageError(`${root} is not empty and holds no preprint-digest site; choose an empty or new folder`);
}

/** Remove what builds that died left in the site: temporary files of ours (the caller holds the lock: any age). */
export async function removeLeftovers(root: string): Promise<void> {
  for (const rel of Object.keys(SITE_NAMES)) await removeStaleTemps(path.join(root, rel), { before: Infinity });
}

export async function readDay(root: string, date: string): Promise<SiteDay> {
  try {
    return JSON.parse(await readFile(path.join(root, dayFile(date)), 'utf8')) as SiteDay;
  } catch (err) {
    throw renderError(`the site's data for ${date} is unreadable; rebuild without incremental`, err);
  }
}

/** Delete day files and shards the manifest no longer lists (only names this builder writes). */
export async function removeStale(root: string, manifest: Manifest): Promise<void> {
  const keep = new Set([...manifest.days.map((d) => dayFile(d.date)), ...manifest.periods.map((p) => p.file)]);
  for (const dir of ['data/days', 'data/search']) {
    const names = await readdir(path.join(root, dir)).catch(() => [] as string[]);
    for (const name of names) {
      const rel = `${dir}/${name}`;
      if (/^\d{4}-\d{2}(-\d{2})?\.json$/.test(name) && !keep.has(rel)) await rm(path.join(root, rel), { force: true });
    }
  }
}
