/**
 * Render stage: writes `DIR/YYYY-MM-DD.md` and `DIR/YYYY-MM-DD.jsonl` for one digest. Called by the pipeline
 * after summarizing; the pure renderers are exported too (feeds and the site reuse `toJsonRecord`).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DigestError } from '../errors.js';
import type { Digest } from '../types.js';
import { reasonOf, removeStaleTemps, writeAtomic } from './atomic.js';
import { renderJsonl } from './jsonl.js';
import { renderMarkdown } from './markdown.js';
import type { MarkdownOptions } from './markdown.js';

export { ACKNOWLEDGEMENT, NO_PAPERS, digestNote, renderMarkdown } from './markdown.js';
export type { MarkdownOptions } from './markdown.js';
export { renderJsonl, toJsonRecord } from './jsonl.js';
export type { JsonRecord, JsonSummaryMeta } from './jsonl.js';
export { findCodeUrl, paperLinks } from './links.js';
export type { PaperLinks } from './links.js';
export { cleanText, escapeAuthor, escapeInline } from './escape.js';

export interface WrittenDigest {
  /** Absolute path of the Markdown digest. */
  markdown: string;
  /** Absolute path of the JSONL file. */
  jsonl: string;
}

/** The date becomes a file name, so it must be exactly a calendar date (no path separators, no `..`). */
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/**
 * Write the digest's Markdown and JSONL into `outDir` (created if missing). Each file is written to a temporary
 * name and renamed into place, so a reader never sees half a digest and a crash leaves the previous one intact.
 */
export async function writeDigest(
  digest: Digest,
  outDir: string,
  options: MarkdownOptions = {},
): Promise<WrittenDigest> {
  if (!DATE.test(digest.date)) {
    throw new DigestError('E_RENDER', `digest date "${digest.date}" is not a YYYY-MM-DD date`, { stage: 'render' });
  }
  // Render both before writing either, so a rendering bug cannot leave a new .md beside an old .jsonl.
  const markdownText = renderMarkdown(digest, options);
  const jsonlText = renderJsonl(digest);
  const dir = path.resolve(outDir);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new DigestError('E_RENDER', `cannot create output directory ${dir}: ${reasonOf(err)}`, {
      stage: 'render',
      cause: err,
    });
  }
  const markdown = path.join(dir, `${digest.date}.md`);
  const jsonl = path.join(dir, `${digest.date}.jsonl`);
  // A render killed mid-write (Ctrl-C, a crash) left its temporary files beside these two: they go now.
  await removeStaleTemps(dir, { targets: [path.basename(markdown), path.basename(jsonl)] });
  await writeAtomic(markdown, markdownText);
  await writeAtomic(jsonl, jsonlText);
  return { markdown, jsonl };
}
