import { describe, expect, it } from 'vitest';
import { announcementWindow, apiTimestamp, etDate, etWallTimeToUtc, feedDate } from './schedule.js';

const iso = (d: Date | undefined) => d?.toISOString();

describe('etDate', () => {
  it('gives the New York calendar date of feed timestamps', () => {
    expect(etDate('Fri, 30 Jan 2026 00:00:00 -0500')).toBe('2026-01-30');
    expect(etDate('Thu, 28 Nov 2024 14:47:20 +0000')).toBe('2024-11-28');
    // 03:30 UTC is still the previous evening in New York.
    expect(etDate('2026-01-30T03:30:00Z')).toBe('2026-01-29');
    expect(etDate('2026-07-15T03:30:00Z')).toBe('2026-07-14');
    expect(etDate('not a date')).toBeNull();
  });
});

describe('feedDate', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  it('gives the New York date of a stamp from 1991 to next year', () => {
    expect(feedDate('Fri, 30 Jan 2026 00:00:00 -0500', now)).toBe('2026-01-30');
    expect(feedDate('2026-01-30T03:30:00Z', now)).toBe('2026-01-29');
    expect(feedDate('Wed, 14 Aug 1991 00:00:00 -0400', now)).toBe('1991-08-14');
    expect(feedDate('Tue, 01 Jan 1991 02:00:00 +0000', now)).toBe('1990-12-31');
    expect(feedDate('Fri, 31 Dec 2027 00:00:00 -0500', now)).toBe('2027-12-31');
  });

  it('refuses years no feed of arXiv states, which Date alone accepts or misreads', () => {
    for (const stamp of [
      'Sat, 01 Jan 10000 00:00:00 -0500',
      '+275760-09-13T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      'Mon, 01 Jan 0001 00:00:00 +0000',
      'Mon, 01 Jan 01 00:00:00 +0000',
      'Tue, 01 Jan 1980 00:00:00 -0500',
      'Sat, 01 Jan 2028 00:00:00 -0500',
      'not a date',
    ]) {
      expect(feedDate(stamp, now), stamp).toBeNull();
    }
  });
});

describe('etWallTimeToUtc', () => {
  it('follows daylight saving time', () => {
    expect(iso(etWallTimeToUtc('2026-01-29', 14))).toBe('2026-01-29T19:00:00.000Z');
    expect(iso(etWallTimeToUtc('2026-07-14', 14))).toBe('2026-07-14T18:00:00.000Z');
    // 2026-03-08 is the spring-forward day; 14:00 is already EDT.
    expect(iso(etWallTimeToUtc('2026-03-08', 14))).toBe('2026-03-08T18:00:00.000Z');
  });
});

describe('announcementWindow', () => {
  // 2026-01-26 is a Monday.
  const w = (date: string) => {
    const win = announcementWindow(date);
    return win && [iso(win.start), iso(win.end)];
  };

  it('maps Monday to the Thursday–Friday submissions announced on Sunday evening', () => {
    expect(w('2026-01-26')).toEqual(['2026-01-22T19:00:00.000Z', '2026-01-23T19:00:00.000Z']);
  });

  it('maps Tuesday to the Friday–Monday submissions (the weekend window)', () => {
    expect(w('2026-01-27')).toEqual(['2026-01-23T19:00:00.000Z', '2026-01-26T19:00:00.000Z']);
  });

  it('maps Wednesday to Friday to the previous one-day window', () => {
    expect(w('2026-01-28')).toEqual(['2026-01-26T19:00:00.000Z', '2026-01-27T19:00:00.000Z']);
    expect(w('2026-01-29')).toEqual(['2026-01-27T19:00:00.000Z', '2026-01-28T19:00:00.000Z']);
    expect(w('2026-01-30')).toEqual(['2026-01-28T19:00:00.000Z', '2026-01-29T19:00:00.000Z']);
  });

  it('has no window on Saturday and Sunday', () => {
    expect(announcementWindow('2026-01-31')).toBeNull();
    expect(announcementWindow('2026-02-01')).toBeNull();
  });

  it('windows of consecutive batches tile the week without gaps or overlaps', () => {
    const days = ['2026-01-26', '2026-01-27', '2026-01-28', '2026-01-29', '2026-01-30', '2026-02-02'];
    const wins = days.map((d) => announcementWindow(d)!);
    for (let i = 1; i < wins.length; i++) expect(iso(wins[i]!.start)).toBe(iso(wins[i - 1]!.end));
  });

  it('formats API timestamps in UTC minutes', () => {
    expect(apiTimestamp(new Date('2026-01-28T19:00:00Z'))).toBe('202601281900');
  });
});
