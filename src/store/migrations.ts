/**
 * Schema of the SQLite store and the migrations that build it.
 * `PRAGMA user_version` holds the number of migrations applied; `PRAGMA application_id` marks the file as ours,
 * so that opening some other SQLite database (or any other file) fails instead of adding our tables to it.
 */
import type { Database } from 'better-sqlite3';
import { MissingStoreError, StoreError } from '../errors.js';
import { SEARCH_INDEX_STATE_KEY } from './types.js';

export interface Migration {
  /** 1-based, consecutive: migration n moves `user_version` from n - 1 to n. */
  version: number;
  description: string;
  sql: string;
}

/** "PDGS" in ASCII: written to the SQLite header of every preprint-digest database. */
export const APPLICATION_ID = 0x50444753;

// Per-version rows hold all metadata, so getVersion can return a complete Paper for any stored version;
// `papers` only points at the latest one. STRICT tables make SQLite refuse values of the wrong type.
const V1 = `
CREATE TABLE papers (
  id TEXT PRIMARY KEY,
  latest_version INTEGER NOT NULL CHECK (latest_version >= 1),
  first_stored_at TEXT NOT NULL,
  -- when the latest version was first stored
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID; -- small rows keyed by text: one b-tree instead of table + index

CREATE TABLE versions (
  id TEXT NOT NULL REFERENCES papers (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL,
  authors TEXT NOT NULL, -- JSON array of names
  abstract TEXT NOT NULL,
  categories TEXT NOT NULL, -- JSON array, primary first
  primary_category TEXT NOT NULL,
  primary_confirmed INTEGER NOT NULL CHECK (primary_confirmed IN (0, 1)),
  comment TEXT,
  journal_ref TEXT,
  doi TEXT,
  license TEXT,
  submitted TEXT,
  updated TEXT,
  stored_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE days (
  date TEXT PRIMARY KEY,
  categories TEXT NOT NULL, -- JSON array
  source TEXT NOT NULL,
  reconstructed INTEGER NOT NULL CHECK (reconstructed IN (0, 1)),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE day_papers (
  date TEXT NOT NULL REFERENCES days (date),
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  announce_type TEXT NOT NULL CHECK (announce_type IN ('new', 'cross', 'replace', 'replace-cross')),
  position INTEGER NOT NULL,
  PRIMARY KEY (date, id),
  FOREIGN KEY (id, version) REFERENCES versions (id, version)
) STRICT;

-- firstSeen: earliest date per id
CREATE INDEX day_papers_by_id ON day_papers (id, date);

CREATE TABLE summaries (
  key TEXT PRIMARY KEY,
  paper_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  summary TEXT NOT NULL, -- JSON Summary
  meta TEXT NOT NULL, -- JSON SummaryMeta
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX summaries_by_paper ON summaries (paper_id, version);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  command TEXT NOT NULL,
  date TEXT,
  exit_code INTEGER NOT NULL,
  report TEXT NOT NULL -- JSON RunReport without its id
) STRICT;

CREATE INDEX runs_by_start ON runs (started_at);
`;

// Ranking's optional embeddings signal: one vector per paper version and model, as little-endian float32 bytes.
// Keyed by version because a revised abstract embeds differently; no foreign key, so a vector may be cached for a
// library paper whose metadata came from the profile rather than the store.
const V2 = `
CREATE TABLE embeddings (
  paper_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  model TEXT NOT NULL,
  dims INTEGER NOT NULL CHECK (dims >= 1),
  vector BLOB NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (paper_id, version, model)
) STRICT;
`;

// Durable job state, and full-text search over the latest version of each paper. The FTS5 table is contentless
// (the text stays only in `versions`) with contentless_delete, so a paper's entry can be replaced when a new
// version or a corrected title arrives. Its rowid is `search_docs.doc`, an INTEGER PRIMARY KEY, because only such
// rowids survive VACUUM. search_docs also keeps the categories, so a category filter needs no join to versions.
// Title weighs most in the ranking, then authors, then the abstract.
const V3 = `
CREATE TABLE state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE search_docs (
  doc INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE REFERENCES papers (id),
  version INTEGER NOT NULL,
  categories TEXT NOT NULL -- JSON array, as in versions
) STRICT;

CREATE VIRTUAL TABLE search_index USING fts5 (
  title, authors, abstract,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(4.0, 2.0, 1.0)');

INSERT INTO search_docs (id, version, categories)
  SELECT p.id, p.latest_version, v.categories FROM papers p
  JOIN versions v ON v.id = p.id AND v.version = p.latest_version ORDER BY p.id;
INSERT INTO search_index (rowid, title, authors, abstract)
  SELECT d.doc, v.title, (SELECT group_concat(value, ', ') FROM json_each(v.authors)), v.abstract
  FROM search_docs d JOIN versions v ON v.id = d.id AND v.version = d.version;
`;

