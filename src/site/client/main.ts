/**
 * The reader's entry point: loads the manifest, routes `#/day/DATE`, `#/search?q=…` and `#/favourites`, and
 * wires the header (day navigation, search box, theme, data menu) and the keyboard.
 */
import type { Manifest } from '../types.js';
import { cancelArchiveSearch } from './archive-search.js';
import { LoadError, loadDay, loadManifest } from './data.js';
import { installPrint, syncCards } from './card.js';
import { dayParams, dayQuery, renderDay } from './day-view.js';
import type { DayParams } from './day-view.js';
import { byId, clear, h } from './dom.js';
import { renderFavourites } from './favourites-view.js';
import { findPaperDay, paperNotice } from './find-paper.js';
import { installKeys } from './keys.js';
import { onChange } from './prefs.js';
import { cancelSearch, warmSearch } from './search-run.js';
import { chooseDay, longDate } from './route.js';
import { renderSearch, searchParams, searchQuery } from './search-view.js';
import { installMenu, installTheme, trackHeaderHeight } from './tools.js';

const main = byId('main');
const search = byId<HTMLInputElement>('search');
const daySelect = byId<HTMLSelectElement>('day-select');
let manifest: Manifest;
let currentDate = '';
let routed = '';
/** Bumped by every route: a slow day load must not draw over a newer view. */
let routeGen = 0;

function showError(err: unknown): void {
  clear(main);
  const message = err instanceof LoadError ? err.message : `something went wrong: ${err instanceof Error ? err.message : String(err)}`;
  main.append(h('p', { class: 'status error', role: 'alert' }, message));
}

/** Change the route without a hashchange round trip; `replace` keeps typing and filtering out of history. */
function navigate(hash: string, replace = false): void {
  if (hash === location.hash) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', hash);
  void route();
}

/** Record a view's own state (filters) in the URL without re-rendering the view. */
function remember(hash: string): void {
  history.replaceState(null, '', hash);
  routed = location.hash;
}

function dayAt(offset: number): string | null {
  const i = manifest.days.findIndex((d) => d.date === currentDate);
  return i < 0 ? null : (manifest.days[i + offset]?.date ?? null);
}

function syncHeader(): void {
  daySelect.value = currentDate;
  byId<HTMLButtonElement>('prev-day').disabled = dayAt(-1) === null;
  byId<HTMLButtonElement>('next-day').disabled = dayAt(1) === null;
}

async function showDay(path: string, params: URLSearchParams, gen: number): Promise<void> {
  const choice = chooseDay(path, manifest.days.map((d) => d.date));
  const entry = choice && manifest.days.find((d) => d.date === choice.date);
  if (!choice || !entry) return void main.replaceChildren(h('p', { class: 'status' }, 'This site has no days yet.'));
  currentDate = entry.date;
  syncHeader();
  const p = dayParams(params);
  // The URL names the day shown, so a reload or a shared link does not repeat the detour.
  if (choice.notice) remember(`#/day/${entry.date}${dayQuery(p)}`);
  const day = await loadDay(entry);
  if (gen !== routeGen) return; // a newer navigation won
  document.title = `${manifest.title} — ${longDate(day.date)}`;
  const drawn = renderDay(main, day, p, (next) => remember(`#/day/${day.date}${dayQuery(next)}`));
  if (choice.notice) main.prepend(h('p', { class: 'status missing', role: 'status' }, choice.notice));
  await drawn;
  if (p.id && !day.records.some((r) => r.id === p.id)) await placePaper(p, day.date, /^\/day\/./.test(path), gen);
}

/** A link's paper is not on the day shown: open it on its day when the link named none, else say where it is. */
async function placePaper(p: DayParams, shown: string, named: boolean, gen: number): Promise<void> {
  const id = p.id ?? '';
  const elsewhere = await findPaperDay(manifest, id);
  if (gen !== routeGen) return;
  if (elsewhere && !named) return navigate(`#/day/${elsewhere}${dayQuery(p)}`, true);
  main.prepend(paperNotice(id, shown, elsewhere));
}

