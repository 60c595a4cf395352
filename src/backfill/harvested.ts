/**
 * The ids a backfill has harvested so far, kept in the store's state page by page until the backfill completes.
 * A backfill stopped part-way (Ctrl-C, kill -9) resumes from its saved token and so never sees its earlier pages
 * again; `--summarize` enqueues what this list holds, so the papers of those pages get their summaries too.
 *
 * One state key per page (`<base>:<n>`, the ids space-separated) and a count under `<base>`: a page's ids are
 * written before its token is saved, so a stop between the two only repeats the page (ids are deduplicated);
 * keys of a page are small, and no value grows with the size of the backfill.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/types.js';

export interface HarvestedIds {
  /** Record the ids of one stored page (before its resumption token is saved). */
  add(ids: readonly string[]): Promise<void>;
  /** Every id recorded since the list was last cleared, each once, in harvest order. */
  all(): Promise<string[]>;
  /** Forget the list (once the backfill completed and its summaries, if asked for, were enqueued). */
  clear(): Promise<void>;
}

/** State key of the list for a backfill of `categories` (as given) from `from` to `to`. */
export function harvestedIdsKey(categories: readonly string[], from: string, to: string): string {
  const names = [...categories].sort().join(',');
  // State keys hold at most 200 characters: a long list of categories is named by its hash.
  const what = names.length <= 100 ? names : createHash('sha256').update(names).digest('hex').slice(0, 24);
  return `backfill:harvested:${what}:${from}:${to}`;
}

export function harvestedIds(store: Store, categories: readonly string[], from: string, to: string): HarvestedIds {
  const base = harvestedIdsKey(categories, from, to);
  const pages = async (): Promise<number> => Number((await store.getState(base)) ?? 0) || 0;
  return {
    async add(ids) {
      if (ids.length === 0) return;
      const n = (await pages()) + 1;
      await store.setState(`${base}:${n}`, ids.join(' '));
      await store.setState(base, String(n));
    },
    async all() {
      const out = new Set<string>();
      const n = await pages();
      for (let i = 1; i <= n; i++) for (const id of ((await store.getState(`${base}:${i}`)) ?? '').split(' ')) if (id) out.add(id);
      return [...out];
    },
    async clear() {
      const n = await pages();
      // The count goes first: a stop part-way leaves page keys that the next list overwrites, never reads.
      await store.setState(base, null);
      for (let i = 1; i <= n; i++) await store.setState(`${base}:${i}`, null);
    },
  };
}
