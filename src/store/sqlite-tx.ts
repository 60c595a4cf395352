/** How the SQLite driver opens its write transactions (shared by the store's ops and the search index's). */
import type { Database } from 'better-sqlite3';

/**
 * `fn` as a write transaction: BEGIN IMMEDIATE takes the write lock first, waiting out the busy timeout while
 * another process writes. A DEFERRED transaction that reads before writing (upsertPapers, saveDay) must upgrade
 * its read lock, and SQLite fails that upgrade at once with SQLITE_BUSY, without calling the busy handler: two
 * `run`s on one store died after milliseconds. Reads stay deferred; a lone write statement (saveRun, setState)
 * takes the write lock as it starts, so it waits like an immediate transaction.
 */
export function writeTransaction<A extends unknown[], R>(db: Database, fn: (...args: A) => R): (...args: A) => R {
  return db.transaction(fn).immediate;
}
