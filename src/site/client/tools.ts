/**
 * Header tools: the colour theme toggle (system → dark → light), the data menu (export/import favourites
 * and read state as JSON, export favourites as BibTeX), and the header's height for scroll margins.
 */
import { toBibtex } from './bibtex.js';
import { byId, download } from './dom.js';
import { exportJson, favourites, importState } from './prefs.js';
import { parseImport } from './state.js';

const THEME_KEY = 'preprint-digest:theme';
const THEMES = ['system', 'dark', 'light'] as const;
type Theme = (typeof THEMES)[number];

function applyTheme(button: HTMLButtonElement, theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  button.title = `Colour theme: ${theme} (click to change)`;
  button.setAttribute('aria-label', button.title);
}

export function installTheme(button: HTMLButtonElement): void {
  let theme: Theme = 'system';
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'dark' || saved === 'light') theme = saved;
  } catch {
    // storage blocked: the toggle still works for this page
  }
  applyTheme(button, theme);
  button.addEventListener('click', () => {
    theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? 'system';
    applyTheme(button, theme);
    try {
      if (theme === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, theme);
    } catch {
      // not kept across visits
    }
  });
}

/** Keep `--header-height` at the sticky header's height, for the cards' scroll margin (styles.css). */
export function trackHeaderHeight(header: HTMLElement): void {
  const set = (): void => document.documentElement.style.setProperty('--header-height', `${Math.ceil(header.getBoundingClientRect().height)}px`);
  set();
  new ResizeObserver(set).observe(header);
}

function stamp(): string {
  return new Date().toISOString().slice(0, 10);
}

export function installMenu(refresh: () => void): void {
  byId('export-json').addEventListener('click', () => download(`preprint-digest-reader-${stamp()}.json`, 'application/json', exportJson()));
  byId('export-bibtex').addEventListener('click', () => {
    const favs = favourites();
    if (favs.length === 0) return void alertText('No favourites to export yet.');
    download(`preprint-digest-favourites-${stamp()}.bib`, 'application/x-bibtex', toBibtex(favs));
  });
  const input = byId<HTMLInputElement>('import-json');
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const n = importState(parseImport(await file.text()));
      alertText(`Imported ${n.favourites} favourites and ${n.read} read marks.`);
      refresh();
    } catch (err) {
      alertText(`Import failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    input.value = '';
  });
}

/** A short notice in the page (a live region), not a blocking dialog. */
function alertText(text: string): void {
  const el = document.getElementById('notice') ?? document.body.appendChild(Object.assign(document.createElement('p'), { id: 'notice', className: 'notice' }));
  el.setAttribute('role', 'status');
  el.textContent = text;
  setTimeout(() => el.isConnected && (el.textContent = ''), 6000);
}
