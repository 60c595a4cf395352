import { describe, expect, it } from 'vitest';
import { fakeIds, listingPage, rssFeed } from '../../test/sources/builders.js';
import type { FakePaper } from '../../test/sources/builders.js';
import { SourceError } from '../errors.js';
import { crossCheck, inCategory, isPreviousBatch } from './cross-check.js';
import { parseListing } from './listing.js';
import { parseFeed } from './rss.js';

const PUB = 'Thu, 29 Jan 2026 00:00:00 -0500';
const DAY = 'Thursday, 29 January 2026';
const lg = (id: string, extra: Partial<FakePaper> = {}): FakePaper => ({ id, categories: ['cs.LG'], ...extra });
const wanted = new Set(['cs.LG']);

describe('crossCheck', () => {
  it('accepts a feed that matches the listing without problems', () => {
    const papers = fakeIds(3).map((id) => lg(id));
    const batch = parseFeed(rssFeed(['cs.LG'], PUB, papers));
    const result = crossCheck(batch, 'cs.LG', parseListing(listingPage(DAY, papers, [])), wanted);
    expect(result).toEqual({ problems: [], added: [], unversioned: [], checked: true });
  });

  it('fills papers the listing shows and a feed below the cap lacks, and names the feed\'s extra ones', () => {
    const [a, b, c] = fakeIds(3).map((id) => lg(id));
    const batch = parseFeed(rssFeed(['cs.LG'], PUB, [a!, b!]));
    const result = crossCheck(batch, 'cs.LG', parseListing(listingPage(DAY, [a!, c!], [])), wanted);
    expect(result.added.map((x) => [x.paper.id, x.announceType])).toEqual([[c!.id, 'new']]);
    expect(result.problems).toEqual([
      {
        stage: 'fetch',
        code: 'filled-from-listing',
        message: `cs.LG: the listing shows 2 new and cross-listed papers, the feed 2: added the 1 missing from the feed from the listing (${c!.id})`,
      },
      { stage: 'fetch', code: 'count-mismatch', message: `cs.LG: the listing counts 2 new + 0 cross-listed papers, the feed has 2; not on the listing: ${b!.id}` },
    ]);
  });

  it('says a day is incomplete when the listing counts papers it does not show and the feed lacks', () => {
    const papers = fakeIds(3).map((id) => lg(id));
    const batch = parseFeed(rssFeed(['cs.LG'], PUB, papers));
    const page = listingPage(DAY, papers, []).replace('showing 3 of 3 entries', 'showing 3 of 8 entries');
    const result = crossCheck(batch, 'cs.LG', parseListing(page), wanted);
    expect(result.added).toEqual([]);
    expect(result.problems).toEqual([
      { stage: 'fetch', code: 'incomplete', category: 'cs.LG', message: 'cs.LG: the listing counts 8 new and cross-listed papers, 5 of them in neither the feed nor the entries the listing page shows' },
    ]);
  });

  it('throws E_STALE when the feed and a same-day or newer listing share no paper', () => {
    const batch = parseFeed(rssFeed(['cs.LG'], PUB, fakeIds(2).map((id) => lg(id))));
    const listing = parseListing(listingPage('Friday, 30 January 2026', fakeIds(2, 20000).map((id) => lg(id)), []));
    let err: unknown;
    try {
      crossCheck(batch, 'cs.LG', listing, wanted);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('E_STALE');
    expect((err as Error).message).toBe(
      '[fetch] feed still serves the 2026-01-29 batch (none of its 2 cs.LG papers is on the 2026-01-30 listing); try again later',
    );
  });

  it('treats an older disjoint listing as the stale side: a Problem, not an error', () => {
    const batch = parseFeed(rssFeed(['cs.LG'], PUB, fakeIds(2).map((id) => lg(id))));
    const listing = parseListing(listingPage('Wednesday, 28 January 2026', fakeIds(2, 20000).map((id) => lg(id)), []));
    expect(crossCheck(batch, 'cs.LG', listing, wanted).problems.map((p) => p.code)).toEqual(['listing-stale']);
    expect(crossCheck(batch, 'cs.LG', listing, wanted).checked).toBe(false);
  });

  it('fills a truncated feed from the listing, as new or cross by primary', () => {
    const ids = fakeIds(2003);
    const papers = ids.map((id, i) => lg(id, i === 1 ? { categories: ['math.OC', 'cs.LG'] } : {}));
    // arXiv cuts the lowest-id new papers when a query passes 2000 items.
    const batch = parseFeed(rssFeed(['cs.LG'], PUB, papers.slice(3)));
    const result = crossCheck(batch, 'cs.LG', parseListing(listingPage(DAY, papers, [])), wanted);
    expect(result.added.map((a) => [a.paper.id, a.announceType])).toEqual([
      [ids[0], 'new'],
      [ids[1], 'cross'],
      [ids[2], 'new'],
    ]);
    expect(result.added[0]!.paper.primaryConfirmed).toBe(true);
    expect(result.unversioned).toEqual([]);
    expect(result.problems.map((p) => p.code)).toEqual(['filled-from-listing']);
  });

  it('fills a truncated archive feed (cs) with a cs primary as new, not cross', () => {
    const ids = fakeIds(2002);
    const papers = ids.map((id, i) => lg(id, i === 0 ? { categories: ['cs.CV'] } : i === 1 ? { categories: ['math.OC', 'cs.CV'] } : {}));
    const batch = parseFeed(rssFeed(['cs'], PUB, papers.slice(2)));
    const result = crossCheck(batch, 'cs', parseListing(listingPage(DAY, papers, [])), new Set(['cs']));
    expect(result.added.map((a) => [a.paper.id, a.announceType])).toEqual([
      [ids[0], 'new'],
      [ids[1], 'cross'],
    ]);
  });

  it('ignores replacements on both sides and reports an empty listing', () => {
    const batch = parseFeed(rssFeed(['cs.LG'], PUB, [lg('2601.00001'), lg('2501.00001', { type: 'replace' })]));
    const result = crossCheck(batch, 'cs.LG', parseListing(listingPage(DAY, [], [])), wanted);
    expect(result.problems.map((p) => p.code)).toEqual(['listing-empty']);
  });
});

describe('isPreviousBatch', () => {
  const batch = parseFeed(rssFeed(['cs.LG'], PUB, [lg('2601.00001'), lg('2601.00002'), lg('2501.00001', { type: 'cross' })]));

  it('recognises a feed whose new papers were all announced before', () => {
    expect(isPreviousBatch(batch, { ids: ['2601.00001', '2601.00002'] })).toBe(true);
  });

  it('does not flag a feed with at least one unseen new paper', () => {
    expect(isPreviousBatch(batch, { ids: ['2601.00001', '2501.00001'] })).toBe(false);
    expect(isPreviousBatch(batch, { ids: [] })).toBe(false);
  });
});

describe('inCategory', () => {
  it('matches a category exactly and an archive by prefix', () => {
    expect(inCategory(['cs.LG', 'stat.ML'], 'stat.ML')).toBe(true);
    expect(inCategory(['cs.LG'], 'cs')).toBe(true);
    expect(inCategory(['cs.LGX'], 'cs.LG')).toBe(false);
  });
});
