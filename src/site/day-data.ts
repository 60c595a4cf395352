/**
 * A digest as the reader's day file: the JSONL records every channel shares, and the "For you" ids.
 * Pure; text stays raw (the client inserts it as text, never as HTML).
 */
import { toJsonRecord } from '../render/jsonl.js';
import { categoryName } from '../taxonomy/index.js';
import type { Digest } from '../types.js';
import type { SiteDay, SiteRecord } from './types.js';

export function toSiteDay(digest: Digest): SiteDay {
  const records: SiteRecord[] = digest.sections.flatMap((section) => section.entries.map((entry) => toJsonRecord(entry, digest.date, digest.forYou)));
  const listed = new Set(records.map((r) => r.id));
  return {
    date: digest.date,
    categories: [...digest.categories],
    reconstructed: digest.reconstructed,
    sections: digest.sections.map((s) => ({ category: s.category, name: categoryName(s.category) ?? null, count: s.entries.length })),
    // Only ids the day lists: a "For you" link must always land on a card.
    forYou: digest.forYou ? digest.forYou.filter((id) => listed.has(id)) : null,
    records,
  };
}
