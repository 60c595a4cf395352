// Accent folding of the PostgreSQL store (schema 4): the same letters as the SQLite driver's FTS5 tokenizer, and
// what an upgrade does to an index built before it. The contract suite (store-search.ts) checks the searches.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { PG_MIGRATIONS, migratePg } from '../../src/store/postgres-schema.js';
import { SEARCH_INDEX_STATE_KEY } from '../../src/store/types.js';
import { PG_ADMIN_URL, services } from '../helpers/services.js';
import { createTestDatabase } from './postgres-db.js';
import type { TestDatabase } from './postgres-db.js';

/** Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional (Vietnamese, transliterations). */
const LATIN = [...range(0xc0, 0x24f), ...range(0x1e00, 0x1eff)].map((cp) => String.fromCodePoint(cp));

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** What FTS5 (`unicode61 remove_diacritics 2`, the SQLite driver's tokenizer) makes of each letter, lower case. */
function fts5Folds(letters: readonly string[]): Map<string, string> {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE terms USING fts5vocab(t, 'instance');`);
    const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
    letters.forEach((ch, i) => insert.run(i + 1, `q${ch}q`));
    const rows = db.prepare('SELECT doc, term FROM terms').all() as { doc: number; term: string }[];
    // A letter FTS5 splits words at (×, ÷) gives two terms: not a letter to fold.
    const single = rows.filter((r) => rows.filter((o) => o.doc === r.doc).length === 1);
    return new Map(single.map((r) => [letters[r.doc - 1]!, r.term.slice(1, -1)]));
  } finally {
    db.close();
  }
}

describe.skipIf(!services.postgres)('postgres store: accents', () => {
  let db: TestDatabase | null = null;
  let n = 0;
  beforeAll(async () => {
    db = await createTestDatabase(PG_ADMIN_URL, 'fold');
  });
  afterAll(async () => {
    await db?.drop();
  });
  const freshUrl = async (): Promise<string> => {
    const schema = `f${n++}`;
    const admin = new pg.Client({ connectionString: db!.url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`).finally(() => admin.end());
    return `${db!.url}?options=${encodeURIComponent(`-csearch_path=${schema}`)}`;
  };
  /** A store left at schema `version`, with `setup` run on it there. */
  const storeAt = async (url: string, version: number, setup: (c: pg.PoolClient) => Promise<void>): Promise<void> => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    try {
      await migratePg(client, 'test', PG_MIGRATIONS.slice(0, version));
      await setup(client);
    } finally {
      client.release();
      await pool.end();
    }
  };

  /** The time of the stale mark, if any (what a later reindex compares its start with). */
  const markTime = async (url: string): Promise<string | undefined> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const res = await client.query<{ t: string }>('SELECT updated_at AS t FROM state WHERE key = $1', [SEARCH_INDEX_STATE_KEY]).finally(() => client.end());
    return res.rows[0]?.t;
  };

  it('folds the Latin letters FTS5 folds, and leaves the others as they are', async () => {
    const url = await freshUrl();
    await (await openStore(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const res = await client.query<{ f: string[] }>('SELECT array_agg(preprint_digest_fold(c) ORDER BY n) AS f FROM unnest($1::text[]) WITH ORDINALITY AS l(c, n)', [LATIN]);
    await client.end();
    const ours = res.rows[0]!.f;
    const theirs = fts5Folds(LATIN);
    // Long s (ſ, ẛ: FTS5 makes them s) and ǡ (FTS5 keeps it, though it is ȧ with a macron) never occur in arXiv text.
    const exceptions = new Set(['ſ', 'ẛ', 'Ǡ', 'ǡ']);
    const differ = LATIN.filter((ch, i) => theirs.has(ch) && !exceptions.has(ch) && ours[i]!.toLowerCase() !== theirs.get(ch));
    expect(differ).toEqual([]);
    expect(theirs.size).toBeGreaterThan(LATIN.length - 5);
    expect(ours.filter((f, i) => f !== LATIN[i]).length).toBeGreaterThan(400);
  });

  it('an index built before schema 4 is marked stale; reindex folds it and clears the mark', async () => {
    const url = await freshUrl();
    await storeAt(url, 3, async (c) => {
      await c.query(`INSERT INTO papers VALUES ('2601.00001', 1, 'now', 'now')`);
      await c.query(`INSERT INTO versions (id, version, title, authors, abstract, categories, primary_category,
        primary_confirmed, stored_at) VALUES ('2601.00001', 1, 'Erdős problems', '{Ada}', 'Text.', '{math.CO}', 'math.CO', true, 'now')`);
      await c.query(`INSERT INTO search_docs SELECT id, version, categories, to_tsvector('english'::regconfig, title) FROM versions`);
      await c.query(`INSERT INTO search_titles SELECT id, categories, to_tsvector('english'::regconfig, title) FROM versions`);
    });
    const before = new Date().toISOString();
    const s = await openStore(url);
    try {
      expect(await s.getState(SEARCH_INDEX_STATE_KEY)).toBe('stale');
      // In the format of the times reindex compares it with (a mark set after a rebuild began survives it).
      expect(await markTime(url)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect((await markTime(url))! >= before.slice(0, 16)).toBe(true);
      expect(await s.search!('erdos')).toEqual([]); // the entry still has its accent
      await s.rebuildSearchIndex!();
      expect(await s.getState(SEARCH_INDEX_STATE_KEY)).toBeNull();
      expect((await s.search!('erdos')).map((h) => h.id)).toEqual(['2601.00001']);
    } finally {
      await s.close();
    }
  });

  it('an index built before schema 6 is marked stale; reindex reads its TeX accents and clears the mark', async () => {
    const url = await freshUrl();
    await storeAt(url, 5, async (c) => {
      await c.query(`INSERT INTO papers VALUES ('2601.00001', 1, 'now', 'now')`);
      await c.query(`INSERT INTO versions (id, version, title, authors, abstract, categories, primary_category,
        primary_confirmed, stored_at) VALUES ('2601.00001', 1, $1, '{Ada}', 'Text.', '{math.CO}', 'math.CO', true, 'now')`, ['Schr\\"odinger bridges']);
      await c.query(`INSERT INTO search_docs SELECT id, version, categories, to_tsvector('english'::regconfig, title) FROM versions`);
      await c.query(`INSERT INTO search_titles SELECT id, categories, to_tsvector('english'::regconfig, title) FROM versions`);
    });
    const s = await openStore(url);
    try {
      expect(await s.getState(SEARCH_INDEX_STATE_KEY)).toBe('stale');
      expect(await s.search!('schrodinger')).toEqual([]);
      await s.rebuildSearchIndex!();
      expect(await s.getState(SEARCH_INDEX_STATE_KEY)).toBeNull();
      expect((await s.search!('schrodinger')).map((h) => h.id)).toEqual(['2601.00001']);
    } finally {
      await s.close();
    }
  });

  it('an empty index is not marked stale by the upgrade, nor is a new store', async () => {
    const url = await freshUrl();
    await storeAt(url, 3, async () => undefined);
    for (const u of [url, await freshUrl()]) {
      const s = await openStore(u);
      expect(await s.getState(SEARCH_INDEX_STATE_KEY)).toBeNull();
      await s.close();
    }
  });

  it('a stale mark already there (a deferred import) keeps its time', async () => {
    const url = await freshUrl();
    const at = '2026-01-30T10:00:00.000Z';
    await storeAt(url, 3, async (c) => {
      await c.query(`INSERT INTO papers VALUES ('2601.00001', 1, 'now', 'now')`);
      await c.query(`INSERT INTO search_docs VALUES ('2601.00001', 1, '{math.CO}', to_tsvector('english', 'Erdős'))`);
      await c.query(`INSERT INTO state VALUES ($1, 'stale', $2)`, [SEARCH_INDEX_STATE_KEY, at]);
    });
    await (await openStore(url)).close();
    expect(await markTime(url)).toBe(at);
  });
});
