/**
 * One paper's card: title, authors, labels, TL;DR and the ranking's reasons up front; the other four summary
 * fields, the abstract and the remaining metadata on expand (built on first expand: most cards are never opened).
 */
import { latexPlain } from '../../latex-text.js';
import { saysNotStated } from '../../not-stated.js';
import type { SiteRecord } from '../types.js';
import { append, h, link } from './dom.js';
import type { Matcher } from './highlight.js';
import { isFavourite, isRead, setRead, toggleFavourite } from './prefs.js';
import { appendMarked, appendRich } from './rich.js';
import { textLang } from '../../text-lang.js';
import type { TextLang } from '../../text-lang.js';

const MAX_AUTHORS = 12;
const FAV_LABELS: [string, string] = ['☆ Favourite', '★ Favourite'];
const READ_LABELS: [string, string] = ['Mark read', 'Read ✓'];

export function cardId(id: string): string {
  return `p-${id.replace(/[^A-Za-z0-9.-]/g, '_')}`;
}

function statusLabel(r: SiteRecord): HTMLElement | null {
  const m = r.summary_meta;
  if (m.status === 'fallback') return h('p', { class: 'status-label fallback' }, `Built-in summary: the LLM failed${m.reason ? ` (${m.reason})` : ''}`);
  if (m.status === 'failed' || !r.summary) return h('p', { class: 'status-label failed' }, `Summary unavailable${m.reason ? ` (${m.reason})` : ''}`);
  return null;
}

function metaLine(r: SiteRecord): HTMLElement {
  return h(
    'p',
    { class: 'meta' },
    h('span', { class: 'pid' }, `${r.id}v${r.version}`),
    h('span', { class: 'cat' }, r.primary_category),
    h('span', { class: `type type-${r.announce_type}` }, r.announce_type),
    r.cross_list && h('span', { class: 'label' }, `cross-listed from ${r.primary_category}`),
    r.first_seen && h('span', { class: 'label' }, `first listed ${r.first_seen}`),
    r.relevance?.in_library && h('span', { class: 'label' }, 'in your library'),
  );
}

function authorsLine(r: SiteRecord, m: Matcher | null): HTMLElement {
  const shown = r.authors.length > MAX_AUTHORS ? [...r.authors.slice(0, MAX_AUTHORS - 1), `… ${r.authors.length - MAX_AUTHORS + 1} more`] : r.authors;
  return appendMarked(h('p', { class: 'authors' }), shown.map(latexPlain).join(', '), m);
}

/** A field under its (English) label; a summary's text carries the summary's language and direction. */
function field(label: string, text: string | null, m: Matcher | null, cls = '', lang: TextLang | null = null): HTMLElement | null {
  if (!text) return null;
  return h('div', { class: `field ${cls}`.trim() }, h('h4', {}, label), appendRich(h('p', { ...lang }), text, m));
}

/** A summary field; an honest gap is shown, but muted, so the eye skips to the fields that say something. */
function summaryField(label: string, text: string, m: Matcher | null, lang: TextLang): HTMLElement | null {
  return field(label, text, m, saysNotStated(text) ? 'not-stated' : '', lang);
}

function details(r: SiteRecord, m: Matcher | null): HTMLElement {
  const s = r.summary;
  const meta = r.summary_meta;
  const box = h('div', { class: 'details' });
  const lang = textLang(meta.language);
  if (s) append(box, summaryField('Motivation', s.motivation, m, lang), summaryField('Method', s.method, m, lang), summaryField('Result', s.result, m, lang), summaryField('Conclusion', s.conclusion, m, lang));
  append(box, field('Abstract', r.abstract, m, 'abstract'), field('Comment', r.comment, m), field('Journal reference', r.journal_ref, m));
  if (r.doi) append(box, h('p', { class: 'small' }, 'DOI: ', link(`https://doi.org/${encodeURI(r.doi)}`, r.doi) ?? r.doi));
  const who = meta.summarizer ? `${meta.summarizer === 'llm' ? 'LLM' : 'built-in'} summary${meta.model ? ` by ${meta.model}` : ''}${meta.language ? ` (${meta.language})` : ''}` : null;
  if (who) append(box, h('p', { class: 'small' }, who));
  return box;
}

