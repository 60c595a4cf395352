/**
 * The Store contract: every driver runs this suite (`testStore('sqlite', () => …)`), so the pipeline can rely on
 * the same semantics whichever database holds the data. A driver that cannot do something lists the test under
 * `skip` with a reason; a skip naming no existing test fails the suite, so the list cannot rot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import type { Store } from '../../src/store/types.js';
import { HOSTILE, apiPaper, day, rssPaper, runReport, storedSummary } from './store-fixtures.js';
import { dayNoteTests } from './store-days.js';
import { searchTests, stateTests, summaryIfAbsentTests } from './store-search.js';
import type { StoreFactory } from './store-search.js';

export interface StoreTestContext {
  /** The store of the running test (a fresh one per test, closed afterwards). */
  store(): Store;
}

export interface TestStoreOptions {
  /** Driver-specific tests, defined inside the suite's describe block. */
  additionalTests?: (ctx: StoreTestContext) => void;
  /** Contract tests a driver does not pass, by name, with the reason. */
  skip?: { reason: string; tests: string[] }[];
}

const D1 = '2026-01-28';
const D2 = '2026-01-29';
const D3 = '2026-01-30';

/**
 * `factory` opens a fresh, empty store for each test; called with options (a bulk importer's
 * `searchIndex: 'defer'`), it opens another store object on a fresh database too.
 */
export function testStore(name: string, factory: StoreFactory, options: TestStoreOptions = {}): void {
  const skipped = new Set((options.skip ?? []).flatMap((s) => s.tests));
  const defined = new Set<string>();
  const test = (title: string, fn: () => Promise<void>): void => {
    defined.add(title);
    (skipped.has(title) ? it.skip : it)(title, fn);
  };

  describe(`store contract: ${name}`, () => {
    let current: Store | null = null;
    const store = (): Store => {
      if (!current) throw new Error('no store: the factory has not run');
      return current;
    };
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      await current?.close();
      current = null;
    });

    test('name and capabilities', async () => {
      expect(store().name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(typeof store().capabilities.search).toBe('boolean');
    });

    paperTests(test, store);
    mergeTests(test, store);
    textTests(test, store);
    dayTests(test, store);
    firstSeenTests(test, store);
    summaryTests(test, store);
    runTests(test, store);
    closeTests(test, store);
    largeBatchTests(test, store);
    archiveTests(test, store);
    embeddingTests(test, store);
    stateTests(test, store);
    dayNoteTests(test, store);
    summaryIfAbsentTests(test, store);
    searchTests(test, store, factory);
    options.additionalTests?.({ store });

    const unknown = [...skipped].filter((t) => !defined.has(t));
    if (unknown.length > 0) throw new Error(`testStore(${name}): skip names unknown tests: ${unknown.join(', ')}`);
  });
}

type Define = (title: string, fn: () => Promise<void>) => void;
type Get = () => Store;

