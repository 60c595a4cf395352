/**
 * When an empty feed is a day without an announcement (exit 3), and when it is not. RSS serves only the current
 * batch, so an empty feed wrongly taken as a quiet day loses that day for good: a feed that names other
 * categories or is long out of date is an error, and one dated on a weekday is checked against the listings.
 */
import { SourceError } from '../errors.js';
import type { FeedBatch } from '../types.js';
import { noAnnouncement } from './rss.js';
import { etDate, weekday } from './schedule.js';

/** arXiv's longest pause (the winter break) is about a week; an empty feed older than this is not today's. */
const MAX_QUIET_AGE_DAYS = 14;

const NOT_QUIET = 'not taken as a day without an announcement';

/**
 * Judge an empty feed for `categories` (canonical): throws `NoAnnouncementError` on a weekend, `SourceError` when
 * it cannot be this day's; returns when it is a weekday the listings must confirm.
 */
export function judgeEmptyFeed(batch: FeedBatch, categories: readonly string[], now = new Date()): void {
  if (batch.categories.length > 0 && !categories.every((c) => batch.categories.includes(c))) {
    throw new SourceError('E_PARSE', `the empty feed asked for ${categories.join(', ')} names ${batch.categories.join(', ')} instead; ${NOT_QUIET}`);
  }
  const today = etDate(now) ?? batch.date;
  const age = Math.round((Date.parse(today) - Date.parse(batch.date)) / 86_400_000);
  if (age > MAX_QUIET_AGE_DAYS) {
    throw new SourceError('E_STALE', `the feed is empty and dated ${batch.date}, ${age} days ago; ${NOT_QUIET}, try again later`);
  }
  const day = weekday(batch.date);
  if (day === 0 || day === 6) throw noAnnouncement(batch.date, batch.categories);
}

/** After the listings were consulted about an empty weekday feed: still nothing means no announcement. */
export function confirmEmpty(batch: FeedBatch): void {
  if (batch.items.length > 0) return;
  const newer = batch.problems.find((p) => p.code === 'listing-newer');
  if (newer) throw new SourceError('E_STALE', `the feed is empty but the listing is not: ${newer.message}; try again later`);
  // Unconfirmed, a quiet weekday may be a lost one: a source failure (exit 4) asks cron to try again.
  const failed = batch.problems.find((p) => p.code === 'listing-failed');
  if (failed) throw new SourceError('E_FETCH', `the feed is empty on a weekday and the listing could not confirm a quiet day (${failed.message}); try again later`);
  throw noAnnouncement(batch.date, batch.categories);
}
