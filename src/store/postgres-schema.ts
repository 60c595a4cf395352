/**
 * Schema of the PostgreSQL store and its migrations. Applied migrations are rows of `preprint_digest_migrations`
 * (a name of our own, so another application's `schema_migrations` is never mistaken for ours). All pending
 * migrations run in one transaction holding a transaction-level advisory lock: several workers opening a new
 * database at once wait for the first one instead of racing it, and a failed migration leaves nothing behind.
 */
import type { PoolClient } from 'pg';
import { MissingStoreError, StoreError } from '../errors.js';
import { V6 } from './postgres-detex.js';
import { V4 } from './postgres-fold.js';

export interface PgMigration {
  /** 1-based, consecutive. */
  version: number;
  description: string;
  sql: string;
}

// Ids, keys and dates use the "C" collation: byte order, so keyset paging (`id > $1 ORDER BY id`) sorts like
// SQLite and JavaScript, whatever locale the database was created with. Lists are text[] (order kept);
// summaries and run reports stay JSON text, so they read back exactly as written.
const V1 = `
CREATE TABLE papers (
  id text COLLATE "C" PRIMARY KEY,
  latest_version integer NOT NULL CHECK (latest_version >= 1),
  first_stored_at text NOT NULL,
  updated_at text NOT NULL -- when the latest version was first stored
);

CREATE TABLE versions (
  id text COLLATE "C" NOT NULL REFERENCES papers (id),
  version integer NOT NULL CHECK (version >= 1),
  title text NOT NULL,
  authors text[] NOT NULL,
  abstract text NOT NULL,
  categories text[] NOT NULL, -- primary first
  primary_category text NOT NULL,
  primary_confirmed boolean NOT NULL,
  comment text,
  journal_ref text,
  doi text,
  license text,
  submitted text,
  updated text,
  stored_at text NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE days (
  date text COLLATE "C" PRIMARY KEY,
  categories text[] NOT NULL,
  source text NOT NULL,
  reconstructed boolean NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE day_papers (
  date text COLLATE "C" NOT NULL REFERENCES days (date),
  id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  announce_type text NOT NULL CHECK (announce_type IN ('new', 'cross', 'replace', 'replace-cross')),
  position integer NOT NULL,
  PRIMARY KEY (date, id),
  FOREIGN KEY (id, version) REFERENCES versions (id, version)
);
CREATE INDEX day_papers_by_id ON day_papers (id, date); -- firstSeen

CREATE TABLE summaries (
  key text COLLATE "C" PRIMARY KEY,
  paper_id text NOT NULL,
  version integer NOT NULL,
  summary text NOT NULL, -- JSON Summary
  meta text NOT NULL, -- JSON SummaryMeta
  created_at text NOT NULL
);
CREATE INDEX summaries_by_paper ON summaries (paper_id, version);

CREATE TABLE runs (
  id serial PRIMARY KEY,
  started_at text COLLATE "C" NOT NULL,
  finished_at text NOT NULL,
  command text NOT NULL,
  date text,
  exit_code integer NOT NULL,
  report text NOT NULL -- JSON RunReport without its id
);
CREATE INDEX runs_by_start ON runs (started_at);

CREATE TABLE embeddings (
  paper_id text COLLATE "C" NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  model text COLLATE "C" NOT NULL,
  dims integer NOT NULL CHECK (dims >= 1),
  vector bytea NOT NULL, -- little-endian float32
  created_at text NOT NULL,
  PRIMARY KEY (paper_id, version, model)
);

CREATE TABLE state (
  key text COLLATE "C" PRIMARY KEY,
  value text NOT NULL,
  updated_at text NOT NULL
);
`;

// Full-text search over the latest version of each paper: one row per paper with its weighted tsvector (title A,
// authors B, abstract C) and categories, so a search reads only this table and joins versions for the 20 hits.
// GIN on both: `doc @@ query` and `categories && $n` are index lookups.
const V2 = `
CREATE TABLE search_docs (
  id text COLLATE "C" PRIMARY KEY REFERENCES papers (id),
  version integer NOT NULL,
  categories text[] NOT NULL,
  doc tsvector NOT NULL
);
CREATE INDEX search_docs_doc ON search_docs USING gin (doc);
CREATE INDEX search_docs_categories ON search_docs USING gin (categories);
`;