function paperTests(test: Define, store: Get): void {
  test('upsertPapers then getPapers', async () => {
    const a = apiPaper('2601.00001');
    const b = apiPaper('2601.00002', 3, { comment: null, journalRef: null, doi: null, primaryConfirmed: false });
    await store().upsertPapers([a, b]);
    const got = await store().getPapers([b.id, 'missing', a.id, '2601.99999']);
    expect(got.size).toBe(2);
    expect(got.get(a.id)).toStrictEqual(a);
    expect(got.get(b.id)).toStrictEqual(b);
  });

  test('getPapers of nothing', async () => {
    expect((await store().getPapers([])).size).toBe(0);
    expect((await store().getPapers(['2601.00001'])).size).toBe(0);
    await store().upsertPapers([]);
    expect(await store().listDays()).toEqual([]);
  });

  test('upsert is idempotent', async () => {
    const papers = [apiPaper('2601.00001'), apiPaper('2601.00002', 2), rssPaper(apiPaper('2601.00003'))];
    await store().upsertPapers(papers);
    const ids = papers.map((p) => p.id);
    const once = await store().getPapers(ids);
    await store().upsertPapers(papers);
    expect(await store().getPapers(ids)).toStrictEqual(once);
    expect(ids.map((id) => once.get(id))).toStrictEqual(papers);
    expect(await store().getVersion('2601.00002', 2)).toStrictEqual(papers[1]);
  });

  test('getVersion', async () => {
    const p = apiPaper('2601.00001', 2);
    await store().upsertPapers([p]);
    expect(await store().getVersion(p.id, 2)).toStrictEqual(p);
    expect(await store().getVersion(p.id, 1)).toBeNull();
    expect(await store().getVersion('2601.00009', 1)).toBeNull();
  });

  test('a newer version replaces the paper and keeps the old one', async () => {
    const v1 = apiPaper('2601.00001', 1);
    const v2 = apiPaper('2601.00001', 2, { abstract: 'A rewritten abstract.', title: 'A new title', doi: null });
    await store().upsertPapers([v1]);
    await store().upsertPapers([v2]);
    expect((await store().getPapers([v1.id])).get(v1.id)).toStrictEqual(v2);
    expect(await store().getVersion(v1.id, 1)).toStrictEqual(v1);
    expect(await store().getVersion(v1.id, 2)).toStrictEqual(v2);
  });

  test('an older version does not overwrite a newer one', async () => {
    const v1 = apiPaper('2601.00001', 1);
    const v2 = apiPaper('2601.00001', 2, { abstract: 'A rewritten abstract.' });
    await store().upsertPapers([v2]);
    await store().upsertPapers([v1]);
    expect((await store().getPapers([v1.id])).get(v1.id)).toStrictEqual(v2);
    expect(await store().getVersion(v1.id, 1)).toStrictEqual(v1);
    // Both versions in one batch, newest first: the paper still reads as v2.
    const w1 = apiPaper('2601.00002', 1);
    const w2 = apiPaper('2601.00002', 2, { title: 'Second' });
    await store().upsertPapers([w2, w1]);
    expect((await store().getPapers([w1.id])).get(w1.id)).toStrictEqual(w2);
  });

  test('rejects invalid papers without storing any of the batch', async () => {
    const good = apiPaper('2601.00001');
    await expect(store().upsertPapers([good, apiPaper('2601.00002', 0)])).rejects.toBeInstanceOf(StoreError);
    await expect(store().upsertPapers([good, apiPaper('')])).rejects.toThrow(/paper id/);
    await expect(store().upsertPapers([apiPaper('2601.00003', 1.5)])).rejects.toThrow(/version/);
    expect((await store().getPapers([good.id])).size).toBe(0);
  });
}

