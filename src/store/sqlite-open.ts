/**
 * Opening the SQLite file: the folder, the identity and schema check, WAL, and the user's mistakes (a file in the
 * way, a folder they cannot write) as configuration errors (exit 2) rather than store failures.
 *
 * A WAL database needs its index (`-shm`) next to the file, even to be read. A command that only reads an existing
 * store in a folder it cannot write therefore falls back: with the `-wal` and `-shm` of a running writer there, a
 * plain read-only connection; with no `-wal` (every commit is in the file), a read-only copy of the file in memory.
 * better-sqlite3 is built without URI filenames, so SQLite's own `immutable=1` is not available.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, DigestError, MissingStoreError, StoreError } from '../errors.js';
import { migrate } from './migrations.js';
import type { SqliteStoreOptions } from './sqlite.js';

export interface OpenedDatabase {
  db: Database.Database;
  /** Why writes are refused, when they are: asked for read-only, or the folder cannot be written. */
  readOnly: string | null;
}

/** Above this, an unwritable folder's store is not copied into memory; the user is told to make it writable. */
const SNAPSHOT_MAX_BYTES = 1 << 30;

export function openDatabase(options: SqliteStoreOptions): OpenedDatabase {
  const location = options.path;
  const readonly = options.readonly ?? false;
  if (location === '') throw new StoreError('no database path given');
  const inMemory = location === ':memory:';
  if (options.existing && (inMemory || !existsSync(location))) throw new MissingStoreError(`no store at ${location}`);
  if (!inMemory && !readonly) makeFolder(location);
  let db: Database.Database;
  try {
    db = new Database(location, { readonly, fileMustExist: readonly, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (err) {
    throw toStoreError(err, location, `open ${location}`);
  }
  try {
    prepare(db, options, readonly);
    return { db, readOnly: readonly ? `${location} is open read-only` : null };
  } catch (err) {
    db.close();
    if (options.existing && !readonly && code(err) === 'SQLITE_READONLY_DIRECTORY') return readInUnwritableFolder(options);
    throw toStoreError(err, location, `open ${location}`);
  }
}

function prepare(db: Database.Database, options: SqliteStoreOptions, readonly: boolean): void {
  const location = options.path;
  db.pragma('foreign_keys = ON');
  // Identity check first: switching some other application's database to WAL would change their file.
  migrate(db, { location, readonly, existing: options.existing });
  if (!readonly && location !== ':memory:') {
    db.pragma('journal_mode = WAL');
    // Safe with WAL: a power cut may lose the last commits but never corrupts the file.
    db.pragma('synchronous = NORMAL');
  }
}

/** A store a read-only command may read though SQLite cannot create its WAL index in the folder (see top). */
function readInUnwritableFolder(options: SqliteStoreOptions): OpenedDatabase {
  const location = options.path;
  const readOnly = `${location} is in a folder this user cannot write, so it was opened read-only`;
  let db: Database.Database;
  if (existsSync(`${location}-wal`)) {
    try {
      db = new Database(location, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs ?? 5000 });
    } catch (err) {
      throw unwritableFolder(location, err);
    }
  } else {
    if (statSync(location).size > SNAPSHOT_MAX_BYTES) throw unwritableFolder(location);
    const copy = readFileSync(location);
    // File format bytes 18–19: 2 = WAL, which an in-memory database cannot open; 1 = rollback journal.
    copy[18] = 1;
    copy[19] = 1;
    db = new Database(copy, { readonly: true });
  }
  try {
    prepare(db, { ...options, path: location }, true);
  } catch (err) {
    db.close();
    throw code(err).startsWith('SQLITE_READONLY') || code(err) === 'SQLITE_CANTOPEN' ? unwritableFolder(location, err) : toStoreError(err, location, `open ${location}`);
  }
  return { db, readOnly };
}

function unwritableFolder(location: string, cause?: unknown): ConfigError {
  const folder = path.dirname(path.resolve(location));
  return new ConfigError(
    `cannot open the store ${location}: its folder ${folder} is not writable, and SQLite needs to write its WAL index (${path.basename(location)}-shm) there, even to read; make the folder writable or pick another --db`,
    { cause },
  );
}

/** The store's folder; a file in its way or a folder we may not write is the user's to fix (exit 2), not a bug. */
function makeFolder(location: string): void {
  const folder = path.dirname(path.resolve(location));
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    const why = code(err) === 'EEXIST' || code(err) === 'ENOTDIR' ? 'a file is in the way' : code(err) === 'EACCES' || code(err) === 'EPERM' ? 'permission denied' : null;
    if (why) throw new ConfigError(`cannot create the folder ${folder} for the store ${location}: ${why}; pick another --db`, { cause: err });
    throw toStoreError(err, location, `open ${location}`);
  }
}

function isWritable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function code(err: unknown): string {
  return String((err as { code?: unknown }).code ?? '');
}

/** One-line message for the user; the SQLite error stays as `cause`. */
export function toStoreError(err: unknown, location: string, action: string): DigestError {
  if (err instanceof DigestError) return err;
  const c = code(err);
  const folder = location === ':memory:' ? null : path.dirname(path.resolve(location));
  if (c === 'SQLITE_NOTADB') return new StoreError(`${location} is not a preprint-digest database`, { cause: err });
  // A new file the folder cannot take, or a WAL index the folder cannot take: the user's to fix, like makeFolder's.
  if (folder && (c === 'SQLITE_READONLY_DIRECTORY' || (c === 'SQLITE_CANTOPEN' && !existsSync(location))) && !isWritable(folder)) {
    return new ConfigError(`cannot ${action}: the folder ${folder} is not writable; pick another --db`, { cause: err });
  }
  const reason = err instanceof Error ? err.message : String(err);
  const why = c.startsWith('SQLITE_BUSY')
    ? `${location} is locked by another process; try again when it has finished`
    : c.startsWith('SQLITE_READONLY')
      ? `${location} is not writable`
      : reason;
  return new StoreError(`cannot ${action}: ${why}`, { cause: err });
}
