/**
 * SQLite driver of the Store: one file (or `:memory:`), WAL, schema migrations, idempotent upserts.
 * Opened by `openStore` for a plain path, `sqlite:PATH` or `file:PATH`; tests call the factory directly.
 */
import type Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import type { Paper, RunReport } from '../types.js';
import { openDatabase, toStoreError } from './sqlite-open.js';
import { createSqliteOps } from './sqlite-ops.js';
import type { SqliteOps } from './sqlite-ops.js';
import { parseSearchQuery, toFts5Query } from './search-query.js';
import type {
  ListPapersOptions,
  SaveSummariesOptions,
  SearchOptions,
  Store,
  StoreOpenOptions,
  StoredDay,
  StoredEmbedding,
  StoredSummary,
} from './types.js';
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

export const DRIVER_NAME = 'sqlite';

export interface SqliteStoreOptions extends StoreOpenOptions {
  /** Database file; parent directories are created. `:memory:` gives a private in-memory database (tests). */
  path: string;
  /**
   * Open for reading only: the file must exist with the current schema, and every write rejects.
   * @default false
   */
  readonly?: boolean;
  /**
   * How long a write waits for another process's write lock before failing, in milliseconds.
   * @default 5000
   */
  busyTimeoutMs?: number;
}

/**
 * Open (creating and migrating if needed) a SQLite store.
 * Semantics are those of {@link Store}; in short:
 * - `upsertPapers`: every (id, version) is kept; the paper reads as its highest version; for a version already
 *   stored, null or empty fields and an unconfirmed primary never replace stored values, categories are unioned
 *   (a reclassified primary brings its own), other fields update.
 * - `saveDay`: listings merge into the date; a paper keeps its first position; categories are unioned; `source`
 *   stays the first one recorded; `reconstructed` sticks once true. Every listed version must be stored first.
 * - `saveRun`: inserts a run, or replaces the run whose `id` the report carries.
 * @throws StoreError when the file cannot be opened, is not a preprint-digest database, or has a newer schema.
 */
export default function sqliteStore(options: SqliteStoreOptions): Store {
  const location = options.path;
  const maintainIndex = (options.searchIndex ?? 'maintain') === 'maintain';
  const opened = openDatabase(options);
  let db: Database.Database | null = opened.db;
  let ops: SqliteOps | null = createSqliteOps(db);

  // Methods answer synchronously inside; errors become rejections so callers see one async contract.
  function call<T>(action: string, write: boolean, fn: (o: SqliteOps) => T): Promise<T> {
    try {
      if (!ops) throw new StoreError(`cannot ${action}: the store is closed`);
      if (write && opened.readOnly) throw new StoreError(`cannot ${action}: ${opened.readOnly}`);
      return Promise.resolve(fn(ops));
    } catch (err) {
      return Promise.reject(toStoreError(err, location, action));
    }
  }

  return {
    name: DRIVER_NAME,
    capabilities: { search: true },
    upsertPapers: (papers: readonly Paper[]) =>
      call('save papers', true, (o) => {
        assertPapers(papers);
        o.upsertPapers(papers, new Date().toISOString(), maintainIndex);
      }),
    getPapers: (ids: readonly string[]) => call('read papers', false, (o) => o.getPapers(ids)),
    getVersion: (id: string, version: number) => call('read a paper version', false, (o) => o.getVersion(id, version)),
    saveDay: (day: StoredDay) =>
      call(`save day ${day.date}`, true, (o) => {
        assertDay(day);
        o.saveDay(day, new Date().toISOString());
      }),
    getDay: (date: string) => call(`read day ${date}`, false, (o) => o.getDay(date)),
    listDays: () => call('list days', false, (o) => o.listDays()),
    firstSeen: (ids: readonly string[], date: string) =>
      call('look up earlier days', false, (o) => {
        assertDate(date);
        return o.firstSeen(ids, date);
      }),
    getSummaries: (keys: readonly string[]) => call('read summaries', false, (o) => o.getSummaries(keys)),
    summariesOfPapers: (papers) => call('read summaries', false, (o) => o.summariesOfPapers(papers)),
    saveSummaries: (summaries: readonly StoredSummary[], opts?: SaveSummariesOptions) =>
      call('save summaries', true, (o) => {
        assertSummaries(summaries);
        return o.saveSummaries(summaries, opts?.ifAbsent ?? false);
      }),
    ...archiveMethods(call),
    ...stateAndSearchMethods(call),
    ...runMethods(call),
    async close() {
      const open = db;
      db = null;
      ops = null;
      open?.close();
    },
  };
}

type Call = <T>(action: string, write: boolean, fn: (o: SqliteOps) => T) => Promise<T>;

/** The run reports. */
function runMethods(call: Call): Pick<Store, 'saveRun' | 'listRuns'> {
  return {
    saveRun: (report: RunReport) =>
      call('save the run report', true, (o) => {
        assertRun(report);
        return o.saveRun(report);
      }),
    listRuns: (limit: number) =>
      call('list runs', false, (o) => {
        assertLimit(limit);
        return o.listRuns(limit);
      }),
  };
}

/** Durable job state and the full-text search. */
function stateAndSearchMethods(call: Call): Pick<Store, 'getState' | 'setState' | 'search' | 'rebuildSearchIndex'> {
  return {
    getState: (key: string) =>
      call('read state', false, (o) => {
        assertState(key);
        return o.search.getState(key);
      }),
    setState: (key: string, value: string | null) =>
      call(`save state ${key}`, true, (o) => {
        assertState(key, value);
        o.search.setState(key, value, new Date().toISOString());
      }),
    search: (query: string, options?: SearchOptions) =>
      call('search', false, (o) => {
        const limit = searchLimit(options);
        const parts = parseSearchQuery(String(query));
        const match = toFts5Query(parts);
        if (match === null || limit === 0) return [];
        const categories = options?.categories?.length ? options.categories : undefined;
        return o.search.search(match, limit, categories, parts.map((p) => p.text));
      }),
    rebuildSearchIndex: () => call('rebuild the search index', true, (o) => o.search.rebuild()),
  };
}

/** What ranking reads and caches: archive scans and embeddings. */
function archiveMethods(call: Call): Pick<Store, 'listPapers' | 'countPapers' | 'getEmbeddings' | 'saveEmbeddings'> {
  return {
    listPapers: (options: ListPapersOptions) =>
      call('list papers', false, (o) => {
        assertLimit(options.limit);
        return o.listPapers(options);
      }),
    countPapers: () => call('count papers', false, (o) => o.countPapers()),
    getEmbeddings: (model: string, keys: readonly { id: string; version: number }[]) =>
      call('read embeddings', false, (o) => o.getEmbeddings(model, keys)),
    saveEmbeddings: (embeddings: readonly StoredEmbedding[]) =>
      call('save embeddings', true, (o) => {
        assertEmbeddings(embeddings);
        o.saveEmbeddings(embeddings, new Date().toISOString());
      }),
  };
}