// The first tier of a search (papers whose title has every word) scans `search_titles`, the title alone in a
// narrow table, which keeps broad queries over a million papers fast (postgres-search.ts). The derived search
// tables lose their foreign keys: rows only ever come from papers, and a check per row slowed the rebuild.
// Written to be re-runnable (IF [NOT] EXISTS): development builds created these objects under schema 2.
const V3 = `
ALTER TABLE search_docs DROP CONSTRAINT IF EXISTS search_docs_id_fkey;
CREATE TABLE IF NOT EXISTS search_titles (
  id text COLLATE "C" PRIMARY KEY,
  categories text[] NOT NULL,
  doc tsvector NOT NULL
);
ALTER TABLE search_titles DROP CONSTRAINT IF EXISTS search_titles_id_fkey;
CREATE INDEX IF NOT EXISTS search_titles_doc ON search_titles USING gin (doc);
INSERT INTO search_titles (id, categories, doc)
  SELECT d.id, d.categories, to_tsvector('english'::regconfig, v.title)
  FROM search_docs d JOIN versions v ON v.id = d.id AND v.version = d.version
  ON CONFLICT (id) DO NOTHING;
`;

// Why a day is known to lack papers: JSON text of [{category, message}], as in SQLite.
const V5 = `ALTER TABLE days ADD COLUMN IF NOT EXISTS incomplete text;`;

export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, description: 'initial schema', sql: V1 },
  { version: 2, description: 'full-text search', sql: V2 },
  { version: 3, description: 'search by title first', sql: V3 },
  { version: 4, description: 'search ignores accents', sql: V4 },
  { version: 5, description: 'incomplete-day notes', sql: V5 },
  { version: 6, description: 'search reads TeX accents', sql: V6 },
];

/** Key of the advisory lock taken while migrating ("PDGS" in ASCII, as the SQLite application id). */
const MIGRATION_LOCK = 0x50444753;

/**
 * Bring the schema of the client's database (first schema of its search_path) up to date.
 * @returns the schema version found before migrating (0 for a new database).
 * With `existing`, a database without our migration table is refused (MissingStoreError), nothing created.
 * @throws StoreError for a database written by a newer build, or a migration that fails.
 */
export async function migratePg(
  client: PoolClient,
  where: string,
  migrations = PG_MIGRATIONS,
  options: { existing?: boolean } = {},
): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // A command that only reads must not give a schema to a database that has none (its first `run` does).
    if (options.existing && !(await hasMigrationTable(client))) throw new MissingStoreError(`no store in ${where}`);
    await client.query(`CREATE TABLE IF NOT EXISTS preprint_digest_migrations (
      version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const found = await currentVersion(client);
    if (found > migrations.length) {
      throw new StoreError(
        `${where} was written by a newer preprint-digest (schema version ${found}, this one knows up to ${migrations.length}); upgrade preprint-digest`,
      );
    }
    for (const m of migrations.slice(found)) await applyOne(client, m, where);
    await client.query('COMMIT');
    return found;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Our migration table is on the search path (the first schema of it, where we would create it). */
async function hasMigrationTable(client: PoolClient): Promise<boolean> {
  const res = await client.query<{ t: string | null }>(`SELECT to_regclass('preprint_digest_migrations')::text AS t`);
  return res.rows[0]?.t != null;
}

async function currentVersion(client: PoolClient): Promise<number> {
  const res = await client.query<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM preprint_digest_migrations');
  return res.rows[0]?.v ?? 0;
}

async function applyOne(client: PoolClient, m: PgMigration, where: string): Promise<void> {
  try {
    await client.query(m.sql);
    await client.query('INSERT INTO preprint_digest_migrations (version, description) VALUES ($1, $2)', [m.version, m.description]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new StoreError(`migrating ${where} to schema ${m.version} (${m.description}) failed: ${reason}`, { cause: err });
  }
}
