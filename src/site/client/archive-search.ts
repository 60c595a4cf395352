/**
 * Server mode: when the reader is served by `preprint-digest serve` with a store, `api/search` searches every
 * stored paper, including days the site does not hold. On a static host the route is absent (404): asked once,
 * then never again in this page's life, so static readers make no extra requests. Asked once the typing pauses,
 * and a newer search cancels an older request, so a typed query is one request, not one per keystroke.
 */
import type { Manifest } from '../types.js';
import { isPeriodRead, listedDay } from './data.js';
import { append, clear, h, safeHref } from './dom.js';
import { periodsFor } from './find-paper.js';
import { appendRich } from './rich.js';

export interface ArchiveHit {
  id: string;
  version: number;
  title: string;
  url: string;
}

/** The archive's hits; 'too-long' for a query the API refuses (not sent); null without server search or on failure. */
export type ArchiveAnswer = ArchiveHit[] | 'too-long' | null;

/** The API's limit (src/site/api.ts). */
export const MAX_ARCHIVE_QUERY = 500;
const PAUSE_MS = 250;

let available: boolean | null = null;
let current: AbortController | null = null;

/** Drop the pending or running archive request (a newer search, or the search view left). */
export function cancelArchiveSearch(): void {
  current?.abort();
  current = null;
}

function pause(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, PAUSE_MS);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** Ask the server's archive, after a pause in the typing; a newer call cancels this one (it then resolves null). */
export async function searchArchive(q: string, category: string): Promise<ArchiveAnswer> {
  cancelArchiveSearch();
  if (available === false) return null;
  if (q.trim().length > MAX_ARCHIVE_QUERY) return available ? 'too-long' : null;
  const controller = (current = new AbortController());
  const params = new URLSearchParams({ q, limit: '20' });
  if (category) params.set('categories', category);
  try {
    await pause(controller.signal);
    const r = await fetch(`api/search?${params.toString()}`, { headers: { accept: 'application/json' }, signal: controller.signal });
    if (r.status === 404) available = false;
    if (!r.ok || !(r.headers.get('content-type') ?? '').startsWith('application/json')) return null;
    available = true;
    const body = (await r.json()) as { hits?: unknown };
    return Array.isArray(body.hits) ? (body.hits as ArchiveHit[]) : null;
  } catch {
    return null;
  }
}

/**
 * Where the site stands on a paper, from what the site holds (the months' paper lists read so far), not from
 * the hits this search showed: a type filter, a word matched by one engine and not the other, or an older month
 * not searched yet would otherwise call a paper of the site "not in this site".
 */
function whereInSite(manifest: Manifest, id: string): { date: string } | 'unsearched' | 'absent' {
  const date = listedDay(id);
  if (date) return { date };
  return periodsFor(manifest, id).some((p) => !isPeriodRead(p.id)) ? 'unsearched' : 'absent';
}

function label(manifest: Manifest, x: ArchiveHit): HTMLElement {
  const where = whereInSite(manifest, x.id);
  if (where === 'absent') return h('span', { class: 'where' }, 'stored, not in this site');
  if (where === 'unsearched') return h('span', { class: 'where' }, 'in a month of this site not searched yet');
  return h('span', { class: 'where' }, 'in this site, ', h('a', { href: `#/day/${where.date}?id=${encodeURIComponent(x.id)}` }, where.date));
}

/** Fill `section` with the archive hits the site's own results lack (by versionless id), each said where it is. */
export function renderArchiveHits(section: HTMLElement, manifest: Manifest, answer: ArchiveAnswer, shownIds: ReadonlySet<string>, typed: boolean): void {
  clear(section);
  if (answer === 'too-long') return void append(section, h('p', { class: 'small' }, `The archive search takes up to ${MAX_ARCHIVE_QUERY} characters; this query was not sent to it.`));
  const extra = (answer ?? []).filter((x) => !shownIds.has(x.id));
  if (extra.length === 0) return;
  const items = extra.map((x) => {
    const href = safeHref(x.url);
    const title = appendRich(href ? h('a', { class: 'title', href, rel: 'noopener noreferrer', target: '_blank' }) : h('span', { class: 'title' }), x.title);
    return h('li', { class: 'result' }, title, h('p', { class: 'meta' }, h('span', { class: 'pid' }, `${x.id}v${x.version}`), label(manifest, x)));
  });
  // The archive knows papers, not their listings: an announce-type filter cannot apply to it.
  const note = `Best matches among every stored paper (server search${typed ? ', any announce type' : ''}); titles open on arXiv.`;
  append(section, h('h2', {}, 'Also in the archive'), h('p', { class: 'small' }, note), h('ol', { class: 'results archive' }, ...items));
}
