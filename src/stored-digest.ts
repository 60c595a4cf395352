/** A stored day read back as a digest, for the commands that show what is stored (render, site, send). */
import { assembleDigest } from './digest/assemble.js';
import type { FetchOptions } from './digest/batch.js';
import { batchFromStore } from './digest/batch.js';
import type { Store } from './store/types.js';
import { summarizeDigest } from './summarize/index.js';
import type { Summarizer } from './summarize/types.js';
import type { Digest } from './types.js';

export interface StoredDigestOptions {
  /** Categories to list (default: those stored for the day), in display order. */
  categories?: readonly string[];
  announceTypes: FetchOptions['announceTypes'];
  /** Whose stored summaries to show (the cache key depends on it); nothing is summarized here. */
  summarizer: Summarizer;
  language: string;
}

/**
 * A stored day as a digest, with the stored summaries only (a paper without one is marked failed with the
 * reason): what `render`, the site and the delivery channels show. Null when the day is not stored.
 */
export async function loadStoredDigest(store: Store, date: string, options: StoredDigestOptions): Promise<Digest | null> {
  const day = await store.getDay(date);
  if (!day) return null;
  const categories = options.categories && options.categories.length > 0 ? [...options.categories] : day.categories;
  const batch = await batchFromStore(date, categories, store);
  if (!batch) return null;
  const firstSeen = await store.firstSeen(batch.items.map((i) => i.paper.id), date);
  const { digest } = assembleDigest(batch, { categories, announceTypes: options.announceTypes, firstSeen });
  await summarizeDigest(digest, { summarizer: options.summarizer, store, language: options.language, cacheOnly: true });
  return digest;
}
