/**
 * The bundled reader (script, styles, KaTeX fonts) made by `scripts/build-reader.mjs` at `npm run build`, and
 * its copy into a site. The bundle lives in the package's `dist/reader/`; `src/site` and `dist/site` both sit
 * two levels below the package root, so one relative URL finds it from either.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DigestError } from '../errors.js';

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

/** Replace `outDir/assets` with the bundle (old hashed chunks must not pile up). */
export async function copyAssets(assetsDir: string, outDir: string): Promise<void> {
  const target = path.join(outDir, 'assets');
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  await cp(assetsDir, target, { recursive: true });
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