async function route(force = false): Promise<void> {
  if (!force && location.hash === routed && main.dataset.ready) return;
  routed = location.hash;
  const gen = ++routeGen;
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  if (path !== '/search') {
    cancelSearch();
    cancelArchiveSearch();
  }
  const params = new URLSearchParams(query);
  try {
    if (path === '/search') {
      const p = searchParams(params);
      if (document.activeElement !== search) search.value = p.q;
      document.title = `${manifest.title} — search`;
      renderSearch(main, manifest, p, (next) => navigate(`#/search${searchQuery(next)}`, true));
    } else if (path === '/favourites') {
      document.title = `${manifest.title} — favourites`;
      renderFavourites(main);
    } else {
      await showDay(path, params, gen);
    }
    main.dataset.ready = 'true';
  } catch (err) {
    showError(err);
  }
}

function onSearchInput(): void {
  const q = search.value;
  const onSearch = location.hash.startsWith('#/search');
  if (!q.trim()) return onSearch ? navigate(`#/day/${currentDate}`, true) : undefined;
  const current = onSearch ? searchParams(new URLSearchParams(location.hash.split('?')[1] ?? '')) : { q: '', cat: '', type: '' };
  navigate(`#/search${searchQuery({ ...current, q })}`, onSearch);
}

function wireHeader(): void {
  daySelect.replaceChildren(...[...manifest.days].reverse().map((d) => h('option', { value: d.date }, `${d.date} (${d.papers})`)));
  daySelect.addEventListener('change', () => navigate(`#/day/${daySelect.value}`));
  const step = (offset: number) => (): void => {
    const date = dayAt(offset);
    if (date) navigate(`#/day/${date}`);
  };
  byId('prev-day').addEventListener('click', step(-1));
  byId('next-day').addEventListener('click', step(1));
  search.addEventListener('input', onSearchInput);
  // Escape leaves the search: query and results go, the day comes back (the browser's own clearing of a
  // search box would empty the box and leave the results).
  search.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    search.value = '';
    if (location.hash.startsWith('#/search')) navigate(`#/day/${currentDate}`);
  });
  search.addEventListener('focus', () => warmSearch(manifest));
  byId('search-form').addEventListener('submit', (e) => (e.preventDefault(), onSearchInput()));
  installKeys({ nextDay: step(1), prevDay: step(-1), focusSearch: () => (search.focus(), search.select()) });
  installTheme(byId<HTMLButtonElement>('theme-toggle'));
  installMenu(() => void route(true));
  trackHeaderHeight(byId('top'));
  installPrint();
  onChange(() => {
    if (location.hash.startsWith('#/favourites')) renderFavourites(main);
    else syncCards(main);
  });
}

/**
 * Links made by the delivery channels have the form `index.html?day=DATE#PAPER_ID`; turn them into this
 * reader's route, so both forms open the paper's card on its day.
 */
function adoptQueryLink(): void {
  const day = new URLSearchParams(location.search).get('day');
  const plainHash = location.hash.length > 1 && !location.hash.startsWith('#/');
  if (day === null && !plainHash) return;
  let id = plainHash ? location.hash.slice(1) : '';
  try {
    id = decodeURIComponent(id);
  } catch {
    // a malformed escape: use the id as written
  }
  history.replaceState(null, '', `${location.pathname}#/day/${day ?? ''}${id ? `?id=${encodeURIComponent(id)}` : ''}`);
}

async function start(): Promise<void> {
  adoptQueryLink();
  try {
    manifest = await loadManifest();
  } catch (err) {
    return showError(err);
  }
  wireHeader();
  window.addEventListener('hashchange', () => void route());
  window.addEventListener('popstate', () => void route());
  await route();
}

void start();
