/**
 * arXiv's announcement calendar in America/New_York: the calendar date of a feed, and which submission
 * window the batch dated D covers (for rebuilding a missed day from the export API).
 *
 * Mapping (arxiv.md §2; D is the feed date = the day after the 20:00 ET announcement, which is the ET
 * midnight the feed is built at):
 *   D = Mon ← Sun 20:00 announcement ← submissions Thu 14:00 – Fri 14:00
 *   D = Tue ← Mon 20:00              ← Fri 14:00 – Mon 14:00
 *   D = Wed ← Tue 20:00              ← Mon 14:00 – Tue 14:00
 *   D = Thu ← Wed 20:00              ← Tue 14:00 – Wed 14:00
 *   D = Fri ← Thu 20:00              ← Wed 14:00 – Thu 14:00
 *   D = Sat, Sun: no announcement (none on Friday or Saturday evenings).
 * So the window ends at the 14:00 cutoff of the last weekday before D and starts at the cutoff of the weekday
 * before that. Holidays shift real mailings; this mapping ignores them (callers say so in a Problem).
 */

const ET = 'America/New_York';
const CUTOFF_HOUR = 14;

const etFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ET,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD` and minutes-since-midnight of an instant on the New York wall clock. */
function etParts(instant: Date): { date: string; minutes: number } {
  const p = Object.fromEntries(etFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** Calendar date in New York of a timestamp (RFC 2822 or ISO 8601); null when unparseable. */
export function etDate(timestamp: string | Date): string | null {
  const d = typeof timestamp === 'string' ? new Date(timestamp) : timestamp;
  return Number.isNaN(d.getTime()) ? null : etParts(d).date;
}

/** arXiv's first announcements went out in August 1991. */
const FIRST_YEAR = 1991;
/** The year a timestamp states: its first run of four or more digits (RFC 2822 `30 Jan 2026 …`, ISO `2026-01-30…`). */
const STATED_YEAR = /(?<!\d)[+-]?\d{4,}(?!\d)/;

/**
 * {@link etDate} of a feed's own timestamp, or null unless it states a year arXiv could (1991 to next year).
 * `Date` alone accepts what no feed of arXiv's says and the store then refuses (`+275760-09-13`, year 10000),
 * and it reads `01 Jan 0001` as 2001, so the year written in the text is checked as well as the instant's.
 */
export function feedDate(stamp: string, now: Date = new Date()): string | null {
  const last = now.getUTCFullYear() + 1;
  const stated = Number(STATED_YEAR.exec(stamp)?.[0]);
  const date = etDate(stamp);
  if (!date || !(stated >= FIRST_YEAR && stated <= last)) return null;
  // New York may still be on the last day of the year before (`Tue, 01 Jan 1991 02:00:00 +0000`).
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(date);
  return m && Math.abs(Number(m[1]) - stated) <= 1 && Number(m[1]) <= last ? date : null;
}

/** Day of week of a `YYYY-MM-DD` date, 0 = Sunday. */
export function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant at which New York's wall clock reads `date hour:00` (DST-aware). */
export function etWallTimeToUtc(date: string, hour: number): Date {
  const guess = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  // Try both offsets New York uses; the one that reads back as the wanted wall time wins.
  for (const offsetHours of [5, 4]) {
    const candidate = new Date(guess.getTime() + offsetHours * 3_600_000);
    const back = etParts(candidate);
    if (back.date === date && back.minutes === hour * 60) return candidate;
  }
  return new Date(guess.getTime() + 5 * 3_600_000);
}

export interface SubmissionWindow {
  /** Inclusive start (a 14:00 ET cutoff), UTC. */
  start: Date;
  /** Exclusive end (the next 14:00 ET cutoff), UTC. */
  end: Date;
}

/** Last weekday (Mon–Fri) strictly before `date`. */
function previousWeekday(date: string): string {
  let d = addDays(date, -1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

/**
 * Submission window that the batch dated `date` (feed date, ET) announces; null on Saturday and Sunday,
 * which have no batch.
 */
export function announcementWindow(date: string): SubmissionWindow | null {
  const dow = weekday(date);
  if (Number.isNaN(dow) || dow === 0 || dow === 6) return null;
  const endDay = previousWeekday(date);
  const startDay = previousWeekday(endDay);
  return { start: etWallTimeToUtc(startDay, CUTOFF_HOUR), end: etWallTimeToUtc(endDay, CUTOFF_HOUR) };
}

/** `YYYYMMDDHHMM` in UTC, the export API's `submittedDate` format. */
export function apiTimestamp(instant: Date): string {
  return instant.toISOString().slice(0, 16).replace(/[-T:]/g, '');
}
