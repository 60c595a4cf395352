/**
 * Assemble one day's digest from a feed batch: pick the announce types asked for, list each paper once —
 * under its primary category when that was requested, else under the first requested category it is
 * cross-listed in — and keep the configured category order. An archive (`cs`, or every archive a feed file
 * covers) stands for its categories, in place, in taxonomy order, and only those with papers become sections; a
 * category named itself gets its section even when empty, unless it is an archive too (hep-th, quant-ph), so an
 * all-archives feed lists no empty sections.
 */
import { covers, expandArchives, isArchive } from '../taxonomy/index.js';
import type { AnnounceType, Digest, DigestEntry, FeedBatch, FeedItem } from '../types.js';

export interface AssembleOptions {
  /** Requested categories and archives in display order (canonical). */
  categories: readonly string[];
  announceTypes: readonly AnnounceType[];
  /** Earliest earlier day each paper id was listed on. */
  firstSeen?: ReadonlyMap<string, string>;
}

export interface Assembled {
  digest: Digest;
  /** Items left out because of their announce type. */
  skippedByType: number;
  /** Items in none of the requested categories (a feed file filtered with --categories). */
  skippedByCategory: number;
}

export function assembleDigest(batch: FeedBatch, options: AssembleOptions): Assembled {
  const wanted = new Set(options.announceTypes);
  const candidates = expandArchives(options.categories);
  const sections = new Map(candidates.map((c) => [c, [] as DigestEntry[]]));
  let skippedByType = 0;
  let skippedByCategory = 0;
  for (const item of batch.items) {
    if (!wanted.has(item.announceType)) {
      skippedByType++;
      continue;
    }
    const section = sectionFor(item, candidates);
    if (!section) {
      skippedByCategory++;
      continue;
    }
    sections.get(section)?.push(toEntry(item, section, options.firstSeen));
  }
  const digest: Digest = {
    date: batch.date,
    categories: [...options.categories],
    sections: [...sections]
      .filter(([category, entries]) => entries.length > 0 || (options.categories.includes(category) && !isArchive(category)))
      .map(([category, entries]) => ({ category, entries })),
    reconstructed: batch.reconstructed,
  };
  // A note about a category this digest does not list (a render of part of a stored day) is not its concern.
  const listed = (c: string | undefined) => !c || covers(options.categories, c) || options.categories.some((w) => covers([c], w));
  const incomplete = batch.problems.filter((p) => p.code === 'incomplete' && listed(p.category)).map((p) => p.message);
  if (incomplete.length > 0) digest.incomplete = incomplete;
  return { digest, skippedByType, skippedByCategory };
}

/** Primary when requested, else the first requested category the paper is cross-listed in. */
export function sectionFor(item: FeedItem, categories: readonly string[]): string | undefined {
  const { primaryCategory, categories: cats } = item.paper;
  if (categories.includes(primaryCategory)) return primaryCategory;
  return categories.find((c) => cats.includes(c));
}

function toEntry(item: FeedItem, section: string, firstSeen?: ReadonlyMap<string, string>): DigestEntry {
  return {
    paper: item.paper,
    announceType: item.announceType,
    section,
    crossList: section !== item.paper.primaryCategory,
    firstSeen: firstSeen?.get(item.paper.id) ?? null,
    summary: null,
  };
}

/** Entries in global digest order. */
export function digestEntries(digest: Digest): DigestEntry[] {
  return digest.sections.flatMap((s) => s.entries);
}
