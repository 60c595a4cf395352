// fetchDay end to end against local fake arXiv hosts (feed, listing, export API) on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodeFor, NoAnnouncementError, SourceError } from '../../src/errors.js';
import { createArxivClient } from '../../src/sources/http.js';
import { fetchDay } from '../../src/sources/index.js';
import type { FetchDayOptions } from '../../src/sources/index.js';
import { sharedFixture, startArxivServer } from '../helpers/arxiv-server.js';
import type { ArxivServer, Route, ScriptedResponse } from '../helpers/arxiv-server.js';
import { apiFeed, fakeIds, listingPage, rssFeed } from './builders.js';
import type { FakePaper } from './builders.js';

const PUB = 'Thu, 29 Jan 2026 00:00:00 -0500';
const DAY = 'Thursday, 29 January 2026';
let servers: ArxivServer[] = [];

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** Three hosts, like rss.arxiv.org, arxiv.org and export.arxiv.org. */
async function arxiv(rss: Record<string, Route>, list: Record<string, Route>, api: Record<string, Route>) {
  const [r, l, a] = await Promise.all([startArxivServer(rss), startArxivServer(list), startArxivServer(api)]);
  servers.push(r, l, a);
  const options = (extra: Partial<FetchDayOptions> = {}): FetchDayOptions => ({
    categories: ['cs.LG'],
    announceTypes: ['new', 'cross'],
    rssUrl: r.url,
    listUrl: l.url,
    apiUrl: a.url,
    minIntervalMs: 0,
    retries: 1,
    ...extra,
  });
  return { rss: r, list: l, api: a, options };
}

