// What only the PostgreSQL driver has: connection errors in one line without the password, migrations that are
// idempotent and safe when several workers open a new database at once, and stores sharing one database.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, MissingStoreError, StoreError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import postgresStore from '../../src/store/postgres.js';
import { PG_MIGRATIONS, migratePg } from '../../src/store/postgres-schema.js';
import { DOC_CANDIDATES, TITLE_CANDIDATES } from '../../src/store/postgres-search.js';
import { apiPaper } from '../contracts/store-fixtures.js';
import { createTestDatabase } from './postgres-db.js';
import type { TestDatabase } from './postgres-db.js';
import { PG_ADMIN_URL, PG_HOST, PG_PORT, services, closedPort } from '../helpers/services.js';

describe('postgres store: URL and connection errors', () => {
  it('a refused connection names host, port and database, not the password', async () => {
    const port = await closedPort();
    const opening = openStore(`postgres://alice:hunter2-secret@127.0.0.1:${port}/digest_x`);
    await expect(opening).rejects.toThrow(StoreError);
    const err = (await opening.catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(`[store] cannot connect to PostgreSQL at 127.0.0.1:${port} (database "digest_x"): connection refused`);
    expect(err.message).not.toMatch(/hunter2|alice/);
  });

  it('a server that never answers times out within the connect timeout', async () => {
    // Accepts the TCP connection and then says nothing, like a firewall black hole or a wedged server.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      const opening = postgresStore({ url: `postgres://u:pw-secret@127.0.0.1:${port}/db`, connectTimeoutMs: 400 });
      await expect(opening).rejects.toThrow(/cannot connect to PostgreSQL at 127\.0\.0\.1:\d+ \(database "db"\): connection timed out/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('an unknown host is named (the .invalid domain never resolves)', async () => {
    await expect(openStore('postgres://u:pw-secret@no-such-host.invalid/db')).rejects.toThrow(
      /^\[store\] cannot connect to PostgreSQL at no-such-host\.invalid:5432 \(database "db"\): (unknown host|host name lookup failed)$/,
    );
  });

  it('a malformed URL is a ConfigError that does not repeat it', async () => {
    for (const url of ['postgres://u:pw-secret@[::1/db', 'postgres://u:pw-secret@host:99999/db']) {
      const err = (await openStore(url).catch((e: unknown) => e)) as Error;
      expect(err, url).toBeInstanceOf(ConfigError);
      expect(err.message).not.toMatch(/pw-secret/);
    }
  });
});

describe.skipIf(!services.postgres)('postgres store: on the server', () => {
  let db: TestDatabase | null = null;
  let admin: pg.Pool | null = null;
  let n = 0;
  beforeAll(async () => {
    db = await createTestDatabase(PG_ADMIN_URL, 'driver');
    admin = new pg.Pool({ connectionString: db.url, max: 2 });
    // pool.end() resolves before its connections are gone; the drop's FORCE may end one first.
    admin.on('error', () => undefined);
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });
  const freshSchema = async (): Promise<{ schema: string; url: string }> => {
    const schema = `d${n++}`;
    await admin!.query(`CREATE SCHEMA ${schema}`);
    return { schema, url: `${db!.url}?options=${encodeURIComponent(`-csearch_path=${schema}`)}` };
  };
  const migrations = async (schema: string): Promise<number[]> =>
    (await admin!.query<{ version: number }>(`SELECT version FROM ${schema}.preprint_digest_migrations ORDER BY version`)).rows.map((r) => r.version);

  it('a missing database is named in one line, with the password masked', async () => {
    const url = new URL(PG_ADMIN_URL);
    url.password = 'pw-secret';
    url.pathname = '/pd_no_such_database';
    const err = (await openStore(url.toString()).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toBe(
      `[store] cannot connect to PostgreSQL at ${PG_HOST}:${PG_PORT} (database "pd_no_such_database"): the database does not exist (create it with createdb or CREATE DATABASE)`,
    );
    expect(err.message).not.toMatch(/pw-secret|\n/);
  });

  it('migrations run once; reopening keeps the data', async () => {
    const { schema, url } = await freshSchema();
    const first = await openStore(url);
    await first.upsertPapers([apiPaper('2601.00001')]);
    await first.close();
    const again = await openStore(url);
    expect(await again.countPapers()).toBe(1);
    await again.close();
    expect(await migrations(schema)).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('opened as an existing store, a schema without ours is refused and left empty; ours opens', async () => {
    const { schema, url } = await freshSchema();
    const err = (await openStore(url, { existing: true }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(MissingStoreError);
    const tables = await admin!.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [schema]);
    expect(tables.rows[0]!.n).toBe(0);
    await (await openStore(url)).close();
    const existing = await openStore(url, { existing: true });
    expect(await existing.countPapers()).toBe(0);
    await existing.close();
  });

  it('several workers opening a new database at once all succeed, migrating it once', async () => {
    const { schema, url } = await freshSchema();
    const stores = await Promise.all(Array.from({ length: 5 }, () => openStore(url)));
    await Promise.all(stores.map((s, i) => s.upsertPapers([apiPaper(`2601.0000${i}`)])));
    expect(await stores[0]!.countPapers()).toBe(5);
    await Promise.all(stores.map((s) => s.close()));
    expect(await migrations(schema)).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('a database at schema 2 with indexed papers is upgraded, its titles indexed for the first search tier', async () => {
    const { schema, url } = await freshSchema();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await migratePg(client, 'test', PG_MIGRATIONS.slice(0, 2));
      await client.query(`INSERT INTO papers VALUES ('2601.00001', 1, 'now', 'now')`);
      await client.query(`INSERT INTO versions (id, version, title, authors, abstract, categories, primary_category,
        primary_confirmed, stored_at) VALUES ('2601.00001', 1, 'Kriging with kernels', '{Ada}', 'Text.', '{stat.ML}', 'stat.ML', true, 'now')`);
      // The document as schema 2 wrote it (today's folds accents with a function of schema 4).
      await client.query(`INSERT INTO search_docs SELECT v.id, v.version, v.categories,
        setweight(to_tsvector('english'::regconfig, v.title), 'A') FROM versions v`);
    } finally {
      client.release();
      await pool.end();
    }
    const s = await openStore(url);
    try {
      expect(await migrations(schema)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      const [hit] = await s.search!('kriging kernels');
      expect(hit).toMatchObject({ id: '2601.00001', title: 'Kriging with kernels' });
      expect(hit!.score).toBeGreaterThan(1); // found through the title tier
    } finally {
      await s.close();
    }
  });

  it('a database written by a newer build is refused', async () => {
    const { schema, url } = await freshSchema();
    await (await openStore(url)).close();
    await admin!.query(`INSERT INTO ${schema}.preprint_digest_migrations (version, description) VALUES (99, 'future')`);
    await expect(openStore(url)).rejects.toThrow(/newer preprint-digest \(schema version 99/);
  });

  it('a deferring importer and a maintaining worker on one database', async () => {
    const { url } = await freshSchema();
    const bulk = await openStore(url, { searchIndex: 'defer' });
    const worker = await openStore(url);
    try {
      await bulk.upsertPapers([apiPaper('2601.00001', 1, { title: 'Kriging with kernels' })]);
      await worker.upsertPapers([apiPaper('2601.00002', 1, { title: 'Kriging at scale' })]);
      // The worker's paper is indexed at once; the importer's waits for the rebuild.
      expect((await worker.search!('kriging')).map((h) => h.id)).toEqual(['2601.00002']);
      expect(await worker.getState('store:search-index')).toBe('stale');
      await bulk.rebuildSearchIndex!();
      expect((await worker.search!('kriging')).map((h) => h.id).sort()).toEqual(['2601.00001', '2601.00002']);
      expect(await worker.getState('store:search-index')).toBeNull();
    } finally {
      await bulk.close();
      await worker.close();
    }
  });

  it('concurrent saveDay calls for one date keep every listing once, in distinct positions', async () => {
    const { url } = await freshSchema();
    const stores = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    try {
      const papers = Array.from({ length: 30 }, (_, i) => apiPaper(`2601.${String(i).padStart(5, '0')}`));
      await stores[0]!.upsertPapers(papers);
      const slices = [papers.slice(0, 15), papers.slice(10, 25), papers.slice(20)];
      await Promise.all(
        stores.map((s, i) =>
          s.saveDay({ date: '2026-01-30', categories: [`c${i}`], source: 'rss', reconstructed: false,
            listings: slices[i]!.map((p) => ({ id: p.id, version: 1, announceType: 'new' as const })) }),
        ),
      );
      const got = await stores[0]!.getDay('2026-01-30');
      expect(got?.listings.map((l) => l.id).sort()).toEqual(papers.map((p) => p.id));
      expect([...(got?.categories ?? [])].sort()).toEqual(['c0', 'c1', 'c2']);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('search ranks papers whose title has every word first, then the rest, scores falling', async () => {
    const { url } = await freshSchema();
    const s = await openStore(url);
    try {
      await s.upsertPapers([
        apiPaper('2601.00001', 1, { title: 'Notes', abstract: 'Kernel ridge kernel ridge kernel ridge regression, kernel ridge.' }),
        apiPaper('2601.00002', 1, { title: 'Kernel ridge regression revisited', abstract: 'Short.' }),
        apiPaper('2601.00003', 1, { title: 'Ridge estimators', abstract: 'Kernels too.' }),
      ]);
      const hits = await s.search!('kernel ridge');
      expect(hits.map((h) => h.id)).toEqual(['2601.00002', '2601.00001', '2601.00003']);
      expect(hits[0]!.score).toBeGreaterThan(1);
      expect(hits[1]!.score).toBeLessThan(1);
      expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score);
      expect((await s.search!('kernel ridge', { limit: 1 })).map((h) => h.id)).toEqual(['2601.00002']);
    } finally {
      await s.close();
    }
  });

  it('a query matching more titles than the candidate cap still returns a full, filtered, ordered page', async () => {
    const { url } = await freshSchema();
    const s = await openStore(url, { searchIndex: 'defer' });
    try {
      const n = TITLE_CANDIDATES + 200;
      await s.upsertPapers(
        Array.from({ length: n }, (_, i) =>
          apiPaper(`2602.${String(i).padStart(5, '0')}`, 1, {
            title: i % 2 ? `Sparse coding ${i}` : `Sparse coding for sparse coding ${i}`,
            categories: i % 3 ? ['cs.LG'] : ['eess.SP'],
            primaryCategory: i % 3 ? 'cs.LG' : 'eess.SP',
          }),
        ),
      );
      await s.rebuildSearchIndex!();
      const hits = await s.search!('sparse coding', { limit: 20, categories: ['eess.SP'] });
      expect(hits).toHaveLength(20);
      for (const h of hits) expect(Number(h.id.slice(5)) % 3).toBe(0);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
      // Titles saying it twice rank above those saying it once, among the candidates.
      expect(Number(hits[0]!.id.slice(5)) % 2).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('workers upserting overlapping batches in opposite orders all succeed', async () => {
    const { url } = await freshSchema();
    const stores = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    try {
      const papers = Array.from({ length: 400 }, (_, i) => apiPaper(`2603.${String(i).padStart(5, '0')}`));
      const orders = [papers, [...papers].reverse(), [...papers.slice(200), ...papers.slice(0, 200)]];
      for (let round = 0; round < 3; round++) await Promise.all(stores.map((s, i) => s.upsertPapers(orders[i]!)));
      expect(await stores[0]!.countPapers()).toBe(400);
      expect((await stores[1]!.search!('convergence method')).length).toBe(20);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a NUL character (which PostgreSQL text cannot hold) is dropped instead of failing the batch', async () => {
    const { url } = await freshSchema();
    const s = await openStore(url);
    try {
      await s.upsertPapers([apiPaper('2601.00001', 1, { title: 'Nul\u0000 title', abstract: 'A\u0000b', authors: ['X\u0000Y'], comment: 'c\u0000' })]);
      expect((await s.getPapers(['2601.00001'])).get('2601.00001')).toMatchObject({ title: 'Nul title', abstract: 'Ab', authors: ['XY'], comment: 'c' });
    } finally {
      await s.close();
    }
  });

  it('a paper a maintaining worker writes during a rebuild is in the rebuilt index; searches answer meanwhile', async () => {
    const { schema, url } = await freshSchema();
    const bulk = await openStore(url, { searchIndex: 'defer' });
    const worker = await openStore(url);
    try {
      await worker.upsertPapers([apiPaper('2604.99999', 1, { title: 'Ordinary kriging' })]);
      await bulk.upsertPapers(Array.from({ length: 3000 }, (_, i) => apiPaper(`2604.${String(i).padStart(5, '0')}`)));
      const rebuilding = bulk.rebuildSearchIndex!();
      await new Promise((resolve) => setTimeout(resolve, 30));
      // Readers are not blocked by the rebuild (the old index answers until the swap).
      expect((await worker.search!('kriging')).map((h) => h.id)).toEqual(['2604.99999']);
      await worker.upsertPapers([apiPaper('2604.88888', 1, { title: 'Universal kriging' })]);
      await rebuilding;
      expect((await worker.search!('kriging')).map((h) => h.id).sort()).toEqual(['2604.88888', '2604.99999']);
      // Every paper is in the new index (a search ranks at most the candidate caps, so count the entries).
      const entries = await admin!.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.search_docs WHERE doc @@ to_tsquery('english', 'convergence')`);
      expect(Number(entries.rows[0]!.n)).toBe(3000);
      expect((await worker.search!('convergence', { limit: 5000 })).length).toBe(TITLE_CANDIDATES + DOC_CANDIDATES);
    } finally {
      await bulk.close();
      await worker.close();
    }
  });
});
