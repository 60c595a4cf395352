/**
 * A digest as the reader's day file: the JSONL records every channel shares, and the "For you" ids.
 * Pure. Text is cleaned (`cleanText`: no controls, bidi overrides or line breaks) but not escaped: the client
 * inserts it as text, never as HTML.
 */
import { cleanText } from '../render/escape.js';
import { toJsonRecord } from '../render/jsonl.js';
import { categoryName } from '../taxonomy/index.js';
import type { Digest } from '../types.js';
import type { SiteDay, SiteRecord } from './types.js';

export function toSiteDay(digest: Digest): SiteDay {
  const records: SiteRecord[] = digest.sections.flatMap((section) => section.entries.map((entry) => cleanRecord(toJsonRecord(entry, digest.date, digest.forYou))));
  const listed = new Set(records.map((r) => r.id));
  return {
    date: digest.date,
    categories: [...digest.categories],
    reconstructed: digest.reconstructed,
    ...(digest.incomplete?.length ? { incomplete: digest.incomplete.map(cleanText) } : {}),
    sections: digest.sections.map((s) => ({ category: s.category, name: categoryName(s.category) ?? null, count: s.entries.length })),
    // Only ids the day lists: a "For you" link must always land on a card.
    forYou: digest.forYou ? digest.forYou.filter((id) => listed.has(id)) : null,
    records,
  };
}

/**
 * The record with every string through `cleanText`, as every other output does. The raw JSONL keeps paper text
 * as received, but a bidi override in a title (`\u202e`) would reorder what the reader shows ("…RETRACTED" from
 * reversed letters) in the card, search results, favourites and BibTeX alike, so the site's data is cleaned once,
 * here. All strings, not a list of fields: a field added to the record later cannot slip past.
 */
export function cleanRecord(record: SiteRecord): SiteRecord {
  return cleanStrings(record);
}

function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanStrings(v)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)])) as T;
  return value;
}
