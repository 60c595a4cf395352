/**
 * The day view: "For you" (when ranked), filters (category, announce type, keyword, unread, favourites) and
 * the papers grouped by category section. Filters live in the URL, so a reload or a shared link keeps them.
 */
import type { SiteDay, SiteRecord } from '../types.js';
import { cardId, renderCard, toggleCard } from './card.js';
import { append, clear, h } from './dom.js';
import { keywordMatcher, matchable, searchMatcher } from './highlight.js';
import type { Matcher } from './highlight.js';
import { isFavourite, isRead } from './prefs.js';
import { appendRich } from './rich.js';
import { longDate, versionless } from './route.js';
import { latexPlain } from '../../latex-text.js';

export interface DayParams {
  cat: string;
  type: string;
  kw: string;
  unread: boolean;
  favs: boolean;
  /** Card to open and scroll to (from a search result or the For-you list). */
  id: string | null;
  /** Search that led here: its words are marked. */
  q: string;
  hl: string[];
}

export function dayParams(p: URLSearchParams): DayParams {
  const hl = (p.get('hl') ?? '').split(',').filter((t) => t.length > 0);
  return { cat: p.get('cat') ?? '', type: p.get('type') ?? '', kw: p.get('kw') ?? '', unread: p.get('unread') === '1', favs: p.get('favs') === '1', id: versionOff(p.get('id')), q: p.get('q') ?? '', hl };
}

function versionOff(id: string | null): string | null {
  return id === null ? null : versionless(id);
}

export function dayQuery(p: DayParams): string {
  const q = new URLSearchParams();
  const set: [string, string | false][] = [['cat', p.cat], ['type', p.type], ['kw', p.kw], ['unread', p.unread && '1'], ['favs', p.favs && '1'], ['id', p.id ?? ''], ['q', p.q], ['hl', p.hl.join(',')]];
  for (const [k, v] of set) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function keywords(kw: string): string[] {
  return kw.split(/\s+/).map(matchable).filter((k) => k.length > 0);
}

const haystacks = new WeakMap<SiteRecord, string>();

/**
 * What a card shows, as text: LaTeX read as the card reads it (`Kullback--Leibler` shows `Kullback–Leibler`,
 * `50\%` shows `50%`, `\textbf` shows nothing), so the filter finds what the reader sees. Kept per record: the
 * filter runs on every keystroke over the whole day.
 */
function haystack(r: SiteRecord): string {
  let text = haystacks.get(r);
  if (text === undefined) {
    const s = r.summary;
    const fields = [r.title, r.authors.join(', '), r.abstract, r.comment ?? '', ...(s ? Object.values(s) : [])];
    text = matchable(fields.map(latexPlain).join(' \n '));
    haystacks.set(r, text);
  }
  return text;
}

function keep(r: SiteRecord, p: DayParams, words: string[]): boolean {
  if (p.cat && r.section !== p.cat) return false;
  if (p.type && r.announce_type !== p.type) return false;
  if (p.unread && isRead(r.id)) return false;
  if (p.favs && !isFavourite(r.id)) return false;
  if (words.length === 0) return true;
  const text = haystack(r);
  return words.every((w) => text.includes(w));
}

function anyOf(...ms: (Matcher | null)[]): Matcher | null {
  const live = ms.filter((m): m is Matcher => m !== null);
  return live.length === 0 ? null : (t) => live.some((m) => m(t));
}

function forYou(day: SiteDay, byId: Map<string, SiteRecord>): HTMLElement | null {
  const items = (day.forYou ?? []).map((id) => byId.get(id)).filter((r): r is SiteRecord => r !== undefined);
  if (items.length === 0) return null;
  const li = (r: SiteRecord): HTMLElement =>
    h('li', {}, appendRich(h('a', { href: `#/day/${day.date}?id=${encodeURIComponent(r.id)}` }), r.title), r.relevance?.reasons.length ? h('span', { class: 'why' }, ` — ${r.relevance.reasons.join(' · ')}`) : null);
  return h('section', { class: 'for-you', 'aria-labelledby': 'for-you-h' }, h('h2', { id: 'for-you-h' }, 'For you'), h('ol', {}, ...items.map(li)));
}

function select(name: string, label: string, options: [string, string][], value: string): HTMLLabelElement {
  const s = h('select', { name }, ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  return h('label', {}, `${label} `, s);
}

function filterForm(day: SiteDay, p: DayParams): HTMLFormElement {
  const cats: [string, string][] = [['', 'All categories'], ...day.sections.map((s): [string, string] => [s.category, `${s.category} (${s.count})`])];
  const types: [string, string][] = [['', 'All types'], ['new', 'new'], ['cross', 'cross'], ['replace', 'replace'], ['replace-cross', 'replace-cross']];
  return h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter this day' },
    select('cat', 'Category', cats, p.cat),
    select('type', 'Type', types, p.type),
    h('label', {}, 'Keyword ', h('input', { type: 'text', name: 'kw', value: p.kw, placeholder: 'in title, authors, abstract, summary' })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'unread', checked: p.unread }), ' Unread'),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'favs', checked: p.favs }), ' Favourites'),
  );
}