function mergeTests(test: Define, store: Get): void {
  test('nulls from a poorer source keep stored values', async () => {
    const api = apiPaper('2601.00001', 1, { categories: ['math.ST', 'cs.LG'], primaryCategory: 'math.ST' });
    // RSS lists the categories in another order and so implies another primary.
    const rss = rssPaper(api, { categories: ['cs.LG', 'math.ST'], primaryCategory: 'cs.LG' });
    await store().upsertPapers([api]);
    await store().upsertPapers([rss]);
    expect((await store().getPapers([api.id])).get(api.id)).toStrictEqual(api);
    expect(await store().getVersion(api.id, 1)).toStrictEqual(api);
  });

  test('a richer source fills in the same version', async () => {
    const api = apiPaper('2601.00001', 1, { categories: ['math.ST', 'cs.LG'], primaryCategory: 'math.ST' });
    const rss = rssPaper(api, { categories: ['cs.LG', 'math.ST'], primaryCategory: 'cs.LG' });
    await store().upsertPapers([rss]);
    expect((await store().getPapers([api.id])).get(api.id)).toStrictEqual(rss);
    await store().upsertPapers([api]);
    expect((await store().getPapers([api.id])).get(api.id)).toStrictEqual(api);
  });

  test('a confirmed primary wins, otherwise the latest source', async () => {
    const base = rssPaper(apiPaper('2601.00001'), { categories: ['cs.LG', 'cs.AI'], primaryCategory: 'cs.LG' });
    const other = { ...base, categories: ['cs.AI', 'cs.LG'], primaryCategory: 'cs.AI' };
    await store().upsertPapers([base]);
    await store().upsertPapers([other]);
    expect((await store().getVersion(base.id, 1))?.primaryCategory).toBe('cs.AI');
    await store().upsertPapers([{ ...base, primaryConfirmed: true }]);
    await store().upsertPapers([other]);
    const got = await store().getVersion(base.id, 1);
    expect(got).toMatchObject({ primaryCategory: 'cs.LG', categories: ['cs.LG', 'cs.AI'], primaryConfirmed: true });
  });

  test('the categories of a version never shrink: an older, poorer listing stored later adds, never removes', async () => {
    // Day 03-10 lists the version cross-listed to stat.ML; the missed day 03-04 (its 'new' listing) runs after.
    const rich = apiPaper('2602.10129', 1, { categories: ['cs.LG', 'stat.ML'], primaryCategory: 'cs.LG' });
    await store().upsertPapers([rich]);
    await store().upsertPapers([{ ...rich, categories: ['cs.LG'] }]);
    expect((await store().getVersion(rich.id, 1))?.categories).toEqual(['cs.LG', 'stat.ML']);
    // A poorer source's order and implied primary do not count; a category only it knows is added.
    await store().upsertPapers([rssPaper(rich, { categories: ['stat.ML', 'cs.LG', 'math.OC'], primaryCategory: 'stat.ML' })]);
    expect(await store().getVersion(rich.id, 1)).toMatchObject({ primaryCategory: 'cs.LG', categories: ['cs.LG', 'stat.ML', 'math.OC'] });
    expect((await store().getPapers([rich.id])).get(rich.id)?.categories).toEqual(['cs.LG', 'stat.ML', 'math.OC']);
    // A confirmed new primary is a reclassification: its list replaces the stored one.
    await store().upsertPapers([{ ...rich, categories: ['math.OC', 'cs.LG'], primaryCategory: 'math.OC' }]);
    expect(await store().getVersion(rich.id, 1)).toMatchObject({ primaryCategory: 'math.OC', categories: ['math.OC', 'cs.LG'] });
  });

  test('known values of the same version update, empty ones do not', async () => {
    const p = apiPaper('2601.00001', 1, { doi: null, comment: 'v1 comment' });
    await store().upsertPapers([p]);
    const later = { ...p, title: 'A corrected title', doi: '10.1000/later', comment: '14 pages' };
    await store().upsertPapers([later]);
    expect(await store().getVersion(p.id, 1)).toStrictEqual(later);
    // Empty text and lists count as unknown, like nulls.
    await store().upsertPapers([{ ...later, title: '', abstract: '', authors: [], categories: [], primaryCategory: '' }]);
    expect(await store().getVersion(p.id, 1)).toStrictEqual(later);
  });
}

function textTests(test: Define, store: Get): void {
  test('old-style ids', async () => {
    const old = apiPaper('hep-th/9901001', 3, { categories: ['hep-th'], primaryCategory: 'hep-th' });
    const solv = apiPaper('solv-int/9901001', 1, { categories: ['nlin.SI'], primaryCategory: 'nlin.SI' });
    await store().upsertPapers([old, solv]);
    const got = await store().getPapers([old.id, solv.id, 'hep-th/9901002']);
    expect([...got.keys()].sort()).toEqual(['hep-th/9901001', 'solv-int/9901001']);
    expect(got.get(old.id)).toStrictEqual(old);
    expect(await store().getVersion('hep-th/9901001', 3)).toStrictEqual(old);
    await store().saveDay(day(D1, [[old.id, 3, 'replace'], [solv.id, 1, 'new']]));
    expect((await store().getDay(D1))?.listings.map((l) => l.id)).toEqual([old.id, solv.id]);
    expect(await store().firstSeen([old.id, solv.id], D2)).toEqual(new Map([[old.id, D1], [solv.id, D1]]));
  });

  test('unicode and hostile text round-trip', async () => {
    const p = apiPaper('2601.00001', 1, { ...HOSTILE, abstract: HOSTILE.abstract + ' '.repeat(3) + 'x'.repeat(200_000) });
    await store().upsertPapers([p]);
    expect((await store().getPapers([p.id])).get(p.id)).toStrictEqual(p);
    const s = storedSummary('k-hostile', p.id);
    s.summary.tldr = HOSTILE.title;
    s.summary.method = HOSTILE.abstract;
    s.meta.reason = HOSTILE.comment;
    await store().saveSummaries([s]);
    expect((await store().getSummaries([s.key])).get(s.key)).toStrictEqual(s);
    const r = runReport('2026-01-30T06:00:00.000Z', { outcome: HOSTILE.title, categories: HOSTILE.authors });
    const id = await store().saveRun(r);
    expect(await store().listRuns(1)).toStrictEqual([{ ...r, id }]);
  });
}

