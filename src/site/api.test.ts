/**
 * `/api/search` of the reader's server mode, against a real SQLite store and a real socket: answers from the
 * store's full-text index, checks its parameters, reports a failing store as a 500 without details, and is
 * absent (404) when the server has no store, as on a static host.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sqliteStore from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import type { Paper } from '../types.js';
import { readSearchRequest } from './api.js';
import { serveSite } from './index.js';
import type { SiteServer } from './index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pd-api-'));
let store: Store;
let withSearch: SiteServer;
let without: SiteServer;
const logged: string[] = [];

function paper(id: string, title: string, categories: string[]): Paper {
  const primaryCategory = categories[0] as string;
  const empty = { comment: null, journalRef: null, doi: null, license: null, submitted: null, updated: null };
  return { id, version: 1, title, authors: ['A. Author'], abstract: `${title}. We study it.`, categories, primaryCategory, primaryConfirmed: true, ...empty };
}

beforeAll(async () => {
  mkdirSync(path.join(dir, 'site'));
  writeFileSync(path.join(dir, 'site/index.html'), '<!doctype html><title>site</title>');
  store = await sqliteStore({ path: path.join(dir, 'db.sqlite') });
  await store.upsertPapers([
    paper('2601.00001', 'Diffusion models for tabular data', ['cs.LG']),
    paper('2601.00002', 'Sampling with diffusion processes', ['stat.ML', 'cs.LG']),
    paper('2601.00003', 'Graph <script>alert(1)</script> networks', ['cs.SI']),
    paper('2601.00004', 'Quasar \u202eTCARTER SI\u2069 \u05e9\u05dc\u05d5\u05dd', ['astro-ph.GA']),
  ]);
  const search = store.search?.bind(store);
  withSearch = await serveSite(path.join(dir, 'site'), { search, log: (l) => logged.push(l) });
  without = await serveSite(path.join(dir, 'site'));
});

afterAll(async () => {
  await withSearch.close();
  await without.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (server: SiteServer, query: string) => fetch(new URL(`api/search${query}`, server.url));

describe('/api/search', () => {
  it('answers from the store, best first, with arXiv links and the category filter', async () => {
    const all = await get(withSearch, '?q=diffusion');
    expect(all.status).toBe(200);
    expect(all.headers.get('cache-control')).toBe('no-store');
    const body = (await all.json()) as { hits: { id: string; url: string }[] };
    expect(body.hits.map((h) => h.id).sort()).toEqual(['2601.00001', '2601.00002']);
    expect(body.hits[0]?.url).toBe(`https://arxiv.org/abs/${body.hits[0]?.id}`);
    const filtered = (await (await get(withSearch, '?q=diffusion&categories=stat.ML&limit=5')).json()) as { hits: { id: string }[] };
    expect(filtered.hits.map((h) => h.id)).toEqual(['2601.00002']);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await fetch(new URL('api/search?q=diffusion', withSearch.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    const headers = (r: Response) => ['content-type', 'cache-control', 'x-content-type-options'].map((k) => r.headers.get(k));
    expect(headers(head)).toEqual(headers(await get(withSearch, '?q=diffusion')));
    expect(await head.text()).toBe('');
  });

  it('returns hostile titles as JSON data, never as markup', async () => {
    const r = await get(withSearch, '?q=graph');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await r.json()) as { hits: { title: string }[] };
    expect(body.hits[0]?.title).toContain('<script>');
  });

  it('cleans titles as the site does: no bidi overrides or isolates, right-to-left letters kept', async () => {
    const body = (await (await get(withSearch, '?q=quasar')).json()) as { hits: { title: string }[] };
    expect(body.hits.map((h) => h.title)).toEqual(['Quasar TCARTER SI \u05e9\u05dc\u05d5\u05dd']);
  });

  it('rejects bad parameters with 400 and a reason', async () => {
    for (const q of ['', '?q=', '?q=x&limit=0', '?q=x&limit=abc', '?q=x&limit=1.5', '?q=x&limit=1e1', '?q=x&limit=0x10', '?q=x&limit= 5', '?q=x&categories=cs.LG;drop', `?q=${'x'.repeat(501)}`]) {
      const r = await get(withSearch, q);
      expect(r.status, q).toBe(400);
      expect(((await r.json()) as { error: string }).error).toBeTruthy();
    }
    expect(readSearchRequest(new URLSearchParams('q=a b&limit=100&categories=cs.LG, math.ST'))).toEqual({
      query: 'a b',
      options: { limit: 100, categories: ['cs.LG', 'math.ST'] },
    });
    // Aliases collapse and an archive stands for its categories and its bare legacy id, as in `search --categories`.
    const cats = (q: string) => (readSearchRequest(new URLSearchParams(q)) as { options: { categories: readonly string[] } }).options.categories;
    expect(cats('q=x&categories=cs.SY')).toEqual(['eess.SY']);
    expect(cats('q=x&categories=astro-ph')).toEqual(expect.arrayContaining(['astro-ph', 'astro-ph.CO', 'astro-ph.GA']));
  });

  it('is absent without a store, and a failing store is a 500 with a logged line', async () => {
    expect((await get(without, '?q=diffusion')).status).toBe(404);
    const broken = await serveSite(path.join(dir, 'site'), { search: () => Promise.reject(new Error('disk gone')), log: (l) => logged.push(l) });
    try {
      const r = await fetch(new URL('api/search?q=x', broken.url));
      expect(r.status).toBe(500);
      expect(await r.text()).not.toContain('disk gone');
      expect(logged.at(-1)).toBe('archive search failed: disk gone');
    } finally {
      await broken.close();
    }
  });
});
