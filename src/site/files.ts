/**
 * The site folder's files as the builder reads and writes them: atomic writes, the previous manifest, a day's
 * file read back, the guard against building into someone else's folder, and the clean-up of stale files.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DigestError, UsageError } from '../errors.js';
import { MANIFEST_FILE, dayFile } from './types.js';
import type { Manifest, SiteDay } from './types.js';

export function renderError(message: string, cause?: unknown): DigestError {
  return new DigestError('E_RENDER', message, { stage: 'render', cause });
}

export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Write through a temporary file, so a server never hands out half a file. */
export async function writeAtomic(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
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

/** What a site folder holds; a folder with anything else is not ours to clean up. */
const SITE_NAMES = new Set(['index.html', '.nojekyll', 'assets', 'data', LOCK_FILE]);

/** Refuse to build (and delete stale files) in a folder that holds something other than a site of ours. */
export async function guardOutDir(root: string, previous: Manifest | null): Promise<void> {
  if (previous) return;
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  if (names.some((n) => !SITE_NAMES.has(n))) throw new UsageError(`${root} is not empty and holds no preprint-digest site; choose an empty or new folder`);
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
