/**
 * Server mode: when the reader is served by `preprint-digest serve` with a store, `api/search` searches every
 * stored paper, including days the site does not hold. On a static host the route is absent (404): asked once,
 * then never again in this page's life, so static readers make no extra requests.
 */
import { append, clear, h, safeHref } from './dom.js';
import { appendRich } from './rich.js';

export interface ArchiveHit {
  id: string;
  version: number;
  title: string;
  url: string;
}

let available: boolean | null = null;

/** Hits from the server's archive, or null when there is no server search (or it failed). */
export async function searchArchive(q: string, category: string): Promise<ArchiveHit[] | null> {
  if (available === false) return null;
  const params = new URLSearchParams({ q, limit: '20' });
  if (category) params.set('categories', category);
  try {
    const r = await fetch(`api/search?${params.toString()}`, { headers: { accept: 'application/json' } });
    if (r.status === 404) available = false;
    if (!r.ok || !(r.headers.get('content-type') ?? '').startsWith('application/json')) return null;
    available = true;
    const body = (await r.json()) as { hits?: unknown };
    return Array.isArray(body.hits) ? (body.hits as ArchiveHit[]) : null;
  } catch {
    return null;
  }
}

/** Fill `section` with the archive hits the site's own results lack (by versionless id). */
export function renderArchiveHits(section: HTMLElement, hits: readonly ArchiveHit[], shownIds: ReadonlySet<string>): void {
  clear(section);
  const extra = hits.filter((x) => !shownIds.has(x.id));
  if (extra.length === 0) return;
  const items = extra.map((x) => {
    const href = safeHref(x.url);
    const title = appendRich(href ? h('a', { class: 'title', href, rel: 'noopener noreferrer', target: '_blank' }) : h('span', { class: 'title' }), x.title);
    return h('li', { class: 'result' }, title, h('p', { class: 'meta' }, h('span', {}, `${x.id}v${x.version}`), h('span', {}, 'stored, not in this site')));
  });
  append(section, h('h2', {}, 'Also in the archive'), h('p', { class: 'small' }, 'Best matches among every stored paper (server search); they open on arXiv.'), h('ol', { class: 'results archive' }, ...items));
}