function dayTests(test: Define, store: Get): void {
  const ids = ['2601.00009', '2601.00001', 'hep-th/9901001', '2601.00005'];
  const seed = (): Promise<void> => store().upsertPapers(ids.map((id) => apiPaper(id)));

  test('saveDay then getDay keeps listing order', async () => {
    await seed();
    const d = day(D3, [[ids[0]!, 1, 'new'], [ids[1]!, 1, 'cross'], [ids[2]!, 1, 'replace-cross'], [ids[3]!, 1, 'replace']], {
      categories: ['cs.LG', 'stat.ML'],
      source: 'api-range',
      reconstructed: true,
    });
    await store().saveDay(d);
    expect(await store().getDay(D3)).toStrictEqual(d);
    expect(await store().getDay(D2)).toBeNull();
  });

  test('saving the same day twice is idempotent', async () => {
    await seed();
    const d = day(D3, [[ids[0]!, 1, 'new'], [ids[1]!, 1, 'cross']]);
    await store().saveDay(d);
    await store().saveDay(d);
    expect(await store().getDay(D3)).toStrictEqual(d);
    expect(await store().listDays()).toEqual([D3]);
  });

  test('a run for other categories merges into the day', async () => {
    await seed();
    await store().saveDay(day(D3, [[ids[0]!, 1, 'new'], [ids[1]!, 1, 'cross']], { categories: ['cs.LG'] }));
    const second = day(D3, [[ids[2]!, 1, 'new'], [ids[1]!, 1, 'new'], [ids[3]!, 1, 'cross']], {
      categories: ['stat.ML', 'cs.LG'],
    });
    await store().saveDay(second);
    const got = await store().getDay(D3);
    expect(got?.categories).toEqual(['cs.LG', 'stat.ML']);
    expect(got?.listings).toEqual([
      { id: ids[0], version: 1, announceType: 'new' },
      { id: ids[1], version: 1, announceType: 'new' }, // its primary listing replaces the cross-list
      { id: ids[2], version: 1, announceType: 'new' },
      { id: ids[3], version: 1, announceType: 'cross' },
    ]);
    await store().saveDay(second);
    expect(await store().getDay(D3)).toStrictEqual(got);
  });

  test('a cross-list does not replace a primary listing', async () => {
    await seed();
    await store().saveDay(day(D3, [[ids[0]!, 1, 'new'], [ids[1]!, 1, 'replace']]));
    await store().saveDay(day(D3, [[ids[0]!, 1, 'cross'], [ids[1]!, 1, 'replace-cross']]));
    expect((await store().getDay(D3))?.listings.map((l) => l.announceType)).toEqual(['new', 'replace']);
    // Between two primary listings of the same version, the first recorded stays.
    await store().saveDay(day(D3, [[ids[0]!, 1, 'replace'], [ids[1]!, 1, 'new']]));
    expect((await store().getDay(D3))?.listings.map((l) => l.announceType)).toEqual(['new', 'replace']);
  });

  test('a listing of a newer version wins', async () => {
    await seed();
    await store().upsertPapers([apiPaper(ids[0]!, 2)]);
    await store().saveDay(day(D3, [[ids[0]!, 1, 'new']]));
    await store().saveDay(day(D3, [[ids[0]!, 2, 'replace-cross']]));
    await store().saveDay(day(D3, [[ids[0]!, 1, 'new']]));
    expect((await store().getDay(D3))?.listings).toEqual([{ id: ids[0], version: 2, announceType: 'replace-cross' }]);
  });

  test('source stays the first recorded and reconstructed sticks', async () => {
    await seed();
    const listings: [string, number, 'new'][] = [[ids[0]!, 1, 'new']];
    await store().saveDay(day(D3, listings, { source: 'rss', reconstructed: false }));
    await store().saveDay(day(D3, listings, { source: 'store', reconstructed: false }));
    expect(await store().getDay(D3)).toMatchObject({ source: 'rss', reconstructed: false });
    await store().saveDay(day(D3, listings, { source: 'api-range', reconstructed: true }));
    await store().saveDay(day(D3, listings, { source: 'rss', reconstructed: false }));
    expect(await store().getDay(D3)).toMatchObject({ source: 'rss', reconstructed: true });
  });

  test('listDays newest first', async () => {
    await seed();
    for (const date of [D2, D3, D1]) await store().saveDay(day(date, [[ids[0]!, 1, 'new']]));
    await store().saveDay(day('2025-12-31', []));
    expect(await store().listDays()).toEqual([D3, D2, D1, '2025-12-31']);
  });

  test('saveDay needs the listed versions stored', async () => {
    await seed();
    await expect(store().saveDay(day(D3, [[ids[0]!, 1, 'new'], ['2601.77777', 1, 'new']]))).rejects.toThrow(
      /2601\.77777v1.*not stored/,
    );
    await expect(store().saveDay(day(D3, [[ids[0]!, 2, 'replace']]))).rejects.toBeInstanceOf(StoreError);
    // All or nothing: the day row written before the failing listing is gone too.
    expect(await store().getDay(D3)).toBeNull();
    expect(await store().listDays()).toEqual([]);
  });

  test('rejects malformed dates and announce types', async () => {
    await seed();
    await expect(store().saveDay(day('2026-1-30', []))).rejects.toThrow(/YYYY-MM-DD/);
    await expect(store().saveDay(day('30.01.2026', []))).rejects.toBeInstanceOf(StoreError);
    const bad = day(D3, [[ids[0]!, 1, 'new']]);
    (bad.listings[0] as { announceType: string }).announceType = 'old';
    await expect(store().saveDay(bad)).rejects.toThrow(/announce type/);
    await expect(store().firstSeen([ids[0]!], 'yesterday')).rejects.toBeInstanceOf(StoreError);
    expect(await store().listDays()).toEqual([]);
  });
}

