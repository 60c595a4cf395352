// Small-range backfill through the export API against a local fake (real HTTP on 127.0.0.1), into SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiRangeQuery } from '../../src/backfill/api-range.js';
import { apiRangeStateKey, backfill, backfillViaApi } from '../../src/backfill/index.js';
import { createArxivClient } from '../../src/sources/http.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startArxivServer } from '../helpers/arxiv-server.js';
import type { ArxivServer, Route } from '../helpers/arxiv-server.js';
import { apiFeed, fakeIds } from '../sources/builders.js';
import type { FakePaper } from '../sources/builders.js';

let dir: string;
let server: ArxivServer | null = null;
let s: Store;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-apirange-'));
  s = await openStore(path.join(dir, 'digest.sqlite'));
});
afterEach(async () => {
  await s.close();
  await server?.close();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

const client = () => createArxivClient({ minIntervalMs: 0, retries: 1, backoffMs: 10 });

/** An export API serving `papers` for any query, honouring start and max_results like arXiv. */
function pagedApi(papers: FakePaper[], total = papers.length): Route {
  return (req) => {
    const start = Number(req.query.start ?? 0);
    const max = Number(req.query.max_results ?? 10);
    return { body: apiFeed(papers.slice(start, start + max), total, start) };
  };
}

const papers = fakeIds(7).map((id, i): FakePaper => ({ id, version: 1 + (i % 3), categories: i % 2 ? ['stat.ML', 'cs.LG'] : ['cs.LG'] }));

describe('backfill via the export API', () => {
  it('asks one submittedDate query for all categories and their aliases, paged by start', async () => {
    server = await startArxivServer({ '/api/query': pagedApi(papers) });
    const r = await backfillViaApi({ client: client(), apiUrl: server.url, store: s, categories: ['cs.LG', 'eess.SY'], from: '2024-01-01', to: '2024-01-03', pageSize: 3 });
    expect(r).toMatchObject({ pages: 3, papers: 7, totalResults: 7, complete: true });
    const q = server.requests.map((x) => x.query);
    expect(q.map((x) => [x.start, x.max_results])).toEqual([['0', '3'], ['3', '3'], ['6', '3']]);
    expect(q[0]?.search_query).toBe('(cat:cs.LG OR cat:eess.SY OR cat:cs.SY) AND submittedDate:[202401010000 TO 202401032359]');
    expect(q[0]).toMatchObject({ sortBy: 'submittedDate', sortOrder: 'ascending' });
    expect(await s.countPapers()).toBe(7);
    expect((await s.getPapers([papers[2]!.id])).get(papers[2]!.id)?.version).toBe(3);
    expect(await s.getState(apiRangeStateKey(['cs.LG', 'eess.SY'], '2024-01-01', '2024-01-03'))).toBeNull();
  });

  it('continues from the saved offset after an interruption', async () => {
    server = await startArxivServer({ '/api/query': pagedApi(papers) });
    const stop = new AbortController();
    const opts = { client: client(), apiUrl: server.url, store: s, categories: ['cs.LG'], from: '2024-01-01', to: '2024-01-02', pageSize: 2 };
    const first = await backfillViaApi({ ...opts, signal: stop.signal, onPage: (p) => void (p.page === 2 && stop.abort()) });
    expect(first).toMatchObject({ papers: 4, complete: false });
    expect(await s.getState(apiRangeStateKey(['cs.LG'], '2024-01-01', '2024-01-02'))).toBe('4');
    const n = server.requests.length;
    const second = await backfillViaApi(opts);
    expect(second).toMatchObject({ papers: 3, resumed: true, complete: true });
    expect(server.requests.slice(n).map((x) => x.query.start)).toEqual(['4', '6']);
    expect(await s.countPapers()).toBe(7);
  });

  it('refuses a range beyond the 30,000 results one query can reach, naming the way out', async () => {
    server = await startArxivServer({ '/api/query': pagedApi(papers, 45_000) });
    const err = await backfillViaApi({ client: client(), apiUrl: server.url, store: s, categories: ['cs.LG'], from: '2024-01-01', to: '2024-01-07' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_FETCH', message: expect.stringMatching(/45000 papers match .*use --via oai/) as string });
    expect(await s.countPapers()).toBe(0);
  });

  it('is what backfill picks for a few categories over a few days; --via api refuses whole archives', async () => {
    server = await startArxivServer({ '/api/query': pagedApi(papers) });
    const r = await backfill({ client: client(), apiUrl: server.url, store: s, categories: ['cs.LG', 'stat.ML'], from: '2024-01-01', to: '2024-01-02' });
    expect(r).toMatchObject({ via: 'api', papers: 7, complete: true });
    await expect(backfill({ client: client(), store: s, categories: ['cs'], from: '2024-01-01', to: '2024-01-02', via: 'api' })).rejects.toThrow(/--via oai/);
    expect(apiRangeQuery(['math.NA'], '2024-01-01', '2024-01-01')).toContain('cat:math.NA+OR+cat:cs.NA');
  });
});
