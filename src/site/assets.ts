/**
 * The bundled reader (script, styles, KaTeX fonts) made by `scripts/build-reader.mjs` at `npm run build`, and
 * its copy into a site. The bundle lives in the package's `dist/reader/`; `src/site` and `dist/site` both sit
 * two levels below the package root, so one relative URL finds it from either.
 */
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DigestError } from '../errors.js';
import { reasonOf } from '../render/atomic.js';

export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../dist/reader/', import.meta.url));

const REQUIRED = ['reader.js', 'reader.css', 'theme.js'];

/** Check the bundle is there and return a short hash of its entry files (the cache-busting version). */
export async function assetVersion(assetsDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of REQUIRED) {
    try {
      hash.update(await readFile(path.join(assetsDir, name)));
    } catch {
      throw new DigestError('E_RENDER', `the reader bundle is missing ${name} in ${assetsDir}; run \`npm run build\``, { stage: 'render' });
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/** Written last into a copied `assets/`: the bundle's hash, so a build knows the copy is there and complete. */
const STAMP = '.bundle-hash';

/** A hash of every file of the bundle, names and contents (the fonts and chunks too, unlike assetVersion). */
async function bundleHash(assetsDir: string): Promise<string> {
  const hash = createHash('sha256');
  const names = (await readdir(assetsDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const files = names.map((e) => path.relative(assetsDir, path.join(e.parentPath, e.name))).sort();
  for (const name of files) hash.update(`${name}\0`).update(await readFile(path.join(assetsDir, name)));
  return hash.digest('hex');
}

/**
 * Put the bundle in `outDir/assets`, leaving the folder alone when it already holds this bundle, so a reader
 * being served never sees it change. Otherwise copy beside it and swap the folders (old hashed chunks must not
 * pile up): replacing in place (rm, then cp) served half-copied files and, with two builds, died with ENOTEMPTY.
 * Callers hold the folder's lock, so any `assets.*` leftover is from a build that died.
 */
export async function copyAssets(assetsDir: string, outDir: string): Promise<void> {
  const target = path.join(outDir, 'assets');
  const hash = await bundleHash(assetsDir);
  if ((await readFile(path.join(target, STAMP), 'utf8').catch(() => null)) === hash) return;
  for (const name of await readdir(outDir)) {
    if (/^assets\.(new|old)$/.test(name)) await rm(path.join(outDir, name), { recursive: true, force: true });
  }
  const fresh = `${target}.new`;
  try {
    await cp(assetsDir, fresh, { recursive: true });
    await writeFile(path.join(fresh, STAMP), hash);
  } catch (err) {
    // Disk full or read-only: nothing was swapped yet, so the site still has its old assets (if any).
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw new DigestError('E_RENDER', `cannot copy the reader's files to ${fresh}: ${reasonOf(err)}`, { stage: 'render', cause: err });
  }
  await rename(target, `${target}.old`).catch(() => undefined); // none yet on a first build
  await rename(fresh, target);
  await rm(`${target}.old`, { recursive: true, force: true });
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