function firstSeenTests(test: Define, store: Get): void {
  test('firstSeen gives the earliest earlier day', async () => {
    const [a, b, c] = ['2601.00001', '2601.00002', '2601.00003'];
    await store().upsertPapers([a, b, c].map((id) => apiPaper(id)));
    await store().saveDay(day(D2, [[a, 1, 'new'], [b, 1, 'new']]));
    await store().saveDay(day(D1, [[a, 1, 'new']]));
    await store().saveDay(day(D3, [[a, 1, 'new'], [b, 1, 'cross'], [c, 1, 'new']]));
    expect(await store().firstSeen([a, b, c, '2601.00004'], D3)).toEqual(new Map([[a, D1], [b, D2]]));
    expect(await store().firstSeen([a, b, c], D2)).toEqual(new Map([[a, D1]]));
    expect(await store().firstSeen([a], D1)).toEqual(new Map());
    expect(await store().firstSeen([c], '2026-02-02')).toEqual(new Map([[c, D3]]));
    expect(await store().firstSeen([], D3)).toEqual(new Map());
  });
}

function summaryTests(test: Define, store: Get): void {
  test('saveSummaries then getSummaries round-trips exactly', async () => {
    const ok = storedSummary('k1', '2601.00001');
    const fallback = storedSummary('k2', 'hep-th/9901001', {
      version: 4,
      meta: { summarizer: 'llm', model: 'gpt-x', language: 'de', status: 'fallback', reason: 'quota exceeded' },
    });
    await store().saveSummaries([ok, fallback]);
    const got = await store().getSummaries(['k2', 'k1', 'k3']);
    expect(got.size).toBe(2);
    expect(got.get('k1')).toStrictEqual(ok);
    expect(got.get('k2')).toStrictEqual(fallback);
    expect('sources' in (got.get('k2')?.meta ?? {})).toBe(false);
    expect((await store().getSummaries([])).size).toBe(0);
  });

  test('summariesOfPapers finds every summary of the given paper versions, whoever wrote it', async () => {
    const builtin = storedSummary('k1', '2601.00001');
    const llm = storedSummary('k2', '2601.00001', { meta: { summarizer: 'llm', model: 'gpt-x', language: 'de', status: 'ok', reason: null } });
    const otherVersion = storedSummary('k3', '2601.00001', { version: 2 });
    const old = storedSummary('k4', 'hep-th/9901001', { version: 4 });
    await store().saveSummaries([builtin, llm, otherVersion, old, storedSummary('k5', '2601.00002')]);
    const got = await store().summariesOfPapers([{ id: '2601.00001', version: 1 }, { id: 'hep-th/9901001', version: 4 }, { id: '2601.09999', version: 1 }]);
    expect(got.map((s) => s.key).sort()).toEqual(['k1', 'k2', 'k4']);
    expect(got.find((s) => s.key === 'k2')).toStrictEqual(llm);
    expect(await store().summariesOfPapers([])).toEqual([]);
  });

  test('saveSummaries replaces by key', async () => {
    await store().saveSummaries([storedSummary('k1', '2601.00001')]);
    const replaced = storedSummary('k1', '2601.00001', { version: 2, createdAt: '2026-01-31T00:00:00.000Z' });
    replaced.summary.tldr = 'Replaced.';
    await store().saveSummaries([replaced]);
    await store().saveSummaries([replaced]);
    expect(await store().getSummaries(['k1'])).toStrictEqual(new Map([['k1', replaced]]));
  });
}

