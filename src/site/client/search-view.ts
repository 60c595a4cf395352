/**
 * The search view: results over all days with matched words marked, each linking to its card in its day
 * (opened, with the same words marked in the abstract and summary). Filters by category and announce type.
 */
import { latexPlain } from '../../latex-text.js';
import type { Manifest } from '../types.js';
import { renderArchiveHits, searchArchive } from './archive-search.js';
import type { ArchiveAnswer } from './archive-search.js';
import { append, clear, h } from './dom.js';
import { phraseNote, queryTerms, searchMatcher } from './highlight.js';
import { appendMarked, appendRich } from './rich.js';
import { runSearch } from './search-run.js';
import type { Hit, Progress, SearchFilter } from './search-run.js';

export interface SearchParams extends SearchFilter {
  q: string;
}

export function searchParams(p: URLSearchParams): SearchParams {
  return { q: p.get('q') ?? '', cat: p.get('cat') ?? '', type: p.get('type') ?? '' };
}

export function searchQuery(p: SearchParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) q.set(k, v);
  return `?${q.toString()}`;
}

const PAGE = 50;
const FIELD_NAMES: Record<string, string> = { title: 'title', authors: 'authors', text: 'abstract or summary' };

function resultItem(hit: Hit, q: string): HTMLElement {
  const m = searchMatcher(q, hit.terms);
  const href = `#/day/${hit.date}?id=${encodeURIComponent(hit.pid)}&q=${encodeURIComponent(q)}&hl=${encodeURIComponent(hit.terms.join(','))}`;
  return h(
    'li',
    { class: 'result' },
    appendRich(h('a', { class: 'title', href }), hit.title, m),
    appendMarked(h('p', { class: 'authors' }), latexPlain(hit.byline), m),
    h('p', { class: 'meta' }, h('span', {}, hit.date), h('span', { class: 'cat' }, hit.section), h('span', { class: `type type-${hit.type}` }, hit.type)),
    // The shard does not store the summary's language: its direction, at least, comes from its first letters.
    hit.tldr ? appendRich(h('p', { class: 'tldr', dir: 'auto' }), hit.tldr, m) : null,
    h('p', { class: 'small' }, `Matched in ${hit.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ')}`),
  );
}

function allCategories(manifest: Manifest): [string, string][] {
  const cats = [...new Set(manifest.days.flatMap((d) => d.categories))].sort();
  return [['', 'All categories'], ...cats.map((c): [string, string] => [c, c])];
}

function filterForm(manifest: Manifest, p: SearchParams): HTMLFormElement {
  const sel = (name: string, label: string, options: [string, string][], value: string): HTMLElement =>
    h('label', {}, `${label} `, h('select', { name }, ...options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
  const types: [string, string][] = [['', 'All types'], ...['new', 'cross', 'replace', 'replace-cross'].map((t): [string, string] => [t, t])];
  return h('form', { class: 'filters', 'aria-label': 'Filter results' }, sel('cat', 'Category', allCategories(manifest), p.cat), sel('type', 'Type', types, p.type));
}

/** A download's size: kB below 0.1 MB, where one decimal of MB would say 0.0. */
function mb(bytes: number): string {
  return bytes < 1e5 ? `${Math.max(1, Math.round(bytes / 1e3))} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function statusText(p: Progress, q: string): string {
  const n = p.hits.length;
  const note = phraseNote(q);
  const found = `${n}${n >= 1000 ? '+' : ''} result${n === 1 ? '' : 's'} for “${q}”${note ? ` (${note})` : ''}`;
  const months = p.older.periods > 0 ? `the newest ${p.total} months` : `all ${p.total} months`;
  if (p.error) return `${found} · stopped: ${p.error}`;
  if (p.loading) return `${found} · loading ${p.loading.id} (${mb(p.loading.bytes)}), ${p.searched} of ${p.total} months searched`;
  return p.searched < p.total ? `${found} · ${p.searched} of ${p.total} months searched` : `${found} in ${months}`;
}

export function renderSearch(main: HTMLElement, manifest: Manifest, p: SearchParams, setParams: (p: SearchParams) => void): void {
  clear(main);
  const status = h('p', { class: 'status', role: 'status' });
  const list = h('ol', { class: 'results', 'data-state': 'searching' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'More results');
  const form = filterForm(manifest, p);
  append(main, h('h1', {}, 'Search'), form, status, list, more);
  form.addEventListener('change', () => {
    const d = new FormData(form);
    setParams({ ...p, cat: String(d.get('cat') ?? ''), type: String(d.get('type') ?? '') });
  });
  if (queryTerms(p.q).length === 0) {
    status.textContent = `Type a word to search the titles, authors, abstracts and summaries of all ${manifest.days.length} days.`;
    list.dataset.state = 'idle';
    return;
  }
  const older = h('button', { type: 'button', class: 'older', hidden: true });
  const archive = h('section', { class: 'archive-search', 'aria-live': 'polite' });
  append(main, older, archive);
  let archiveAsked = false;
  let archived: ArchiveAnswer = null;
  let shown = PAGE;
  let last: Progress | null = null;
  // Redrawn with every progress: a paper the site's own search finds later (an older month) leaves the list.
  const drawArchive = (): void => renderArchiveHits(archive, manifest, archived, new Set(last?.hits.map((x) => x.pid)), p.type !== '');
  const draw = (): void => {
    if (!last) return;
    status.textContent = statusText(last, p.q);
    list.replaceChildren(...last.hits.slice(0, shown).map((hit) => resultItem(hit, p.q)));
    const done = last.searched === last.total || last.error !== null;
    list.dataset.state = last.loading ? 'loading' : done ? 'done' : 'partial';
    more.hidden = last.hits.length <= shown;
    older.hidden = !done || last.older.periods === 0;
    older.textContent = `Search the ${last.older.periods} older months too (${mb(last.older.bytes)} to load)`;
    if (done && !archiveAsked) {
      archiveAsked = true;
      void searchArchive(p.q, p.cat).then((answer) => ((archived = answer), drawArchive()));
    }
    drawArchive();
  };
  const run = (all: boolean): void => void runSearch(manifest, p.q, p, all, (progress) => ((last = progress), draw()));
  more.addEventListener('click', () => ((shown += PAGE), draw()));
  older.addEventListener('click', () => run(true));
  status.textContent = 'Searching…';
  run(false);
}
