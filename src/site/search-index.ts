/**
 * The search shard of one period, built at site-build time so the browser only deserializes it
 * (`MiniSearch.loadJSON`) when a search first needs that period.
 */
import MiniSearch from 'minisearch';
import { pairFilter } from './phrases.js';
import { INDEX_OPTIONS, toSearchDoc } from './search-options.js';
import type { SearchDoc } from './search-options.js';
import type { SiteDay, SiteRecord } from './types.js';

export interface Shard {
  /** `JSON.stringify` of the MiniSearch index. */
  json: string;
  docs: number;
}

export function buildShard(days: readonly SiteDay[]): Shard {
  const index = new MiniSearch<SearchDoc>(INDEX_OPTIONS);
  const docs = days.flatMap((day) => day.records.map((record) => ({ ...toSearchDoc(record, day.date), pairs: phraseFilter(record) })));
  index.addAll(docs);
  return { json: JSON.stringify(index), docs: docs.length };
}

/** Each text on its own (every author, every summary field), so no phrase is found across two of them. */
function phraseFilter(r: SiteRecord): string {
  return pairFilter([r.title, ...r.authors, r.abstract]);
}
