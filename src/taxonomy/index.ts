/**
 * Category ids: canonical form (aliases collapsed), validation against the taxonomy, "did you mean" for typos,
 * archives standing for their categories (archives.ts).
 * Used by the sources (normalising feed categories), the config (validating --categories) and the renderer.
 */
import { closest, distance } from 'fastest-levenshtein';
import { ConfigError } from '../errors.js';
import { isArchive } from './archives.js';
import { ACTIVE_CATEGORIES, CATEGORY_ALIASES, LEGACY_CATEGORIES, SUBSUMED_ARCHIVES } from './categories.js';

export { archiveOf, categoriesOf, covers, expandArchives, filterCategories, inCategory, isArchive } from './archives.js';

export { ACTIVE_CATEGORIES, CATEGORY_ALIASES, LEGACY_CATEGORIES, SUBSUMED_ARCHIVES };

const ACTIVE_IDS = Object.keys(ACTIVE_CATEGORIES);
const BY_LOWER = new Map([...ACTIVE_IDS, ...Object.keys(LEGACY_CATEGORIES)].map((id) => [id.toLowerCase(), id]));

/** Canonical id of a category: alias → canonical (`cs.SY` → `eess.SY`); anything else unchanged. */
export function canonicalCategory(id: string): string {
  return CATEGORY_ALIASES[id] ?? id;
}

/** Canonical ids, order kept, duplicates (including alias pairs) removed. */
export function canonicalCategories(ids: readonly string[]): string[] {
  return [...new Set(ids.map(canonicalCategory))];
}

export function isActiveCategory(id: string): boolean {
  return Object.hasOwn(ACTIVE_CATEGORIES, id);
}

/** Known on some paper: active, alias or legacy id. */
export function isKnownCategory(id: string): boolean {
  return isActiveCategory(id) || Object.hasOwn(LEGACY_CATEGORIES, id);
}

export function categoryName(id: string): string | undefined {
  return ACTIVE_CATEGORIES[id] ?? LEGACY_CATEGORIES[id];
}

/** Closest active id for a typo, or undefined when nothing is near. */
export function suggestCategory(input: string): string | undefined {
  const exactCase = BY_LOWER.get(input.toLowerCase());
  if (exactCase) return SUBSUMED_ARCHIVES[exactCase] ?? exactCase;
  const best = closest(input, ACTIVE_IDS);
  return distance(input.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(input.length / 3))
    ? best
    : undefined;
}

/**
 * Validate categories a user asked for: each must be an active id (aliases allowed, collapsed) or an archive
 * (`cs`, `q-bio`: all its categories, see archives.ts). Throws a ConfigError naming the bad id and the closest valid one.
 */
export function validateCategories(ids: readonly string[]): string[] {
  if (ids.length === 0) throw new ConfigError('no categories given; pass e.g. --categories cs.LG,stat.ML (or an archive: cs)');
  for (const id of ids) {
    if (isActiveCategory(id) || isArchive(id)) continue;
    const hint = suggestCategory(id);
    const legacy = Object.hasOwn(LEGACY_CATEGORIES, id) ? ' is a retired archive' : ' is not an arXiv category';
    throw new ConfigError(`"${id}"${legacy}${hint ? `; did you mean ${hint}?` : ''}`);
  }
  return canonicalCategories(ids);
}
