/**
 * Favourites across all days, from what was saved with them (no day file needed), with links back to each
 * paper's day and the export buttons.
 */
import { latexPlain } from '../../latex-text.js';
import { append, clear, h, link } from './dom.js';
import { favourites, isPersistent, removeFavourite } from './prefs.js';
import { appendRich } from './rich.js';
import type { FavouriteRef } from './state.js';

function item(f: FavouriteRef, redraw: () => void): HTMLElement {
  const remove = h('button', { type: 'button', class: 'fav', 'aria-pressed': 'true' }, '★ Remove');
  remove.addEventListener('click', () => (removeFavourite(f.id), redraw()));
  const day = f.date ? h('a', { href: `#/day/${f.date}?id=${encodeURIComponent(f.id)}` }, f.date) : null;
  return h(
    'li',
    { class: 'result', 'data-id': f.id },
    appendRich(h('p', { class: 'title' }), f.title),
    h('p', { class: 'authors' }, f.authors.map(latexPlain).join(', ')),
    h('p', { class: 'meta' }, h('span', { class: 'pid' }, `${f.id}v${f.version}`), h('span', { class: 'cat' }, f.primary), day, link(`https://arxiv.org/abs/${f.id}`, 'abs')),
    remove,
  );
}

export function renderFavourites(main: HTMLElement): void {
  const redraw = (): void => renderFavourites(main);
  clear(main);
  const all = favourites();
  const note = isPersistent() ? null : h('p', { class: 'note' }, 'This browser does not let the page keep data: favourites last until the tab closes. Export them to keep them.');
  append(main, h('h1', {}, `Favourites (${all.length})`), note);
  if (all.length === 0) {
    append(main, h('p', { class: 'empty' }, 'No favourites yet: press ☆ on a paper (or f on a focused card).'));
    return;
  }
  append(main, h('ol', { class: 'results' }, ...all.map((f) => item(f, redraw))));
}
