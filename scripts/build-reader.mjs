/**
 * Bundles the static reader (src/site/client) with esbuild into dist/reader/: reader.js (ES module; KaTeX and
 * MiniSearch split into lazily loaded chunks), theme.js (a tiny classic script run before first paint),
 * reader.css with KaTeX's styles and its woff2 fonts, favicon.svg. Run by `npm run build`; tests call buildReader() with a
 * temporary outDir so they always test the current client source.
 */
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { argv, stdout } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLIENT = path.join(ROOT, 'src/site/client');
export const DEFAULT_OUT = path.join(ROOT, 'dist/reader');

/** Browsers the reader supports: all evergreen ones from 2022 on (module scripts, optional chaining, CSS vars). */
const TARGET = ['es2022', 'chrome100', 'firefox100', 'safari15.4'];

/** KaTeX's CSS lists woff2, woff and ttf for every font; every supported browser takes woff2, so ship only those. */
const woff2Only = {
  name: 'katex-woff2-only',
  setup(build) {
    build.onLoad({ filter: /katex(\.min)?\.css$/ }, async (args) => {
      const css = await readFile(args.path, 'utf8');
      const contents = css.replace(/,\s*url\([^)]+\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, '');
      return { contents, loader: 'css', resolveDir: path.dirname(args.path) };
    });
  },
};

/** Build the reader into `outDir` (replaced); returns the files written, relative to it. */
export async function buildReader({ outDir = DEFAULT_OUT, minify = true } = {}) {
  await rm(outDir, { recursive: true, force: true });
  const common = { bundle: true, outdir: outDir, minify, target: TARGET, legalComments: 'eof', logLevel: 'warning', metafile: true, absWorkingDir: ROOT };
  const results = await Promise.all([
    esbuild.build({ ...common, entryPoints: { reader: path.join(CLIENT, 'main.ts') }, format: 'esm', splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
    esbuild.build({ ...common, entryPoints: { theme: path.join(CLIENT, 'theme.ts') }, format: 'iife' }),
    esbuild.build({ ...common, entryPoints: { reader: path.join(CLIENT, 'styles.css') }, loader: { '.woff2': 'file' }, assetNames: 'fonts/[name]-[hash]', plugins: [woff2Only] }),
  ]);
  await copyFile(path.join(CLIENT, 'favicon.svg'), path.join(outDir, 'favicon.svg'));
  return ['favicon.svg', ...results.flatMap((r) => Object.keys(r.metafile.outputs)).map((f) => path.relative(outDir, path.resolve(ROOT, f)))].sort();
}

if (argv[1] && import.meta.url === pathToFileURL(path.resolve(argv[1])).href) {
  const files = await buildReader();
  stdout.write(`reader bundled into ${path.relative(ROOT, DEFAULT_OUT)}/ (${files.length} files)\n`);
}
