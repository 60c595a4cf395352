/**
 * The announce types a stored day is shown with (render, site, send, the other days of a fresh reader). A day
 * is stored with the types its run fetched (replacements only when asked for), so showing it with the default
 * types would silently drop what its run listed. Types asked for (flag, environment, config file) win; else
 * those the day's latest `run` used, as its run report recorded them; else every type for a day imported
 * from digest JSONL (it holds just what its run listed); else (a day only fetched, or run longer ago than the
 * reports are read) the default.
 */
import type { Store } from './store/types.js';
import { ANNOUNCE_TYPES } from './types.js';
import type { AnnounceType, RunReport } from './types.js';

/** How far back the run reports are read: a daily cron keeps years of runs within this. */
export const RECENT_RUNS = 2000;

/** The types to show the stored day `date` with. */
export type DayAnnounceTypes = (date: string) => Promise<AnnounceType[]>;

export interface AnnounceTypesChoice {
  /** The configured types: those asked for, or the default. */
  announceTypes: AnnounceType[];
  /** Asked for (not the default): they overrule what the runs recorded. */
  announceTypesSet: boolean;
}

/** The run reports are read once, on the first day asked about (a site build asks for every day). */
export function dayAnnounceTypes(store: Store, choice: AnnounceTypesChoice): DayAnnounceTypes {
  if (choice.announceTypesSet) return () => Promise.resolve([...choice.announceTypes]);
  let recorded: Promise<Map<string, AnnounceType[]>> | undefined;
  return async (date) => {
    recorded ??= store.listRuns(RECENT_RUNS).then(recordedAnnounceTypes);
    const types = (await recorded).get(date);
    if (types) return types;
    // A day imported from digest JSONL holds only the papers its run listed, so all of them are shown.
    return (await store.getDay(date))?.source === 'jsonl' ? [...ANNOUNCE_TYPES] : [...choice.announceTypes];
  };
}

/** Each day's types from its latest `run` that assembled a digest of it; `runs` newest first, as listRuns gives them. */
export function recordedAnnounceTypes(runs: readonly RunReport[]): Map<string, AnnounceType[]> {
  const byDay = new Map<string, AnnounceType[]>();
  for (const run of runs) {
    if (run.command !== 'run' || !run.date || byDay.has(run.date)) continue;
    const types = typesOf(run);
    if (types) byDay.set(run.date, types);
  }
  return byDay;
}

function typesOf(run: RunReport): AnnounceType[] | null {
  const known = (types: readonly string[]) => types.filter((t): t is AnnounceType => (ANNOUNCE_TYPES as readonly string[]).includes(t));
  if (run.announceTypes) return known(run.announceTypes);
  // Reports from before `announceTypes` was kept: the types of the papers the run listed. An asked type it
  // listed nothing of had nothing stored for the day either, so showing the day with these lists the same.
  const listed = Object.entries(run.counts?.byAnnounceType ?? {}).filter(([, n]) => (n ?? 0) > 0);
  return listed.length > 0 ? known(listed.map(([t]) => t)) : null;
}
