/**
 * Archives (`cs`, `math`, `astro-ph`, `hep-th`): the part of a category id before the dot. An archive stands for
 * all its categories, as in rss.arxiv.org/rss/cs and arxiv.org/list/cs/new; the digest lists a paper under one of
 * those categories, never under the archive itself.
 */
import { ACTIVE_CATEGORIES, CATEGORY_ALIASES, LEGACY_CATEGORIES, SUBSUMED_ARCHIVES } from './categories.js';

const ACTIVE_IDS = Object.keys(ACTIVE_CATEGORIES);

/** Position in the taxonomy's (alphabetical) order, the order an archive's categories are listed in. */
const RANK = new Map(ACTIVE_IDS.map((id, i) => [id, i]));

/** Archive of a category id: `cs.LG` → `cs`; an id without a dot (`hep-th`, `cs`) is its own archive. */
export function archiveOf(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}

/** Archive → its categories, canonical (an alias such as cs.SY counts as eess.SY), in taxonomy order. */
const ARCHIVES = new Map<string, string[]>();
for (const id of ACTIVE_IDS) {
  const list = ARCHIVES.get(archiveOf(id)) ?? [];
  const canonical = CATEGORY_ALIASES[id] ?? id;
  if (!list.includes(canonical)) list.push(canonical);
  ARCHIVES.set(archiveOf(id), list);
}
for (const list of ARCHIVES.values()) list.sort((a, b) => (RANK.get(a) ?? 0) - (RANK.get(b) ?? 0));

/** An archive that holds active categories (20 of them; hep-th and quant-ph are archives and categories). */
export function isArchive(id: string): boolean {
  return ARCHIVES.has(id);
}

/** The archive's categories (canonical, taxonomy order); a category stands for itself. */
export function categoriesOf(id: string): readonly string[] {
  return ARCHIVES.get(id) ?? [id];
}

/** Categories and archives with every archive replaced by its categories; order kept, duplicates removed. */
export function expandArchives(ids: readonly string[]): string[] {
  return [...new Set(ids.flatMap((id) => categoriesOf(id)))];
}

/**
 * What a stored paper may carry to match a filter of categories and archives (import-kaggle, search): the
 * {@link expandArchives} list, plus the ids old papers were filed under before an archive was split or
 * subsumed — an archive's own id (`astro-ph` before 2009, `cond-mat`, `q-bio`: legacy, never in a feed) and a
 * retired archive whose papers a category took over (`cmp-lg` for cs.CL, `supr-con` for cond-mat.supr-con).
 * Not for the digest: feeds list active categories only.
 */
export function filterCategories(ids: readonly string[]): string[] {
  const subsumed = Object.entries(SUBSUMED_ARCHIVES);
  return [
    ...new Set(
      ids.flatMap((id) => {
        const members = categoriesOf(id);
        const legacyArchive = isArchive(id) && Object.hasOwn(LEGACY_CATEGORIES, id) ? [id] : [];
        const retired = subsumed.filter(([, by]) => members.includes(by)).map(([old]) => old);
        return [...members, ...retired, ...legacyArchive];
      }),
    ),
  ];
}

/** Whether a paper with these (canonical) categories belongs to `id`, a category or an archive. */
export function inCategory(paperCategories: readonly string[], id: string): boolean {
  const members = categoriesOf(id);
  return paperCategories.some((c) => c === id || members.includes(c) || archiveOf(c) === id);
}

/** Whether coverage (categories and archives, e.g. a feed's) includes `id`: listed itself, or its archive is. */
export function covers(coverage: readonly string[], id: string): boolean {
  return coverage.includes(id) || coverage.some((c) => c !== id && isArchive(c) && categoriesOf(c).includes(id));
}
