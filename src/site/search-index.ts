/**
 * The search shard of one period, built at site-build time so the browser only deserializes it
 * (`MiniSearch.loadJSON`) when a search first needs that period.
 */
import MiniSearch from 'minisearch';
import { cleanRecord } from './day-data.js';
import { INDEX_OPTIONS, toSearchDoc } from './search-options.js';
import type { SearchDoc } from './search-options.js';
import type { SiteDay } from './types.js';

export interface Shard {
  /** `JSON.stringify` of the MiniSearch index. */
  json: string;
  docs: number;
}

export function buildShard(days: readonly SiteDay[]): Shard {
  const index = new MiniSearch<SearchDoc>(INDEX_OPTIONS);
  // Cleaned again: an incremental build re-indexes days read back from disk, which an older version wrote raw
  // (with bidi overrides that would reorder the stored title and TL;DR shown in results). Idempotent.
  const docs = days.flatMap((day) => day.records.map((record) => toSearchDoc(cleanRecord(record), day.date)));
  index.addAll(docs);
  return { json: JSON.stringify(index), docs: docs.length };
}
