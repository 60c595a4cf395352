/**
 * Files shipped with the package (sample day, trained model), located from this module so they are found
 * both from `src/` (tsx, vitest) and from the compiled `dist/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** Directory holding the package's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot locate the preprint-digest package root');
    dir = parent;
  }
  root = dir;
  return dir;
}

/** The bundled sample day: cs.LG + stat.ML, announced 2026-01-30, 189 papers. */
export function sampleFeedPath(): string {
  return path.join(packageRoot(), 'data', 'sample', 'rss-cs.LG+stat.ML-2026-01-30.xml');
}

export function packageVersion(): string {
  // Read lazily: only --version and the User-Agent need it.
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