/** An export API that knows `papers` and answers `id_list` queries like arXiv (versioned ids, max_results). */
function apiKnowing(papers: FakePaper[]): Route {
  const byId = new Map(papers.map((p) => [p.id, p]));
  return (req): ScriptedResponse => {
    const ids = (req.query.id_list ?? '').split(',').map((s) => s.replace(/v\d+$/, ''));
    const found = ids.map((id) => byId.get(id)).filter((p): p is FakePaper => p !== undefined);
    return { body: apiFeed(found.slice(0, Number(req.query.max_results ?? 10))) };
  };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e as Error,
  );
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The latest past date with this weekday (0 = Sunday), within the last 7 days: as a feed pubDate and a listing date. */
function recent(weekdayWanted: number): { date: string; pub: string; listing: string } {
  const d = new Date(Date.now() - 86_400_000);
  while (d.getUTCDay() !== weekdayWanted) d.setUTCDate(d.getUTCDate() - 1);
  const date = d.toISOString().slice(0, 10);
  const pub = `${d.toUTCString().slice(0, 16)} 00:00:00 -0500`;
  const listing = `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return { date, pub, listing };
}

const lg = (id: string, extra: Partial<FakePaper> = {}): FakePaper => ({ id, categories: ['cs.LG'], ...extra });

describe('fetchDay against local arXiv hosts', () => {
  it('keeps >= 3 s between requests across all hosts (default interval, measured at the servers)', async () => {
    const papers = [lg('2601.00001', { comment: '9 pages' }), { id: '2601.00002', categories: ['stat.ML', 'cs.LG'] }];
    const replaced = lg('2501.00009', { type: 'replace', version: 2 });
    const h = await arxiv(
      { '/rss/cs.LG+stat.ML': { body: rssFeed(['cs.LG', 'stat.ML'], PUB, [...papers, replaced]) } },
      {
        '/list/cs.LG/new': { body: listingPage(DAY, [papers[0]!], [papers[1]!]) },
        '/list/stat.ML/new': { body: listingPage(DAY, [papers[1]!], []) },
      },
      { '/api/query': apiKnowing(papers) },
    );
    const client = createArxivClient({ contact: 'digest@example.org' });
    const batch = await fetchDay({ ...h.options({ categories: ['cs.LG', 'stat.ML'], minIntervalMs: undefined }), client });

    const all = [h.rss, h.list, h.api].flatMap((s) => s.requests).sort((a, b) => a.at - b.at);
    expect(all.map((r) => r.path)).toEqual(['/rss/cs.LG+stat.ML', '/list/cs.LG/new', '/list/stat.ML/new', '/api/query']);
    for (let i = 1; i < all.length; i++) expect(all[i]!.at - all[i - 1]!.at).toBeGreaterThanOrEqual(3000);
    expect(all.every((r) => r.headers['user-agent']?.endsWith('; mailto:digest@example.org)'))).toBe(true);
    // Types are filtered before enrichment: the replacement is neither kept nor looked up.
    expect(h.api.requests[0]!.query).toMatchObject({ id_list: '2601.00001v1,2601.00002v1', max_results: '2' });
    expect(batch.items.map((i) => [i.paper.id, i.announceType])).toEqual([['2601.00001', 'new'], ['2601.00002', 'new']]);
    expect(batch.items[0]!.paper).toMatchObject({ comment: '9 pages', primaryConfirmed: true, submitted: '2026-01-27T18:30:00Z' });
    expect(batch.problems).toEqual([]);
    expect(client.stats()).toEqual({
      total: 4,
      retries: 0,
      byHost: { [new URL(h.rss.url).host]: 1, [new URL(h.list.url).host]: 2, [new URL(h.api.url).host]: 1 },
    });
  }, 20_000);

  it('turns an error feed served with HTTP 400 into E_FEED_ERROR without retrying', async () => {
    const h = await arxiv({ '/rss/cs.LG': { status: 400, file: sharedFixture('rss-error-bad-archive-2024-11-28.xml') } }, {}, {});
    const err = await failure(fetchDay(h.options({ retries: 3 })));
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('E_FEED_ERROR');
    expect(err.message).toMatch(/Bad archive 'astroph'/);
    expect(h.rss.requests).toHaveLength(1);
    expect(h.list.requests).toHaveLength(0);
  });

  it('reports a 400 whose body is not an error feed as an HTTP failure', async () => {
    const h = await arxiv({ '/rss/cs.LG': { status: 400, body: '<html><body>Bad Request</body></html>' } }, {}, {});
    const err = await failure(fetchDay(h.options()));
    expect(err).toMatchObject({ code: 'E_FETCH', status: 400 });
    expect(err.message).toBe(`[fetch] HTTP 400 from ${h.rss.url}/rss/cs.LG`);
  });

  it('reports an empty feed on a weekend as no announcement (exit code 3) and asks nothing more', async () => {
    const h = await arxiv({ '/rss/cs.LG': { body: rssFeed(['cs.LG'], recent(6).pub, []) } }, {}, {});
    const err = await failure(fetchDay(h.options()));
    expect(err).toBeInstanceOf(NoAnnouncementError);
    expect(exitCodeFor(err)).toBe(3);
    expect(h.list.requests.length + h.api.requests.length).toBe(0);
  });

  it('asks the listing about an empty feed on a weekday: no announcement when it is quiet too', async () => {
    const day = recent(3);
    const h = await arxiv({ '/rss/cs.LG': { body: rssFeed(['cs.LG'], day.pub, []) } }, { '/list/cs.LG/new': { body: listingPage(day.listing, [], []) } }, {});
    const err = await failure(fetchDay(h.options()));
    expect(err).toBeInstanceOf(NoAnnouncementError);
    expect(h.list.requests).toHaveLength(1);
  });

  it('does not call an empty weekday quiet when the listing cannot be read: a source failure, to be tried again', async () => {
    const day = recent(3);
    const h = await arxiv({ '/rss/cs.LG': { body: rssFeed(['cs.LG'], day.pub, []) } }, { '/list/cs.LG/new': { status: 404, body: 'gone' } }, {});
    const err = await failure(fetchDay(h.options()));
    expect(err).toMatchObject({ code: 'E_FETCH' });
    expect(exitCodeFor(err)).toBe(4);
    expect(err.message).toMatch(/^\[fetch\] the feed is empty on a weekday and the listing could not confirm a quiet day \(cs\.LG: no cross-check with the listing page: .*\); try again later$/);
  });

  it('takes the day from the listing when the feed is empty on a weekday but the listing is not', async () => {
    const day = recent(3);
    const papers = [lg('2611.00001'), { id: '2611.00002', categories: ['stat.ML', 'cs.LG'] }];
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], day.pub, []) } },
      { '/list/cs.LG/new': { body: listingPage(day.listing, [papers[0]!], [papers[1]!]) } },
      { '/api/query': apiKnowing(papers) },
    );
    const batch = await fetchDay(h.options());
    expect(batch.date).toBe(day.date);
    expect(batch.items.map((i) => [i.paper.id, i.announceType])).toEqual([['2611.00001', 'new'], ['2611.00002', 'cross']]);
    expect(batch.problems.map((p) => p.code)).toEqual(['filled-from-listing']);
    expect(batch.problems[0]!.message).toMatch(/^cs\.LG: the listing shows 2 new and cross-listed papers, the feed 0: added the 2 missing/);
  });

  it('does not take an empty feed naming another category, or dated long ago, as a quiet day', async () => {
    const other = await arxiv({ '/rss/cs.LG': { file: sharedFixture('rss-empty-test-archive-2024-11-28.xml') } }, {}, {});
    const wrong = await failure(fetchDay(other.options()));
    expect(wrong).toMatchObject({ code: 'E_PARSE', message: '[fetch] the empty feed asked for cs.LG names test instead; not taken as a day without an announcement' });
    const old = await arxiv({ '/rss/cs.LG': { body: rssFeed(['cs.LG'], 'Wed, 26 Nov 2024 00:00:00 -0500', []) } }, {}, {});
    const stale = await failure(fetchDay(old.options()));
    expect(stale).toMatchObject({ code: 'E_STALE' });
    expect(stale.message).toMatch(/^\[fetch\] the feed is empty and dated 2024-11-26, \d+ days ago; not taken as a day without an announcement, try again later$/);
    expect(exitCodeFor(stale)).toBe(4);
  });

  it('reports a feed body truncated at the source as E_PARSE', async () => {
    const full = rssFeed(['cs.LG'], PUB, fakeIds(5).map((id) => lg(id)));
    const h = await arxiv({ '/rss/cs.LG': { body: full.slice(0, full.length - 200) } }, {}, {});
    const err = await failure(fetchDay(h.options()));
    expect((err as SourceError).code).toBe('E_PARSE');
    expect(err.message).toMatch(/feed from .* is truncated: it stops after \d+ characters, before <\/rss>$/);
  });

  it('stops with E_STALE when the feed repeats the previous batch', async () => {
    const ids = fakeIds(3);
    const h = await arxiv({ '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, ids.map((id) => lg(id))) } }, {}, {});
    const err = await failure(fetchDay(h.options({ previousBatch: { date: '2026-01-28', ids } })));
    expect((err as SourceError).code).toBe('E_STALE');
    expect(err.message).toBe('[fetch] feed still serves the 2026-01-28 batch (its new papers were all announced on 2026-01-28); try again later');
    expect(h.list.requests.length + h.api.requests.length).toBe(0);
  });

  it('takes a feed dated like the previous batch as a re-run of that day, not as stale', async () => {
    const papers = fakeIds(2).map((id) => lg(id));
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, papers) } },
      { '/list/cs.LG/new': { body: listingPage(DAY, papers, []) } },
      { '/api/query': apiKnowing(papers) },
    );
    const batch = await fetchDay(h.options({ previousBatch: { date: '2026-01-29', ids: papers.map((p) => p.id) } }));
    expect(batch.date).toBe('2026-01-29');
    expect(batch.items).toHaveLength(2);
  });

  it('stops with E_STALE when the listing already shows a different batch', async () => {
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, fakeIds(3).map((id) => lg(id))) } },
      { '/list/cs.LG/new': { body: listingPage('Friday, 30 January 2026', fakeIds(4, 30000).map((id) => lg(id)), []) } },
      {},
    );
    const err = await failure(fetchDay(h.options()));
    expect((err as SourceError).code).toBe('E_STALE');
    expect(h.api.requests).toHaveLength(0);
  });

  it('fills a feed cut at 2000 items from the listing and enriches every paper', async () => {
    const papers = fakeIds(2004).map((id) => lg(id));
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, papers.slice(4)) } },
      { '/list/cs.LG/new': { body: listingPage(DAY, papers, []) } },
      { '/api/query': apiKnowing(papers) },
    );
    const batch = await fetchDay(h.options());
    expect(batch.items).toHaveLength(2004);
    expect(new Set(batch.items.map((i) => i.paper.id)).size).toBe(2004);
    expect(batch.problems.map((p) => p.code)).toEqual(['truncated', 'filled-from-listing']);
    expect(batch.items.every((i) => i.paper.primaryConfirmed)).toBe(true);
    expect(h.api.requests).toHaveLength(21);
    expect(h.api.requests.every((r) => Number(r.query.max_results) <= 100)).toBe(true);
  });

  it('fails (exit 4) when a feed cut at 2000 items cannot be filled because the listing failed', async () => {
    const papers = fakeIds(2050).map((id) => lg(id));
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, papers.slice(50)) } },
      { '/list/cs.LG/new': { status: 503, headers: { 'retry-after': '99999' } } },
      { '/api/query': apiKnowing(papers) },
    );
    const err = await failure(fetchDay(h.options()));
    expect(err).toMatchObject({ code: 'E_PARSE' });
    expect(exitCodeFor(err)).toBe(4);
    expect(err.message).toMatch(/^\[fetch\] the feed holds 2000 items, arXiv's cap, and could not be completed from the listing: cs\.LG: no cross-check with the listing page: HTTP 503 .*; try again later$/);
    expect(h.api.requests).toHaveLength(0);
  });

  it('keeps going with Problems when the listing and the export API fail', async () => {
    const papers = fakeIds(3).map((id) => lg(id));
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, papers) } },
      { '/list/cs.LG/new': { status: 503, headers: { 'retry-after': '0' } } },
      { '/api/query': { status: 500 } },
    );
    const batch = await fetchDay(h.options({ retries: 1 }));
    expect(batch.items.map((i) => i.paper.id)).toEqual(papers.map((p) => p.id));
    expect(batch.items.every((i) => !i.paper.primaryConfirmed && i.paper.comment === null)).toBe(true);
    expect(batch.problems.map((p) => p.code)).toEqual(['listing-failed', 'enrich-failed']);
    expect(batch.problems[0]!.message).toMatch(/^cs\.LG: no cross-check with the listing page: HTTP 503 .*gave up after 2 attempts/);
    expect(batch.problems[1]!.message).toMatch(/3 papers keep feed metadata only/);
    // The request's URL would spell out every id; the message names the batch instead.
    expect(batch.problems[1]!.message).toContain(`HTTP 500 from the export API batch of 3 ids (${papers[0]!.id}v1…${papers[2]!.id}v1)`);
    expect(batch.problems[1]!.message).not.toContain('id_list');
    expect(h.list.requests).toHaveLength(2);
  });

  it('asks again for an export-API answer cut short under a 200', async () => {
    const papers = fakeIds(2).map((id) => lg(id));
    const full = apiFeed(papers);
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, papers) } },
      { '/list/cs.LG/new': { body: listingPage(DAY, papers, []) } },
      { '/api/query': [{ body: full.slice(0, full.length - 300) }, { body: full }] },
    );
    const batch = await fetchDay(h.options());
    expect(h.api.requests).toHaveLength(2);
    expect(batch.items.every((i) => i.paper.primaryConfirmed)).toBe(true);
    expect(batch.problems).toEqual([]);
  });

  it('retries an empty API page while totalResults says there are results', async () => {
    const papers = fakeIds(2).map((id) => lg(id));
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, papers) } },
      { '/list/cs.LG/new': { body: listingPage(DAY, papers, []) } },
      { '/api/query': [{ body: apiFeed([], 2) }, { body: apiFeed(papers) }] },
    );
    const batch = await fetchDay(h.options());
    expect(h.api.requests).toHaveLength(2);
    expect(batch.items.every((i) => i.paper.primaryConfirmed)).toBe(true);
    expect(batch.problems).toEqual([]);
  });

  it('fills a feed below the cap with the papers the listing shows and it lacks', async () => {
    const [a, b, c] = fakeIds(3).map((id) => lg(id, { comment: 'from the API' }));
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, [a!, b!]) } },
      { '/list/cs.LG/new': { body: listingPage(DAY, [a!, b!, c!], []) } },
      { '/api/query': apiKnowing([a!, b!, c!]) },
    );
    const batch = await fetchDay(h.options());
    expect(batch.items.map((i) => i.paper.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(batch.items[2]!.paper).toMatchObject({ comment: 'from the API', primaryConfirmed: true });
    expect(batch.problems).toEqual([
      {
        stage: 'fetch',
        code: 'filled-from-listing',
        message: `cs.LG: the listing shows 3 new and cross-listed papers, the feed 2: added the 1 missing from the feed from the listing (${c!.id})`,
      },
    ]);
  });

  it('drops papers of the stored previous batch that a partly stale feed still lists and the listing does not', async () => {
    const [old, b, c] = fakeIds(3).map((id) => lg(id));
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, [old!, b!]) } },
      { '/list/cs.LG/new': { body: listingPage(DAY, [b!, c!], []) } },
      { '/api/query': apiKnowing([old!, b!, c!]) },
    );
    const batch = await fetchDay(h.options({ previousBatch: { date: '2026-01-28', ids: [old!.id] } }));
    expect(batch.items.map((i) => i.paper.id)).toEqual([b!.id, c!.id]);
    expect(batch.problems.map((p) => p.code)).toEqual(['filled-from-listing', 'count-mismatch', 'stale-items']);
    expect(batch.problems[2]!.message).toBe(`dropped 1 paper of the 2026-01-28 batch that the feed still lists and no listing shows (${old!.id})`);
  });

  it('collapses the alias pair and asks the canonical listing page', async () => {
    const paper: FakePaper = { id: '2601.00005', categories: ['eess.SY', 'cs.SY', 'cs.LG'] };
    const h = await arxiv(
      { '/rss/eess.SY': { body: rssFeed(['eess.SY'], PUB, [paper]) } },
      { '/list/eess.SY/new': { body: listingPage(DAY, [paper], []) } },
      { '/api/query': apiKnowing([paper]) },
    );
    const batch = await fetchDay(h.options({ categories: ['cs.SY'] }));
    expect(batch.categories).toEqual(['eess.SY']);
    expect(batch.items).toHaveLength(1);
    expect(batch.items[0]!.paper.categories).toEqual(['eess.SY', 'cs.LG']);
    expect(batch.problems).toEqual([]);
  });

  it('rebuilds a missed day from submission dates through the export API', async () => {
    const got = [lg('2601.00007'), { id: '2601.00008', categories: ['math.OC', 'cs.LG'] }];
    const h = await arxiv(
      { '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, [lg('2601.00001')]) } },
      {},
      { '/api/query': { body: apiFeed(got) } },
    );
    const batch = await fetchDay(h.options({ date: '2026-01-28' }));
    expect(h.api.requests[0]!.query).toMatchObject({
      search_query: '(cat:cs.LG) AND submittedDate:[202601261900 TO 202601271859]',
      sortBy: 'submittedDate',
      start: '0',
    });
    expect(h.list.requests).toHaveLength(0);
    expect(batch).toMatchObject({ date: '2026-01-28', source: 'api-range', reconstructed: true });
    expect(batch.items.map((i) => [i.paper.id, i.announceType])).toEqual([['2601.00007', 'new'], ['2601.00008', 'cross']]);
    expect(batch.problems.map((p) => p.code)).toEqual(['reconstructed']);
    expect(batch.problems[0]!.message).toMatch(/rebuilt from submission dates .* holidays/);
  });

  it('says no announcement for a missed Saturday without asking the API', async () => {
    const h = await arxiv({ '/rss/cs.LG': { body: rssFeed(['cs.LG'], PUB, [lg('2601.00001')]) } }, {}, {});
    const err = await failure(fetchDay(h.options({ date: '2026-01-31' })));
    expect(err).toBeInstanceOf(NoAnnouncementError);
    expect(h.api.requests).toHaveLength(0);
  });
});
