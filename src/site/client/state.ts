/**
 * Favourites and read state: what they hold, the JSON export, and a strict import (a file from anywhere is
 * untrusted: unknown keys dropped, ids checked, strings bounded and cleaned). Pure; `prefs.ts` keeps it in localStorage.
 */
import { cleanText } from '../../render/escape.js';

export interface FavouriteRef {
  id: string;
  version: number;
  title: string;
  authors: string[];
  /** Announcement day the paper was favourited from. */
  date: string;
  primary: string;
  /** ISO time it was added. */
  added: string;
}

export interface ReaderState {
  favourites: Record<string, FavouriteRef>;
  /** Paper id → ISO time it was marked read. */
  read: Record<string, string>;
}

export const EXPORT_FORMAT = 'preprint-digest-reader';

export function emptyState(): ReaderState {
  return { favourites: {}, read: {} };
}

const ID = /^(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isArxivId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

/**
 * Cleaned as the site's own data is (`cleanText`): a favourite saved by an older reader, or an import file from
 * anywhere, may carry bidi overrides that would reorder its title in the list and the BibTeX export.
 */
function str(value: unknown, max: number, fallback = ''): string {
  return typeof value === 'string' ? cleanText(value.slice(0, max)) : fallback;
}

function favourite(value: unknown): FavouriteRef | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (!isArxivId(v.id)) return null;
  const version = typeof v.version === 'number' && Number.isInteger(v.version) && v.version > 0 ? v.version : 1;
  const authors = Array.isArray(v.authors) ? v.authors.filter((a): a is string => typeof a === 'string').slice(0, 500).map((a) => str(a, 300)) : [];
  const date = typeof v.date === 'string' && DATE.test(v.date) ? v.date : '';
  return { id: v.id, version, title: str(v.title, 2000), authors, date, primary: str(v.primary, 40), added: str(v.added, 40) };
}

export function exportState(state: ReaderState, now = new Date()): string {
  const body = {
    format: EXPORT_FORMAT,
    version: 1,
    exported: now.toISOString(),
    favourites: Object.values(state.favourites),
    read: Object.entries(state.read).map(([id, at]) => ({ id, at })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** Parse an exported file; throws an Error with a one-line reason when it is not one. */
export function parseImport(text: string): ReaderState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('the file is not JSON');
  }
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || d.format !== EXPORT_FORMAT) throw new Error(`the file is not a ${EXPORT_FORMAT} export`);
  const state = emptyState();
  for (const f of Array.isArray(d.favourites) ? d.favourites : []) {
    const ref = favourite(f);
    if (ref) state.favourites[ref.id] = ref;
  }
  for (const r of Array.isArray(d.read) ? d.read : []) {
    const v = r as Record<string, unknown> | null;
    if (v && isArxivId(v.id)) state.read[v.id] = str(v.at, 40);
  }
  return state;
}

/** Imported entries are added; what is already there stays. */
export function mergeState(into: ReaderState, from: ReaderState): ReaderState {
  return { favourites: { ...from.favourites, ...into.favourites }, read: { ...from.read, ...into.read } };
}

/** Read back what localStorage held (same validation as an import; anything malformed is dropped). */
export function parseStored(text: string | null): ReaderState {
  if (!text) return emptyState();
  try {
    return parseImport(text);
  } catch {
    return emptyState();
  }
}
