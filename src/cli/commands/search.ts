/**
 * `preprint-digest search QUERY` (the archive's full-text index, from the terminal) and
 * `preprint-digest profile add-search QUERY` (seed the ranking profile's library with the best archive matches:
 * a reader with no BibTeX file gets a trained ranker from one query; `profile show` and `run --rank` use them
 * like imported papers).
 */
// Titles come from feeds: one clean line each (no controls, no bidi overrides), as the chat and email text parts show them.
import { plainText } from '../../channels/_text.js';
import { papers } from '../../channels/select.js';
import { ConfigError, UsageError } from '../../errors.js';
import { mergeIntoProfile } from '../../rank/library.js';
import { readProfile, writeProfile } from '../../rank/profile.js';
import { SEARCH_INDEX_STATE_KEY } from '../../store/types.js';
import { filterCategories } from '../../taxonomy/index.js';
import type { SearchHit, Store } from '../../store/types.js';
import { configFromFlags, note, say, withExistingStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { wholeNumber } from '../options.js';

export interface SearchFlags extends DayFlags {
  limit?: string;
  json?: boolean;
}

export interface AddSearchFlags extends DayFlags {
  top?: string;
}

/** Search hits of the store; a store without a search index is a configuration problem, said plainly. */
async function find(store: Store, query: string, limit: number, categories: readonly string[]): Promise<SearchHit[]> {
  if (!store.search) throw new ConfigError(`the ${store.name} store has no full-text search`);
  if (query.trim() === '') throw new UsageError('the search query is empty');
  // A bulk import with --no-search-index left papers out of the index: say so rather than answer silently short.
  if ((await store.getState(SEARCH_INDEX_STATE_KEY)) === 'stale') {
    note('note: the search index is out of date (a bulk import, or an upgrade that changed how it is built); `preprint-digest reindex` rebuilds it');
  }
  return store.search(query, { limit, categories });
}

/** `preprint-digest reindex`: rebuild the full-text index (after `import-kaggle --no-search-index`). */
export async function reindexCommand(flags: DayFlags): Promise<void> {
  const config = configFromFlags(flags);
  await withExistingStore(config, async (store) => {
    if (!store.rebuildSearchIndex) throw new ConfigError(`the ${store.name} store has no full-text search`);
    const t0 = performance.now();
    await store.rebuildSearchIndex();
    say(`search index rebuilt over ${papers(await store.countPapers())} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
}

/**
 * Only categories named on the command line filter a search (the config file's are the digest's, not a filter);
 * an archive (`cs`) as its categories, which is what the store knows papers by, and as the ids old papers carry
 * (`astro-ph` before 2009).
 */
function categoriesOf(flags: DayFlags, config: ReturnType<typeof configFromFlags>): string[] {
  return flags.categories !== undefined ? filterCategories(config.categories) : [];
}

export async function searchCommand(words: string[], flags: SearchFlags): Promise<void> {
  const config = configFromFlags(flags);
  const limit = wholeNumber(flags.limit, '--limit', 20, 1, 1000);
  const query = words.join(' ');
  await withExistingStore(config, async (store) => {
    const hits = await find(store, query, limit, categoriesOf(flags, config));
    if (flags.json) return say(JSON.stringify(await jsonHits(store, hits)));
    if (hits.length === 0) return say(`no stored paper matches ${JSON.stringify(query)}`);
    hits.forEach((h, i) => say(`${String(i + 1).padStart(3)}. ${h.id}v${h.version}  ${plainText(h.title)}`));
  });
}

/** Hits for `--json`, with what picks a paper without opening it: its authors, categories and submission time. */
async function jsonHits(store: Store, hits: readonly SearchHit[]) {
  const stored = await store.getPapers(hits.map((h) => h.id));
  return hits.map((h) => {
    const p = stored.get(h.id);
    return { ...h, url: `https://arxiv.org/abs/${h.id}`, authors: p?.authors ?? [], categories: p?.categories ?? [], submitted: p?.submitted ?? null };
  });
}

export async function profileAddSearchCommand(words: string[], flags: AddSearchFlags): Promise<void> {
  const config = configFromFlags(flags);
  const top = wholeNumber(flags.top, '--top', 10, 1, 200);
  const query = words.join(' ');
  await withExistingStore(config, async (store) => {
    const hits = await find(store, query, top, categoriesOf(flags, config));
    if (hits.length === 0) return say(`no stored paper matches ${JSON.stringify(query)}; nothing added (fetch or backfill some days first)`);
    const items = hits.map((h) => ({ id: h.id, title: h.title, source: `search:${query}` }));
    const { profile, added, merged } = mergeIntoProfile(readProfile(config.profile, { missingOk: true }), items);
    writeProfile(config.profile, profile);
    hits.forEach((h) => say(`  ${h.id}  ${plainText(h.title)}`));
    say(`${papers(hits.length)} found; ${added} added to the library, ${merged} already there → ${config.profile}`);
  });
}