function runTests(test: Define, store: Get): void {
  test('saveRun then listRuns round-trips', async () => {
    const r = runReport('2026-01-30T06:00:00.000Z');
    const id = await store().saveRun(r);
    expect(Number.isSafeInteger(id) && id > 0).toBe(true);
    const minimal = runReport('2026-01-30T07:00:00.000Z', { date: null, source: null, problems: [] });
    delete minimal.roleCoverage;
    const id2 = await store().saveRun(minimal);
    expect(id2).not.toBe(id);
    expect(await store().listRuns(10)).toStrictEqual([{ ...minimal, id: id2 }, { ...r, id }]);
  });

  test('listRuns newest first, limited', async () => {
    const times = ['2026-01-29T06:00:00.000Z', '2026-01-30T06:00:00.000Z', '2026-01-28T06:00:00.000Z'];
    for (const t of times) await store().saveRun(runReport(t));
    expect((await store().listRuns(2)).map((r) => r.startedAt)).toEqual([times[1], times[0]]);
    expect(await store().listRuns(0)).toEqual([]);
    expect(await store().listRuns(5)).toHaveLength(3);
    await expect(store().listRuns(-1)).rejects.toBeInstanceOf(StoreError);
  });

  test('saveRun with an id replaces that run', async () => {
    const r = runReport('2026-01-30T06:00:00.000Z', { outcome: 'running', exitCode: 1 });
    const id = await store().saveRun(r);
    const done = { ...r, id, outcome: 'done', exitCode: 0 };
    expect(await store().saveRun(done)).toBe(id);
    expect(await store().listRuns(10)).toStrictEqual([done]);
  });
}

function closeTests(test: Define, store: Get): void {
  test('close is idempotent', async () => {
    await store().close();
    await expect(store().close()).resolves.toBeUndefined();
  });

  test('a closed store rejects every call', async () => {
    const s = store();
    await s.close();
    const calls: Promise<unknown>[] = [
      s.upsertPapers([apiPaper('2601.00001')]),
      s.getPapers(['2601.00001']),
      s.getVersion('2601.00001', 1),
      s.saveDay(day(D3, [])),
      s.getDay(D3),
      s.listDays(),
      s.firstSeen(['2601.00001'], D3),
      s.getSummaries(['k']),
      s.saveSummaries([storedSummary('k', '2601.00001')]),
      s.saveRun(runReport('2026-01-30T06:00:00.000Z')),
      s.listRuns(1),
      s.listPapers({ limit: 1 }),
      s.countPapers(),
      s.getEmbeddings('m', [{ id: '2601.00001', version: 1 }]),
      s.saveEmbeddings([{ paperId: '2601.00001', version: 1, model: 'm', vector: new Float32Array([1]) }]),
      s.getState('k'),
      s.setState('k', 'v'),
      ...(s.search ? [s.search('graph')] : []),
      ...(s.rebuildSearchIndex ? [s.rebuildSearchIndex()] : []),
    ];
    for (const call of calls) await expect(call).rejects.toThrow(StoreError);
    await expect(s.listDays()).rejects.toThrow(/closed/);
  });
}

