/**
 * Favourites and read state in localStorage, one key per site folder (several sites on one origin, such as
 * GitHub Pages project sites, keep their own). Without storage (blocked, full) the state lives for the page only.
 */
import { exportState, mergeState, parseStored } from './state.js';
import type { FavouriteRef, ReaderState } from './state.js';
import type { SiteRecord } from '../types.js';

const KEY = `preprint-digest:${location.pathname.replace(/[^/]*$/, '')}`;

let persistent = true;
let state: ReaderState = load();
const listeners = new Set<() => void>();

function load(): ReaderState {
  try {
    return parseStored(localStorage.getItem(KEY));
  } catch {
    persistent = false;
    return parseStored(null);
  }
}

function save(): void {
  try {
    localStorage.setItem(KEY, exportState(state));
  } catch {
    persistent = false;
  }
  for (const fn of listeners) fn();
}

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
  if (isFavourite(r.id)) delete state.favourites[r.id];
  else {
    const ref = { id: r.id, version: r.version, title: r.title, authors: [...r.authors], date: r.date, primary: r.primary_category };
    state.favourites[r.id] = { ...ref, added: new Date().toISOString() };
  }
  save();
  return isFavourite(r.id);
}

export function removeFavourite(id: string): void {
  delete state.favourites[id];
  save();
}

export function setRead(id: string, read: boolean): void {
  if (read === isRead(id)) return;
  if (read) state.read[id] = new Date().toISOString();
  else delete state.read[id];
  save();
}

export function exportJson(): string {
  return exportState(state);
}

export function importState(imported: ReaderState): { favourites: number; read: number } {
  state = mergeState(state, imported);
  save();
  return { favourites: Object.keys(imported.favourites).length, read: Object.keys(imported.read).length };
}
