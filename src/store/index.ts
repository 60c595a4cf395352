/**
 * Opening a store from a location string (`--db`, config `db`, `DIGEST_DB_URL`): picks the driver by scheme and
 * loads it lazily, so a driver's native dependency is only loaded when that driver is used.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import { ConfigError } from '../errors.js';
import type { Store, StoreOpenOptions } from './types.js';

export type {
  DayListing,
  SearchHit,
  SearchOptions,
  Store,
  StoreCapabilities,
  StoreOpenOptions,
  StoredDay,
  StoredSummary,
} from './types.js';
export { SEARCH_INDEX_STATE_KEY } from './types.js';

/** Built-in drivers by name; a new driver is one file plus one line here. */
const builtinStores: Record<string, (target: string, options: StoreOpenOptions) => Promise<Store>> = {
  sqlite: async (target, options) => (await import('./sqlite.js')).default({ ...options, path: target }),
  postgres: async (target, options) => (await import('./postgres.js')).default({ ...options, url: target }),
};

export interface StoreLocation {
  /** Key of the driver: `sqlite`, `postgres`. */
  driver: string;
  /** What the driver opens: a file path for SQLite, the URL for PostgreSQL. */
  target: string;
}

/**
 * Read a store location: a file path, `:memory:`, `sqlite:PATH`, `file:PATH` or `file:///abs/path` → SQLite;
 * `postgres://…` or `postgresql://…` → PostgreSQL. A leading `~/` means the home directory.
 * @throws ConfigError for an empty location or an unknown scheme.
 */
export function parseStoreLocation(location: string): StoreLocation {
  const text = location.trim();
  if (text === '') throw new ConfigError('the database location is empty');
  if (text === ':memory:') return { driver: 'sqlite', target: text };
  // Two or more letters, so that a Windows drive (`C:\…`) is a path, not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return { driver: 'sqlite', target: expandHome(text) };
  if (scheme === 'postgres' || scheme === 'postgresql') return { driver: 'postgres', target: text };
  if (scheme === 'file' && text.startsWith('file://')) return { driver: 'sqlite', target: fileURLToPath(text) };
  if (scheme === 'sqlite' || scheme === 'file') {
    // `sqlite:///abs/path` (URL style) and `sqlite:rel/path` both name a file.
    const rest = text.slice(scheme.length + 1).replace(/^\/\/(?=\/)/, '');
    if (rest === '') throw new ConfigError(`no file path in database location ${JSON.stringify(location)}`);
    return { driver: 'sqlite', target: rest === ':memory:' ? rest : expandHome(rest) };
  }
  throw new ConfigError(
    `unknown database location ${JSON.stringify(location)}: use a file path, sqlite:PATH or postgres://…`,
  );
}

/**
 * Open the store at `location` (see {@link parseStoreLocation}), creating and migrating a SQLite file as needed.
 * `options.searchIndex: 'defer'` is for bulk imports (see {@link StoreOpenOptions}).
 * @throws ConfigError for a location no built-in driver handles; StoreError when the database cannot be opened.
 */
export async function openStore(location: string, options: StoreOpenOptions = {}): Promise<Store> {
  const { driver, target } = parseStoreLocation(location);
  const load = builtinStores[driver];
  if (!load) throw new ConfigError(`no store driver named ${driver}`);
  return load(target, options);
}

/**
 * Whether there is a store at `location` to read: a SQLite file that exists. A server database (PostgreSQL) is
 * taken to exist; opening it says otherwise. `:memory:` is always new, so it holds nothing to read.
 */
export function storeExists(location: string): boolean {
  const { driver, target } = parseStoreLocation(location);
  return driver !== 'sqlite' || (target !== ':memory:' && existsSync(target));
}

/** `<user data dir>/preprint-digest/digest.sqlite`; on Linux the data dir follows `XDG_DATA_HOME`. */
export function defaultDbPath(): string {
  return path.join(envPaths('preprint-digest', { suffix: '' }).data, 'digest.sqlite');
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/**
 * A store location for messages and logs: the password of a `postgres://user:password@host/db` URL masked
 * (any `scheme://user:password@host` URL: the queue's Redis URLs use it too).
 */
export function displayStoreLocation(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
