/**
 * Favourites and read state in localStorage, one key per site folder (several sites on one origin, such as
 * GitHub Pages project sites, keep their own). Without storage (blocked, full) the state lives for the page only.
 */
import { emptyState, exportState, mergeState, parseStored } from './state.js';
import type { FavouriteRef, ReaderState } from './state.js';
import type { SiteRecord } from '../types.js';

const KEY = `preprint-digest:${location.pathname.replace(/[^/]*$/, '')}`;

let persistent = true;
let state: ReaderState = stored() ?? emptyState();
const listeners = new Set<() => void>();

/** What storage holds now; null when it cannot be read (the state then lives in this page only). */
function stored(): ReaderState | null {
  try {
    return parseStored(localStorage.getItem(KEY));
  } catch {
    persistent = false;
    return null;
  }
}

function notify(): void {
  for (const fn of listeners) fn();
}

/**
 * Apply one change to what storage holds now, not to this page's copy: another tab of the site may have saved
 * since this one loaded, and writing the old copy back would drop its favourites and read marks.
 */
function update(change: (s: ReaderState) => void): void {
  if (persistent) state = stored() ?? state;
  change(state);
  try {
    localStorage.setItem(KEY, exportState(state));
  } catch {
    persistent = false;
  }
  notify();
}

// Another tab saved (or storage was cleared): show its state here too.
window.addEventListener('storage', (e) => {
  if (e.key !== null && e.key !== KEY) return;
  state = parseStored(e.newValue);
  notify();
});

export function onChange(fn: () => void): void {
  listeners.add(fn);
}

export function isPersistent(): boolean {
  return persistent;
}

export function isFavourite(id: string): boolean {
  return Object.hasOwn(state.favourites, id);
}

export function isRead(id: string): boolean {
  return Object.hasOwn(state.read, id);
}

export function favourites(): FavouriteRef[] {
  return Object.values(state.favourites).sort((a, b) => b.added.localeCompare(a.added));
}

export function toggleFavourite(r: SiteRecord): boolean {
  update((s) => {
    if (Object.hasOwn(s.favourites, r.id)) return void delete s.favourites[r.id];
    const ref = { id: r.id, version: r.version, title: r.title, authors: [...r.authors], date: r.date, primary: r.primary_category };
    s.favourites[r.id] = { ...ref, added: new Date().toISOString() };
  });
  return isFavourite(r.id);
}

export function removeFavourite(id: string): void {
  update((s) => void delete s.favourites[id]);
}

export function setRead(id: string, read: boolean): void {
  update((s) => {
    if (read === Object.hasOwn(s.read, id)) return;
    if (read) s.read[id] = new Date().toISOString();
    else delete s.read[id];
  });
}

export function exportJson(): string {
  return exportState(state);
}

export function importState(imported: ReaderState): { favourites: number; read: number } {
  update((s) => {
    const merged = mergeState(s, imported);
    s.favourites = merged.favourites;
    s.read = merged.read;
  });
  return { favourites: Object.keys(imported.favourites).length, read: Object.keys(imported.read).length };
}
