/**
 * Which papers a delivery channel shows: "top papers" are the reader's For-you list when the digest was ranked,
 * else the day's first papers in digest order; `minScore` (`--min-score`) drops scored papers below it.
 */
import type { Digest, DigestEntry } from '../types.js';

export interface SelectOptions {
  /**
   * Relevance threshold for delivery: entries whose `relevance.score` is below it are left out. Entries without
   * a score (an unranked digest) always pass: there is nothing to compare.
   */
  minScore?: number;
}

export interface TopOptions extends SelectOptions {
  /**
   * How many papers at most.
   * @default 10
   */
  limit?: number;
}

export interface Selection {
  entries: DigestEntry[];
  /** True when the entries come from the digest's For-you list. */
  ranked: boolean;
  /** Papers that qualified but were cut by the limit (they are in the reader and the email). */
  more: number;
}

/** All entries of the digest in global order. */
export function allEntries(digest: Digest): DigestEntry[] {
  return digest.sections.flatMap((s) => s.entries);
}

/** Whether an entry passes the delivery threshold. */
export function passesThreshold(entry: DigestEntry, minScore: number | undefined): boolean {
  if (minScore === undefined || entry.relevance === undefined) return true;
  return entry.relevance.score >= minScore;
}

/** Entries that pass the threshold, in digest order (what the email lists). */
export function deliveredEntries(digest: Digest, options: SelectOptions = {}): DigestEntry[] {
  return allEntries(digest).filter((e) => passesThreshold(e, options.minScore));
}

/** The day's top papers for a compact message. */
export function topEntries(digest: Digest, options: TopOptions = {}): Selection {
  const limit = Math.max(0, options.limit ?? 10);
  const entries = allEntries(digest);
  const ranked = digest.forYou !== undefined && digest.forYou.length > 0;
  let pool = entries;
  if (ranked) {
    const byId = new Map(entries.map((e) => [e.paper.id, e]));
    pool = (digest.forYou ?? []).flatMap((id) => byId.get(id) ?? []);
  }
  const qualified = pool.filter((e) => passesThreshold(e, options.minScore));
  return { entries: qualified.slice(0, limit), ranked, more: Math.max(0, qualified.length - limit) };
}

/** "cs.LG 12 · stat.ML 3" for the sections that have papers. */
export function sectionCounts(digest: Digest): string {
  return digest.sections
    .filter((s) => s.entries.length > 0)
    .map((s) => `${s.category} ${s.entries.length}`)
    .join(' · ');
}

/** "3 more papers" / "1 more paper". */
export function morePapers(n: number): string {
  return `${n} more ${n === 1 ? 'paper' : 'papers'}`;
}

/** "12 papers" / "1 paper". */
export function papers(n: number): string {
  return `${n} ${n === 1 ? 'paper' : 'papers'}`;
}
