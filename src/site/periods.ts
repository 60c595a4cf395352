/**
 * The site build one search period (a month) at a time: the days arrive oldest first, each day's file is written
 * as it arrives, a period's search shard once its last day has, and then only the manifest entries are kept.
 * So a build holds one month of days however long the archive is (250 days held at once took 2 GB).
 */
import path from 'node:path';
import type { Digest } from '../types.js';
import { exists } from './assets.js';
import { toSiteDay } from './day-data.js';
import { hashOf, readDay, renderError, writeAtomic } from './files.js';
import { buildShard } from './search-index.js';
import { dayFile, idMonth, periodFile, periodOf } from './types.js';
import type { ManifestDay, ManifestPeriod, SiteDay } from './types.js';

/** The days of a site: a list in any order, or a stream (loaded lazily) that must come oldest first. */
export type DaySource = Iterable<Digest> | AsyncIterable<Digest>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A given day once its file is written: the shard needs the day, the manifest its entry. */
export interface WrittenDay {
  day: SiteDay;
  entry: ManifestDay;
  /** False when the file already held this content. */
  written: boolean;
}

export interface BuildContext {
  root: string;
  incremental: boolean;
  /** Days of the folder's previous manifest: an unchanged day is not rewritten, incremental or not. */
  previousDays: ReadonlyMap<string, ManifestDay>;
  /** Shards of the previous manifest that may be reused (only when incremental). */
  previousPeriods: ReadonlyMap<string, ManifestPeriod>;
}

export interface PeriodResult {
  days: ManifestDay[];
  written: string[];
  period: ManifestPeriod;
  /** Whether the shard was (re)built. */
  indexed: boolean;
}

function checkDate(date: string): void {
  if (typeof date !== 'string' || !DATE.test(date)) throw renderError(`not an announcement date: ${JSON.stringify(date)}`);
}

/** A list is checked whole before anything is written, then sorted; a stream is checked as it comes. */
function sortedList(days: Iterable<Digest>): Digest[] {
  const list = [...days];
  for (const digest of list) checkDate(digest.date);
  return list.sort((a, b) => a.date.localeCompare(b.date));
}

/** The days oldest first, each date once. */
async function* ordered(days: DaySource): AsyncGenerator<Digest> {
  const source = Symbol.asyncIterator in days ? days : sortedList(days);
  let last = '';
  for await (const digest of source) {
    checkDate(digest.date);
    if (digest.date === last) throw renderError(`day ${digest.date} is given twice`);
    if (digest.date < last) throw renderError(`days must come oldest first: ${digest.date} came after ${last}`);
    last = digest.date;
    yield digest;
  }
}

function toEntry(day: SiteDay, json: string): ManifestDay {
  const categories = day.sections.map((s) => s.category);
  return { date: day.date, period: periodOf(day.date), papers: day.records.length, categories, hash: hashOf(json), bytes: Buffer.byteLength(json) };
}

/** Write the day's file unless the same content is already there; true when written. */
async function writeDay(ctx: BuildContext, entry: ManifestDay, json: string): Promise<boolean> {
  const file = path.join(ctx.root, dayFile(entry.date));
  if (ctx.previousDays.get(entry.date)?.hash === entry.hash && (await exists(file))) return false;
  await writeAtomic(file, json);
  return true;
}

/** Each day's file written as the day arrives; only what the period's shard and the manifest need goes on. */
async function* writeDays(ctx: BuildContext, days: DaySource): AsyncGenerator<WrittenDay> {
  for await (const digest of ordered(days)) {
    const day = toSiteDay(digest);
    const json = JSON.stringify(day);
    const entry = toEntry(day, json);
    yield { day, entry, written: await writeDay(ctx, entry, json) };
  }
}

/** The written days grouped by period; the next period's first day is asked for only once a period is done. */
export async function* byPeriod(ctx: BuildContext, days: DaySource): AsyncGenerator<[string, WrittenDay[]]> {
  let id = '';
  let group: WrittenDay[] = [];
  for await (const written of writeDays(ctx, days)) {
    if (group.length > 0 && written.entry.period !== id) {
      yield [id, group];
      group = [];
    }
    id = written.entry.period;
    group.push(written);
  }
  if (group.length > 0) yield [id, group];
}

/** The period's shard: the previous one when nothing in it changed, else built from its days (given or on disk). */
async function shard(ctx: BuildContext, id: string, days: readonly ManifestDay[], given: ReadonlyMap<string, SiteDay>, changed: boolean): Promise<[ManifestPeriod, boolean]> {
  const kept = ctx.previousPeriods.get(id);
  // A manifest written before periods named their papers' months is rebuilt to get them.
  const complete = Array.isArray(kept?.paperMonths as unknown);
  if (kept && complete && !changed && (await exists(path.join(ctx.root, kept.file)))) return [kept, false];
  const siteDays = await Promise.all(days.map((d) => given.get(d.date) ?? readDay(ctx.root, d.date)));
  const built = buildShard(siteDays);
  await writeAtomic(path.join(ctx.root, periodFile(id)), built.json);
  const paperMonths = [...new Set(siteDays.flatMap((d) => d.records.flatMap((r) => idMonth(r.id) ?? [])))].sort();
  return [{ id, file: periodFile(id), docs: built.docs, hash: hashOf(built.json), bytes: Buffer.byteLength(built.json), paperMonths }, true];
}

/**
 * One period's shard, when needed, over its given days (already written) and, in an incremental build, its
 * other days from the previous manifest (read back from disk).
 */
export async function writePeriod(ctx: BuildContext, id: string, given: readonly WrittenDay[]): Promise<PeriodResult> {
  const dates = new Set(given.map((g) => g.entry.date));
  const kept = ctx.incremental ? [...ctx.previousDays.values()].filter((d) => d.period === id && !dates.has(d.date)) : [];
  const days = [...kept, ...given.map((g) => g.entry)].sort((a, b) => a.date.localeCompare(b.date));
  const written = given.filter((g) => g.written).map((g) => g.entry.date);
  const [period, indexed] = await shard(ctx, id, days, new Map(given.map((g) => [g.entry.date, g.day])), written.length > 0);
  return { days, written, period, indexed };
}
