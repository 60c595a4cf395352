// The SQLite driver's two-tier search beyond the contract: bounded candidate sets (TITLE_CANDIDATES) and the
// title index added by schema 4 on a database that predates it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { TITLE_CANDIDATES } from '../../src/store/sqlite-search.js';
import sqliteStore from '../../src/store/sqlite.js';
import { SEARCH_INDEX_STATE_KEY } from '../../src/store/types.js';
import type { Store } from '../../src/store/types.js';
import type { Paper } from '../../src/types.js';
import { apiPaper } from '../contracts/store-fixtures.js';

const root = mkdtempSync(path.join(tmpdir(), 'pd-sqlite-search-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const paper = (n: number, title: string, abstract = 'Nothing to see.', categories = ['cs.LG']): Paper =>
  apiPaper(`2601.${String(n).padStart(5, '0')}`, 1, { title, abstract, categories, primaryCategory: categories[0] as string });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const ids = (hits: readonly { id: string }[]) => hits.map((h) => h.id);

async function withStore(fn: (s: Store) => Promise<void>): Promise<void> {
  const s = await sqliteStore({ path: ':memory:' });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

describe('sqlite search: bounded candidates', () => {
  test('title matches come first even when far more, newer papers match elsewhere', () =>
    withStore(async (s) => {
      await s.upsertPapers(range(1, 30).map((n) => paper(n, `Kriging with covariates, part ${n}`)));
      // Newer than every title match and more than the cap: these would fill the candidates if tiers were one.
      const abstractOnly = range(100, TITLE_CANDIDATES + 200);
      await s.upsertPapers(abstractOnly.map((n) => paper(n, `Spatial statistics ${n}`, 'Kriging, kriging and kriging.')));
      const top = await s.search!('kriging', { limit: 20 });
      expect(top).toHaveLength(20);
      for (const h of top) expect(h.title).toMatch(/^Kriging/);
      const more = await s.search!('kriging', { limit: 50 });
      expect(more.slice(0, 30).every((h) => h.title.startsWith('Kriging'))).toBe(true);
      expect(more.slice(30).every((h) => h.title.startsWith('Spatial'))).toBe(true);
      for (let i = 1; i < more.length; i++) expect(more[i - 1]!.score).toBeGreaterThanOrEqual(more[i]!.score);
    }));

  test('more title matches than the cap: the best of the newest ones, ranked', () =>
    withStore(async (s) => {
      await s.upsertPapers([paper(1, 'Kriging')]); // best by bm25, but older than the newest TITLE_CANDIDATES
      const notes = (from: number, count: number) => range(from, count).map((n) => paper(n, `Notes on kriging for survey number ${n}`));
      await s.upsertPapers(notes(10, 600));
      await s.upsertPapers([paper(5000, 'Kriging revisited')]); // neither the newest nor the oldest candidate
      await s.upsertPapers(notes(610, TITLE_CANDIDATES - 500));
      const hits = await s.search!('kriging', { limit: 5 });
      expect(hits[0]?.title).toBe('Kriging revisited');
      expect(ids(hits)).not.toContain('2601.00001'); // the documented approximation: outside the candidates
      expect(hits).toHaveLength(5);
    }));

  test('a category filter applies before the cap', () =>
    withStore(async (s) => {
      await s.upsertPapers([paper(1, 'Kriging for neurons', 'x', ['q-bio.NC'])]);
      await s.upsertPapers(range(10, TITLE_CANDIDATES + 100).map((n) => paper(n, `Kriging notes ${n}`)));
      expect(ids(await s.search!('kriging', { categories: ['q-bio.NC'] }))).toEqual(['2601.00001']);
      expect(ids(await s.search!('neurons kriging', { categories: ['q-bio.NC', 'cs.LG'] }))).toEqual(['2601.00001']);
    }));
});

test('papers stored in one call go into one FTS5 segment per index, and all are found', async () => {
  const file = path.join(root, 'segments.sqlite');
  const s = sqliteStore({ path: file });
  const raw = new Database(file);
  try {
    // No merging (1999: the most segments FTS5 allows before a crisis merge), so every segment written stays
    // countable: one per new paper when search_docs and FTS5 writes interleaved. Each segment has rows in %_idx.
    for (const t of ['search_index', 'search_titles']) {
      raw.exec(`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', 0); INSERT INTO ${t} (${t}, rank) VALUES ('crisismerge', 1999)`);
    }
    const words = range(1001, 200).map((n) => `zeta${n}`); // none a prefix or a stem of another
    await s.upsertPapers(words.map((w, i) => paper(i + 1, `Notes on ${w}`, `The ${w} abstract.`)));
    for (const t of ['search_index', 'search_titles']) {
      expect(raw.prepare(`SELECT count(DISTINCT segid) FROM ${t}_idx`).pluck().get()).toBe(1);
    }
    for (const [i, w] of words.entries()) expect(ids(await s.search!(w))).toEqual([`2601.${String(i + 1).padStart(5, '0')}`]);
  } finally {
    raw.close();
    await s.close();
  }
});

test('a schema 3 database gets its title index on opening', async () => {
  const file = path.join(root, 'old.sqlite');
  const s = await openStore(file);
  await s.upsertPapers([paper(1, 'Kriging for neurons'), paper(2, 'Other things', 'Kriging in passing.')]);
  await s.close();
  // What schema 3 was: no search_titles.
  const db = new Database(file);
  db.exec('DROP TABLE search_titles; ALTER TABLE days DROP COLUMN incomplete');
  db.pragma('user_version = 3');
  db.close();
  const reopened = await openStore(file);
  try {
    expect(ids(await reopened.search!('kriging'))).toEqual(['2601.00001', '2601.00002']);
    const [first, second] = await reopened.search!('kriging');
    expect(first!.score).toBeGreaterThan(1); // found by the title tier
    expect(second!.score).toBeLessThan(1);
  } finally {
    await reopened.close();
  }
});

test('a schema 5 database with indexed papers is marked stale (TeX read as letters from schema 6); reindex clears it', async () => {
  const file = path.join(root, 'schema5.sqlite');
  const s = await openStore(file);
  await s.upsertPapers([paper(1, 'Schr\\"odinger bridges')]);
  await s.close();
  // What schema 5 indexed: the TeX as stored.
  const db = new Database(file);
  db.exec(`INSERT OR REPLACE INTO search_index (rowid, title, authors, abstract) SELECT doc, 'Schr\\"odinger bridges', '', '' FROM search_docs;
    INSERT OR REPLACE INTO search_titles (rowid, title) SELECT doc, 'Schr\\"odinger bridges' FROM search_docs`);
  db.pragma('user_version = 5');
  db.close();
  const reopened = await openStore(file);
  try {
    expect(await reopened.getState(SEARCH_INDEX_STATE_KEY)).toBe('stale');
    expect(await reopened.search!('schrodinger')).toEqual([]);
    await reopened.rebuildSearchIndex!();
    expect(await reopened.getState(SEARCH_INDEX_STATE_KEY)).toBeNull();
    expect(ids(await reopened.search!('schrodinger'))).toEqual(['2601.00001']);
  } finally {
    await reopened.close();
  }
  // A new store has nothing indexed to rebuild.
  const fresh = await openStore(path.join(root, 'fresh.sqlite'));
  expect(await fresh.getState(SEARCH_INDEX_STATE_KEY)).toBeNull();
  await fresh.close();
});
