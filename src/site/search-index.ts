/**
 * The search shard of one period, built at site-build time so the browser only deserializes it
 * (`MiniSearch.loadJSON`) when a search first needs that period.
 */
import MiniSearch from 'minisearch';
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
  const docs = days.flatMap((day) => day.records.map((record) => toSearchDoc(record, day.date)));
  index.addAll(docs);
  return { json: JSON.stringify(index), docs: docs.length };
}
