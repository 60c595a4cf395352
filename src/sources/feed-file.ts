/**
 * A saved RSS/Atom feed as a batch, without any network request (`--feed-file`, `--sample`), and the filters
 * both this and the live fetch apply: announce types, categories, and items that name no category.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { canonicalCategories, covers, inCategory } from '../taxonomy/index.js';
import type { AnnounceType, FeedBatch, FeedItem, Problem } from '../types.js';
import { decodeFeed } from './_decode.js';
import { readFeed } from './rss.js';

export interface ReadFeedFileOptions {
  /** Keep items in these categories (archives match their categories); all the feed covers when absent. */
  categories?: readonly string[];
  /** Announce types to keep. @default all four */
  announceTypes?: readonly AnnounceType[];
}

export function keep(batch: FeedBatch, announceTypes?: readonly AnnounceType[], categories?: readonly string[]): FeedItem[] {
  const types = announceTypes ? new Set(announceTypes) : null;
  return batch.items.filter(
    (i) => (!types || types.has(i.announceType)) && (!categories || categories.some((c) => inCategory(i.paper.categories, c))),
  );
}

/**
 * Items with no category: no section can hold them and their primary is unknown, so they are left out and
 * reported. (The feed's own category is no stand-in: a one-category feed also lists cross-lists from elsewhere.)
 */
export function withoutUncategorized(items: readonly FeedItem[], problems: Problem[]): FeedItem[] {
  return items.filter((i) => {
    if (i.paper.categories.length > 0) return true;
    problems.push({ stage: 'fetch', code: 'no-category', message: `skipped ${i.paper.id}: the feed lists it without a category`, paperId: i.paper.id });
    return false;
  });
}

async function readBytes(path: string): Promise<Buffer> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(err));
    throw new UsageError(`cannot read feed file ${path}: ${why}`);
  }
}

/** `--feed-file -`: the feed piped in (`curl … | preprint-digest run --feed-file -`). */
async function readStdin(): Promise<Buffer> {
  if (process.stdin.isTTY) throw new UsageError('--feed-file - reads the feed from standard input, which is a terminal here; pipe a feed in');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Categories asked for must be ones the feed covers (a feed that names none is taken at its word). */
function checkCoverage(path: string, covered: readonly string[], wanted: readonly string[]): void {
  const missing = wanted.filter((c) => !covers(covered, c));
  if (covered.length === 0 || missing.length === 0) return;
  throw new UsageError(`feed file ${path} covers ${covered.join(', ')}, not ${missing.join(', ')}; choose among those or leave out --categories`);
}

/**
 * A saved RSS/Atom feed as a batch. Unreadable file or categories the feed does not cover → `UsageError`;
 * not XML, undecodable, malformed → `SourceError` E_PARSE. `feedItems` counts the items before any filter.
 */
export async function readFeedFile(path: string, options: ReadFeedFileOptions = {}): Promise<FeedBatch> {
  const name = path === '-' ? 'standard input' : path;
  const batch = await readFeed(decodeFeed(await readBytes(path), `feed from ${name}`, name), { source: 'file', url: name });
  const categories = options.categories?.length ? canonicalCategories(options.categories) : undefined;
  if (categories) checkCoverage(name, batch.categories, categories);
  const problems = [...batch.problems];
  const items = withoutUncategorized(batch.items, problems);
  const filtered = keep({ ...batch, items }, options.announceTypes, categories);
  return { ...batch, categories: categories ?? batch.categories, items: filtered, problems, feedItems: batch.items.length };
}
