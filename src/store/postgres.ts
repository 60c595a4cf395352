/**
 * PostgreSQL driver of the Store, for many workers sharing one database: a small `pg` pool, schema migrations at
 * open (under an advisory lock), one transaction per batch method, full-text search with tsvector + GIN.
 * Opened by `openStore` for `postgres://…` / `postgresql://…`; a schema other than `public` is chosen the libpq
 * way, `?options=-csearch_path%3Dname`.
 */
import type pg from 'pg';
import { StoreError } from '../errors.js';
import type { Paper, RunReport } from '../types.js';
import { createPool, describeTarget, toPgStoreError } from './postgres-connect.js';
import type { PgPoolOptions, PgTarget } from './postgres-connect.js';
import * as ops from './postgres-ops.js';
import { createReads } from './postgres-read.js';
import type { PgReads } from './postgres-read.js';
import { migratePg } from './postgres-schema.js';
import type { Store, StoreOpenOptions, StoredDay, StoredEmbedding, StoredSummary } from './types.js';
import {
  assertDate,
  assertDay,
  assertEmbeddings,
  assertLimit,
  assertPapers,
  assertRun,
  assertState,
  assertSummaries,
  searchLimit,
} from './validate.js';

export const DRIVER_NAME = 'postgres';

export interface PostgresStoreOptions extends StoreOpenOptions, PgPoolOptions {
  /** `postgres://user:password@host:port/database[?options=-csearch_path%3Dschema]` */
  url: string;
}

interface Open {
  pool: pg.Pool;
  reads: PgReads;
}

/**
 * Connect, migrate, and return the store. Semantics are those of {@link Store} and the SQLite driver.
 * @throws ConfigError for a malformed URL; StoreError naming host:port and database (never the password) when
 * the server cannot be reached, refuses the login, lacks the database, or holds a newer schema.
 */
export default async function postgresStore(options: PostgresStoreOptions): Promise<Store> {
  const target = describeTarget(options.url);
  const pool = createPool(options.url, options);
  try {
    const client = await pool.connect();
    try {
      await migratePg(client, target.where, undefined, { existing: options.existing });
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw toPgStoreError(err, target, 'open the store');
  }
  return buildStore({ pool, reads: createReads(pool) }, target, (options.searchIndex ?? 'maintain') === 'maintain');
}

function buildStore(open: Open, target: PgTarget, maintainIndex: boolean): Store {
  let current: Open | null = open;
  const call = async <T>(action: string, fn: (o: Open) => Promise<T>): Promise<T> => {
    const o = current;
    if (!o) throw new StoreError(`cannot ${action}: the store is closed`);
    try {
      return await fn(o);
    } catch (err) {
      throw toPgStoreError(err, target, action);
    }
  };
  return {
    name: DRIVER_NAME,
    capabilities: { search: true },
    ...paperMethods(call, maintainIndex),
    ...otherMethods(call),
    async close() {
      const o = current;
      current = null;
      await o?.pool.end();
    },
  };
}

type Call = <T>(action: string, fn: (o: Open) => Promise<T>) => Promise<T>;
const now = (): string => new Date().toISOString();

/** Papers, days and the archive scans. */
function paperMethods(call: Call, maintainIndex: boolean) {
  return {
    upsertPapers: (papers: readonly Paper[]) =>
      call('save papers', async (o) => {
        assertPapers(papers);
        if (papers.length > 0) await ops.transaction(o.pool, (c) => ops.upsertPapers(c, papers, now(), maintainIndex));
      }),
    getPapers: (ids) => call('read papers', (o) => o.reads.getPapers(ids)),
    getVersion: (id, version) => call('read a paper version', (o) => o.reads.getVersion(id, version)),
    saveDay: (day: StoredDay) =>
      call(`save day ${day.date}`, async (o) => {
        assertDay(day);
        await ops.transaction(o.pool, (c) => ops.saveDay(c, day, now()));
      }),
    getDay: (date) => call(`read day ${date}`, (o) => o.reads.getDay(date)),
    listDays: () => call('list days', (o) => o.reads.listDays()),
    firstSeen: (ids, date) =>
      call('look up earlier days', (o) => {
        assertDate(date);
        return o.reads.firstSeen(ids, date);
      }),
    listPapers: (options) =>
      call('list papers', (o) => {
        assertLimit(options.limit);
        return o.reads.listPapers(options);
      }),
    countPapers: () => call('count papers', (o) => o.reads.countPapers()),
  } satisfies Partial<Store>;
}

/** Embeddings, summaries, job state, search and run reports. */
function otherMethods(call: Call) {
  return {
    getEmbeddings: (model, keys) => call('read embeddings', (o) => o.reads.getEmbeddings(model, keys)),
    saveEmbeddings: (embeddings: readonly StoredEmbedding[]) =>
      call('save embeddings', async (o) => {
        assertEmbeddings(embeddings);
        if (embeddings.length > 0) await ops.transaction(o.pool, (c) => ops.saveEmbeddings(c, embeddings, now()));
      }),
    getSummaries: (keys) => call('read summaries', (o) => o.reads.getSummaries(keys)),
    summariesOfPapers: (papers) => call('read summaries', (o) => o.reads.summariesOfPapers(papers)),
    saveSummaries: (summaries: readonly StoredSummary[], opts) =>
      call('save summaries', async (o) => {
        assertSummaries(summaries);
        if (summaries.length === 0) return 0;
        return ops.transaction(o.pool, (c) => ops.saveSummaries(c, summaries, opts?.ifAbsent ?? false));
      }),
    getState: (key) =>
      call('read state', (o) => {
        assertState(key);
        return o.reads.getState(key);
      }),
    setState: (key, value) =>
      call(`save state ${key}`, (o) => {
        assertState(key, value);
        return ops.setState(o.pool, key, value, now());
      }),
    search: (query, options) =>
      call('search', (o) => {
        const limit = searchLimit(options);
        return o.reads.search(String(query), limit, options?.categories);
      }),
    rebuildSearchIndex: () =>
      call('rebuild the search index', (o) => {
        const started = now();
        return ops.transaction(o.pool, (c) => ops.rebuildSearchIndex(c, started));
      }),
    saveRun: (report: RunReport) =>
      call('save the run report', async (o) => {
        assertRun(report);
        return ops.transaction(o.pool, (c) => ops.saveRun(c, report));
      }),
    listRuns: (limit) =>
      call('list runs', (o) => {
        assertLimit(limit);
        return o.reads.listRuns(limit);
      }),
  } satisfies Partial<Store>;
}
