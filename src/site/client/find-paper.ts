/**
 * Deep links to a paper (`?id=`, `#ID`) whose day does not list it: find a day of the site that does, from the
 * months' paper lists (loading the search shards of the months its id names), and say so when there is none.
 */
import type { Manifest } from '../types.js';
import { listedDay, loadShard } from './data.js';
import { h } from './dom.js';
import { idMonths, longDate } from './route.js';

/** A day of the site listing paper `id`, or null when the months it can be announced in do not list it. */
export async function findPaperDay(manifest: Manifest, id: string): Promise<string | null> {
  for (const month of idMonths(id)) {
    if (listedDay(id)) break;
    const period = manifest.periods.find((p) => p.id === month);
    if (period) await loadShard(period).catch(() => undefined);
  }
  return listedDay(id);
}

/** The notice over a day that does not list the paper a link asked for. */
export function paperNotice(id: string, shown: string, elsewhere: string | null): HTMLElement {
  const notice = h('p', { class: 'status missing', role: 'status' });
  if (!elsewhere) notice.append(`Paper ${id} is not in this site; showing ${longDate(shown)}.`);
  else notice.append(`Paper ${id} is not listed on ${longDate(shown)}; it is listed on `, h('a', { href: `#/day/${elsewhere}?id=${encodeURIComponent(id)}` }, longDate(elsewhere)), '.');
  return notice;
}
