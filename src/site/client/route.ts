/**
 * Which day a day route shows. `#/day/DATE` shows that day; the bare route (and `#/day/`, from a link naming only
 * a paper) shows the latest. Anything else — a day the site does not hold, a malformed route — shows the latest
 * too, but with a notice saying so: silently showing another day under the asked-for URL misleads. Pure, no DOM.
 */

export interface DayChoice {
  date: string;
  /** Why the day shown is not the one asked for; null when it is. */
  notice: string | null;
}

/** A route longer than this is cut in the notice (a link can carry anything). */
const SHOWN_ROUTE = 60;

export function longDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return d.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** `YYYY-MM-DD` naming a real calendar day (not 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The day for `path` (the hash without `#` and query) among the site's `dates`, oldest first; null without days. */
export function chooseDay(path: string, dates: readonly string[]): DayChoice | null {
  const latest = dates.at(-1);
  if (!latest) return null;
  if (path === '' || path === '/' || path === '/day' || path === '/day/') return { date: latest, notice: null };
  const asked = /^\/day\/(.+)$/.exec(path)?.[1];
  if (asked !== undefined && dates.includes(asked)) return { date: asked, notice: null };
  const instead = `showing the latest, ${longDate(latest)}.`;
  if (asked !== undefined && isCalendarDate(asked)) return { date: latest, notice: `No digest for ${longDate(asked)} (not announced or not built); ${instead}` };
  const shown = path.length > SHOWN_ROUTE ? `${path.slice(0, SHOWN_ROUTE)}…` : path;
  return { date: latest, notice: `No such page: #${shown}; ${instead}` };
}

/** A paper id as links carry it, without the version the cards show (`2601.21419v1` → `2601.21419`). */
export function versionless(id: string): string {
  return id.replace(/v\d+$/, '');
}
