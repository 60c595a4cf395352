/**
 * Deep links to a paper (`?id=`, `#ID`) whose day does not list it: find a day of the site that does, from the
 * months' paper lists (loading the search shards of the periods whose papers' ids name the paper's month: a
 * replacement or cross-list of an old paper is listed months after its id's), and say so when there is none.
 */
import type { Manifest, ManifestPeriod } from '../types.js';
import { idMonth } from '../types.js';
import { listedDay, loadShard } from './data.js';
import { h } from './dom.js';
import { longDate } from './route.js';

/**
 * The periods that may list paper `id`: those holding a paper whose id names the same month. Oldest first, as
 * most papers are listed in their id's month or the next, and none before it.
 */
export function periodsFor(manifest: Manifest, id: string): ManifestPeriod[] {
  const month = idMonth(id);
  return manifest.periods.filter((p) => month !== null && p.paperMonths.includes(month)).sort((a, b) => a.id.localeCompare(b.id));
}

/** A day of the site listing paper `id`, or null when no period that may list it does. */
export async function findPaperDay(manifest: Manifest, id: string): Promise<string | null> {
  for (const period of periodsFor(manifest, id)) {
    if (listedDay(id)) break;
    await loadShard(period).catch(() => undefined);
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