function linksRow(r: SiteRecord): HTMLElement {
  return h('span', { class: 'links' }, link(r.links.abs, 'abs'), link(r.links.pdf, 'pdf'), link(r.links.html, 'html'), link(r.links.code, 'code'));
}

function markRead(card: HTMLElement, id: string): void {
  setRead(id, true);
  card.classList.add('read');
  setPressed(card.querySelector('button.read-toggle'), true, READ_LABELS);
}

export function toggleCard(card: HTMLElement, open?: boolean): void {
  const button = card.querySelector<HTMLButtonElement>('button.expand');
  button?.dispatchEvent(new CustomEvent('toggle-card', { detail: open }));
}

function expandButton(card: HTMLElement, r: SiteRecord, m: Matcher | null): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'expand', 'aria-expanded': 'false' }, 'Details');
  let box: HTMLElement | null = null;
  const toggle = (open: boolean): void => {
    if (open && !box) card.appendChild((box = details(r, m)));
    if (box) box.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Less' : 'Details';
    if (open) markRead(card, r.id);
  };
  button.addEventListener('click', () => toggle(button.getAttribute('aria-expanded') !== 'true'));
  button.addEventListener('toggle-card', (e) => toggle((e as CustomEvent<boolean | undefined>).detail ?? button.getAttribute('aria-expanded') !== 'true'));
  // For printing: the details exist (the print stylesheet shows them) but the card stays closed and unread.
  button.addEventListener('print-card', () => {
    if (!box) card.appendChild((box = details(r, m))).hidden = true;
  });
  return button;
}

function setPressed(b: Element | null, pressed: boolean, labels: [string, string]): void {
  b?.setAttribute('aria-pressed', String(pressed));
  if (b) b.textContent = labels[pressed ? 1 : 0];
}

function pressButton(cls: string, pressed: boolean, labels: [string, string], onClick: () => boolean): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls }, '');
  setPressed(b, pressed, labels);
  b.addEventListener('click', () => setPressed(b, onClick(), labels));
  return b;
}

/** Bring the cards' favourite and read marks in line with the stored state (changed in another tab, say). */
export function syncCards(root: ParentNode): void {
  for (const card of root.querySelectorAll<HTMLElement>('.card[data-id]')) {
    const id = card.dataset.id ?? '';
    setPressed(card.querySelector('button.fav'), isFavourite(id), FAV_LABELS);
    setPressed(card.querySelector('button.read-toggle'), isRead(id), READ_LABELS);
    card.classList.toggle('read', isRead(id));
  }
}

export function renderCard(r: SiteRecord, m: Matcher | null = null): HTMLElement {
  const card = h('article', { class: 'card', id: cardId(r.id), 'data-id': r.id, tabindex: '-1' });
  if (isRead(r.id)) card.classList.add('read');
  const title = appendRich(h('h3', { class: 'title' }), r.title, m);
  const fav = pressButton('fav', isFavourite(r.id), FAV_LABELS, () => toggleFavourite(r));
  const read = pressButton('read-toggle', isRead(r.id), READ_LABELS, () => {
    setRead(r.id, !isRead(r.id));
    card.classList.toggle('read', isRead(r.id));
    return isRead(r.id);
  });
  const tldr = r.summary ? h('p', { class: 'tldr' }, h('strong', {}, 'TL;DR '), appendRich(h('span', { ...textLang(r.summary_meta.language) }), r.summary.tldr, m)) : null;
  const reasons = r.relevance && r.relevance.reasons.length > 0 ? h('ul', { class: 'reasons', 'aria-label': 'Why this paper' }, ...r.relevance.reasons.map((x) => h('li', {}, x))) : null;
  append(card, title, authorsLine(r, m), metaLine(r), statusLabel(r), tldr, reasons);
  append(card, h('div', { class: 'actions' }, expandButton(card, r, m), fav, read, linksRow(r)));
  return card;
}

/** Before printing, build every card's details: a printed day shows each paper whole (styles.css, @media print). */
export function installPrint(): void {
  const prepare = (): void => document.querySelectorAll('#main .card button.expand').forEach((b) => b.dispatchEvent(new CustomEvent('print-card')));
  window.addEventListener('beforeprint', prepare);
  matchMedia('print').addEventListener('change', (e) => e.matches && prepare());
}