function largeBatchTests(test: Define, store: Get): void {
  test('a batch of thousands of papers', async () => {
    const papers = Array.from({ length: 3000 }, (_, i) =>
      i % 10 === 0
        ? apiPaper(`math/${String(9_000_000 + i).padStart(7, '0')}`, 1 + (i % 3))
        : apiPaper(`2601.${String(i).padStart(5, '0')}`, 1 + (i % 3)),
    );
    await store().upsertPapers(papers);
    const ids = papers.map((p) => p.id);
    const got = await store().getPapers(ids);
    expect(got.size).toBe(papers.length);
    for (const p of papers) expect(got.get(p.id)).toStrictEqual(p);
    const listings = papers.map((p): [string, number, 'new'] => [p.id, p.version, 'new']).reverse();
    await store().saveDay(day(D2, listings));
    await store().saveDay(day(D3, listings));
    expect((await store().getDay(D2))?.listings.map((l) => l.id)).toEqual([...ids].reverse());
    const seen = await store().firstSeen(ids, D3);
    expect(seen.size).toBe(papers.length);
    expect(new Set(seen.values())).toEqual(new Set([D2]));
  });
}

// Ranking scans the whole archive page by page and caches embeddings per paper version and model.
function archiveTests(test: Define, store: Get): void {
  test('listPapers pages through every paper once, in id order, latest versions', async () => {
    const ids = ['2601.00003', 'hep-th/9901001', '2601.00001', '2512.99999', '2601.00002'];
    await store().upsertPapers(ids.map((id) => apiPaper(id)));
    await store().upsertPapers([apiPaper('2601.00002', 2)]);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await store().listPapers({ limit: 2, after });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((p) => p.id));
      after = page.at(-1)?.id ?? null;
      for (const p of page) expect(p).toStrictEqual(apiPaper(p.id, p.id === '2601.00002' ? 2 : 1));
    }
    expect(seen).toEqual([...ids].sort());
    expect(await store().countPapers()).toBe(ids.length);
    expect(await store().listPapers({ limit: 0 })).toEqual([]);
    await expect(store().listPapers({ limit: -1 })).rejects.toThrow(StoreError);
  });

  test('countPapers of an empty store', async () => {
    expect(await store().countPapers()).toBe(0);
    expect(await store().listPapers({ limit: 10 })).toEqual([]);
  });
}

function embeddingTests(test: Define, store: Get): void {
  const vec = (...xs: number[]) => new Float32Array(xs);
  test('saveEmbeddings then getEmbeddings by version and model', async () => {
    await store().saveEmbeddings([
      { paperId: '2601.00001', version: 1, model: 'a', vector: vec(0.25, -1.5, 3) },
      { paperId: '2601.00001', version: 2, model: 'a', vector: vec(9, 9) },
      { paperId: '2601.00001', version: 1, model: 'b', vector: vec(7) },
      { paperId: 'hep-th/9901001', version: 1, model: 'a', vector: vec(1e-30, 1e30) },
    ]);
    const got = await store().getEmbeddings('a', [
      { id: '2601.00001', version: 1 },
      { id: 'hep-th/9901001', version: 1 },
      { id: '2601.00009', version: 1 },
    ]);
    expect([...got.keys()].sort()).toEqual(['2601.00001v1', 'hep-th/9901001v1']);
    expect(got.get('2601.00001v1')).toEqual(vec(0.25, -1.5, 3));
    expect(got.get('hep-th/9901001v1')).toEqual(vec(1e-30, 1e30));
    expect((await store().getEmbeddings('b', [{ id: '2601.00001', version: 1 }])).get('2601.00001v1')).toEqual(vec(7));
    expect((await store().getEmbeddings('a', [{ id: '2601.00001', version: 2 }])).get('2601.00001v2')).toEqual(vec(9, 9));
    expect((await store().getEmbeddings('a', [])).size).toBe(0);
  });

  test('saveEmbeddings replaces by paper version and model, and rejects bad vectors', async () => {
    const key = { paperId: '2601.00001', version: 1, model: 'a' };
    await store().saveEmbeddings([{ ...key, vector: vec(1, 2, 3) }]);
    await store().saveEmbeddings([{ ...key, vector: vec(4, 5) }]);
    expect((await store().getEmbeddings('a', [{ id: '2601.00001', version: 1 }])).get('2601.00001v1')).toEqual(vec(4, 5));
    await expect(store().saveEmbeddings([{ ...key, vector: vec() }])).rejects.toThrow(StoreError);
    await expect(store().saveEmbeddings([{ ...key, vector: vec(Number.NaN) }])).rejects.toThrow(/non-finite/);
    await expect(store().saveEmbeddings([{ ...key, model: '', vector: vec(1) }])).rejects.toThrow(StoreError);
    await expect(store().saveEmbeddings([{ ...key, version: 0, vector: vec(1) }])).rejects.toThrow(StoreError);
  });
}