// Schema 4: the titles alone in a second contentless FTS5 table, same rowids and tokenizer. Search ranks the papers
// whose title has every word first (sqlite-search.ts); bm25 over this small index costs a fraction of the full one.
const V4 = `
CREATE VIRTUAL TABLE search_titles USING fts5 (
  title,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO search_titles (rowid, title)
  SELECT d.doc, v.title FROM search_docs d JOIN versions v ON v.id = d.id AND v.version = d.version;
`;

// Schema 5: why a day is known to lack papers (JSON array of {category, message}), so every later render of the
// day says so too, not only the run that found it.
const V5 = `ALTER TABLE days ADD COLUMN incomplete TEXT;`;

// Schema 6: the search index reads TeX accents as their letters (`Schr\"odinger` is found by "schrodinger"). Entries
// indexed before keep the TeX, so a store that has any is marked stale (`search` says so, `reindex` rebuilds it)
// rather than rebuilt here, which would hold the store for minutes on a large archive; a mark already there keeps
// its time.
const V6 = `INSERT INTO state (key, value, updated_at)
  SELECT '${SEARCH_INDEX_STATE_KEY}', 'stale', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE EXISTS (SELECT 1 FROM search_docs)
  ON CONFLICT (key) DO NOTHING;`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'initial schema', sql: V1 },
  { version: 2, description: 'embeddings cache for ranking', sql: V2 },
  { version: 3, description: 'job state and full-text search', sql: V3 },
  { version: 4, description: 'title search index', sql: V4 },
  { version: 5, description: 'incomplete-day notes', sql: V5 },
  { version: 6, description: 'search reads TeX accents', sql: V6 },
];

/** Schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export interface MigrateOptions {
  /** Shown in error messages: the file path. */
  location: string;
  /** Only check that the schema is current; never write. */
  readonly?: boolean;
  /** Only open a store that is there: an empty database (a 0-byte file) is a MissingStoreError, left untouched. */
  existing?: boolean;
  /** Replaces {@link MIGRATIONS} (tests). */
  migrations?: readonly Migration[];
}

/**
 * Check that `db` is a preprint-digest database (or an empty file) and bring its schema up to date.
 * All pending migrations run in one `BEGIN IMMEDIATE` transaction: a failure leaves the file as it was, and two
 * processes opening an old file at once do not both migrate it.
 * @returns the schema version before migrating (0 for a new database).
 */
export function migrate(db: Database, options: MigrateOptions): number {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const found = checkIdentity(db, options.location, latest);
  if (found === latest) return found;
  if (found === 0 && options.existing) throw new MissingStoreError(`no store at ${options.location}`);
  if (options.readonly) {
    throw new StoreError(
      `${options.location} has schema version ${found} and needs upgrading to ${latest}; open it once without read-only`,
    );
  }
  db.transaction(() => {
    // Another process may have migrated between the check above and taking the write lock.
    const current = userVersion(db);
    for (const m of migrations.slice(current)) applyOne(db, m, options.location);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
  return found;
}

function applyOne(db: Database, m: Migration, location: string): void {
  try {
    db.exec(m.sql);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new StoreError(`migrating ${location} to schema ${m.version} (${m.description}) failed: ${reason}`, {
      cause: err,
    });
  }
  db.pragma(`user_version = ${m.version}`);
}

/** The file's schema version, after making sure it is ours and not from a newer build. */
function checkIdentity(db: Database, location: string, latest: number): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = userVersion(db);
  const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  const ours = appId === APPLICATION_ID || (appId === 0 && version === 0 && objects === 0);
  if (!ours) throw new StoreError(`${location} is not a preprint-digest database`);
  if (version > latest) {
    throw new StoreError(
      `${location} was written by a newer preprint-digest (schema version ${version}, this one knows up to ${latest}); upgrade preprint-digest`,
    );
  }
  return version;
}

function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