function readForm(form: HTMLFormElement, p: DayParams): DayParams {
  const d = new FormData(form);
  return { ...p, cat: String(d.get('cat') ?? ''), type: String(d.get('type') ?? ''), kw: String(d.get('kw') ?? ''), unread: d.has('unread'), favs: d.has('favs'), id: null };
}

/** Cards drawn before the first paint; the rest follow in batches, so a 200-paper day shows at once. */
const FIRST_BATCH = 16;
const BATCH = 48;
let drawing = 0;

/** Draw the sections and their cards; resolves with the number shown once every card is in the page. */
function renderSections(list: HTMLElement, day: SiteDay, p: DayParams): { shown: number; done: Promise<void> } {
  clear(list);
  const generation = ++drawing;
  const words = keywords(p.kw);
  const matcher = anyOf(keywordMatcher(words), p.q || p.hl.length ? searchMatcher(p.q, p.hl) : null);
  const queue: [HTMLElement, SiteRecord][] = [];
  for (const section of day.sections) {
    if (p.cat && section.category !== p.cat) continue;
    const records = day.records.filter((r) => r.section === section.category && keep(r, p, words));
    const title = `${section.category}${section.name ? ` — ${section.name}` : ''}`;
    const empty = section.count === 0 ? 'No papers today.' : records.length === 0 ? 'No papers match the filters.' : null;
    const sid = `sec-${section.category.replace(/[^A-Za-z0-9.-]/g, '_')}`;
    const el = h('section', { class: 'section', id: sid }, h('h2', {}, title, h('span', { class: 'count' }, ` ${records.length}/${section.count}`)), empty && h('p', { class: 'empty' }, empty));
    list.appendChild(el);
    for (const r of records) queue.push([el, r]);
  }
  const shown = queue.length;
  const done = new Promise<void>((resolve) => {
    const pump = (n: number): void => {
      if (generation !== drawing || !list.isConnected) return resolve();
      for (const [el, r] of queue.splice(0, n)) el.appendChild(renderCard(r, matcher));
      if (queue.length > 0) setTimeout(() => pump(BATCH), 0);
      else resolve();
    };
    pump(FIRST_BATCH);
  });
  return { shown, done };
}

/** A day known to lack papers says so before any card, as the Markdown and the email do. */
function incompleteNote(day: SiteDay): HTMLElement | null {
  if (!day.incomplete?.length) return null;
  const items = day.incomplete.map((m) => h('li', {}, m));
  return h('div', { class: 'incomplete', role: 'note' }, h('p', {}, h('strong', {}, 'Incomplete day:'), ' this digest lacks papers arXiv announced.'), h('ul', {}, ...items));
}

/** Draw a day; resolves once all its cards are in the page (and the card asked for is open). */
export function renderDay(main: HTMLElement, day: SiteDay, p: DayParams, setParams: (p: DayParams) => void): Promise<void> {
  clear(main);
  const byId = new Map(day.records.map((r) => [r.id, r]));
  const count = h('span', { class: 'count' });
  const note = day.reconstructed ? h('p', { class: 'note' }, 'Rebuilt from submission dates (the feed for this day was not available).') : null;
  const form = filterForm(day, p);
  const list = h('div', { class: 'sections' });
  append(main, h('h1', {}, `Papers announced ${longDate(day.date)} `, count), note, incompleteNote(day), forYou(day, byId), form, list);
  let current = p;
  const draw = (): Promise<void> => {
    const { shown, done } = renderSections(list, day, current);
    count.textContent = `(${shown} of ${day.records.length})`;
    return done;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onChange = (): void => {
    current = readForm(form, current);
    setParams(current);
    void draw();
  };
  form.addEventListener('change', onChange);
  // Typing is debounced; a select also fires `input` before its `change`, which would draw the day twice.
  form.addEventListener('input', (e) => {
    if (e.target instanceof HTMLSelectElement) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, 120);
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  return draw().then(() => {
    if (p.id) openCard(p.id);
  });
}

export function openCard(id: string): void {
  const card = document.getElementById(cardId(id));
  if (!card) return;
  toggleCard(card, true);
  card.scrollIntoView({ block: 'start' });
  card.focus({ preventScroll: true });
}
