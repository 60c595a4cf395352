/**
 * SQL of the PostgreSQL driver; the merge rules are those of sqlite-sql.ts, written for sets of rows.
 * Batches arrive as parallel arrays expanded with `unnest`, so a batch of thousands of papers is one statement
 * with a fixed number of parameters. `ON CONFLICT DO UPDATE` may touch a row once per statement, so callers
 * split batches that repeat a key into rounds (see `rounds` in postgres-ops.ts).
 */
import { detex } from './postgres-detex.js';
import { fold } from './postgres-fold.js';

const PAPER_COLUMNS = `v.id, v.version, v.title, v.authors, v.abstract, v.categories, v.primary_category,
  v.primary_confirmed, v.comment, v.journal_ref, v.doi, v.license, v.submitted, v.updated`;

/** Document text: TeX accents read as letters (postgres-detex.ts), then accents folded (postgres-fold.ts). */
const text = (sql: string): string => fold(detex(sql));

/** The weighted document of a `versions` row `v`: title A, authors B, abstract C, English stemming. */
export const SEARCH_DOC = `setweight(to_tsvector('english'::regconfig, ${text('v.title')}), 'A')
  || setweight(to_tsvector('english'::regconfig, ${text(`array_to_string(v.authors, ', ')`)}), 'B')
  || setweight(to_tsvector('english'::regconfig, ${text('v.abstract')}), 'C')`;

/** The title alone (the first tier of a search). */
export const TITLE_DOC = `to_tsvector('english'::regconfig, ${text('v.title')})`;

const INCOMING_WINS = 'excluded.primary_confirmed >= cur.primary_confirmed';
/** The categories rule of sqlite-sql.ts: unioned in the winning side's order, primary first; a reclassification replaces. */
const MERGED_CATEGORIES = `CASE WHEN ${INCOMING_WINS} AND excluded.primary_category NOT IN ('', cur.primary_category)
    AND cardinality(excluded.categories) > 0 THEN excluded.categories
  ELSE ARRAY(SELECT c FROM unnest(CASE WHEN ${INCOMING_WINS} THEN excluded.categories || cur.categories
      ELSE cur.categories || excluded.categories END) WITH ORDINALITY AS t(c, n)
    GROUP BY c ORDER BY min(CASE WHEN c = cur.primary_category THEN 0 ELSE n END)) END`;

export const SQL = {
  // Authors and categories come as JSON text (arrays of arrays do not unnest); the paper row only moves forward.
  // Same version seen again: empty values and an unconfirmed primary never replace stored ones, categories are
  // unioned unless reclassified (sqlite-sql.ts).
  upsertPapers: `WITH input AS (
      SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
        $8::bool[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
      AS t(id, version, title, authors, abstract, categories, primary_category, primary_confirmed, comment,
        journal_ref, doi, license, submitted, updated)
    ), paper AS (
      INSERT INTO papers (id, latest_version, first_stored_at, updated_at)
      SELECT id, max(version), $15, $15 FROM input GROUP BY id ORDER BY id
      ON CONFLICT (id) DO UPDATE SET
        updated_at = CASE WHEN excluded.latest_version > papers.latest_version
          THEN excluded.updated_at ELSE papers.updated_at END,
        latest_version = greatest(papers.latest_version, excluded.latest_version)
    )
    INSERT INTO versions AS cur (id, version, title, authors, abstract, categories, primary_category,
      primary_confirmed, comment, journal_ref, doi, license, submitted, updated, stored_at)
    SELECT id, version, title, ARRAY(SELECT jsonb_array_elements_text(authors::jsonb)), abstract,
      ARRAY(SELECT jsonb_array_elements_text(categories::jsonb)), primary_category, primary_confirmed, comment,
      journal_ref, doi, license, submitted, updated, $15
    FROM input ORDER BY id, version
    ON CONFLICT (id, version) DO UPDATE SET
      title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE cur.title END,
      authors = CASE WHEN cardinality(excluded.authors) > 0 THEN excluded.authors ELSE cur.authors END,
      abstract = CASE WHEN excluded.abstract <> '' THEN excluded.abstract ELSE cur.abstract END,
      categories = ${MERGED_CATEGORIES},
      primary_category = CASE WHEN excluded.primary_confirmed >= cur.primary_confirmed
        AND excluded.primary_category <> '' THEN excluded.primary_category ELSE cur.primary_category END,
      primary_confirmed = cur.primary_confirmed OR excluded.primary_confirmed,
      comment = coalesce(excluded.comment, cur.comment),
      journal_ref = coalesce(excluded.journal_ref, cur.journal_ref),
      doi = coalesce(excluded.doi, cur.doi),
      license = coalesce(excluded.license, cur.license),
      submitted = coalesce(excluded.submitted, cur.submitted),
      updated = coalesce(excluded.updated, cur.updated)`,

  getPapers: `SELECT ${PAPER_COLUMNS} FROM papers p
    JOIN versions v ON v.id = p.id AND v.version = p.latest_version
    WHERE p.id = ANY($1::text[])`,

  getVersion: `SELECT ${PAPER_COLUMNS} FROM versions v WHERE v.id = $1 AND v.version = $2`,

  // Keyset paging over the primary key: each page is an index range scan, however far into the archive.
  listPapers: `SELECT ${PAPER_COLUMNS} FROM papers p
    JOIN versions v ON v.id = p.id AND v.version = p.latest_version
    WHERE p.id > $1 ORDER BY p.id LIMIT $2`,

  countPapers: `SELECT count(*)::int AS n FROM papers`,

  // Categories unioned in first-seen order; source stays the first recorded; reconstructed sticks once true.
  // The row lock this takes serialises concurrent saves of the same day (positions below).
  upsertDay: `INSERT INTO days AS cur (date, categories, source, reconstructed, updated_at)
    VALUES ($1, $2::text[], $3, $4, $5)
    ON CONFLICT (date) DO UPDATE SET
      categories = ARRAY(SELECT c FROM unnest(cur.categories || excluded.categories) WITH ORDINALITY AS t(c, n)
        GROUP BY c ORDER BY min(n)),
      reconstructed = cur.reconstructed OR excluded.reconstructed,
      updated_at = excluded.updated_at`,

  // Run after upsertDay in the same transaction, which holds the day's row lock.
  dayNotes: `SELECT incomplete FROM days WHERE date = $1`,
  setDayNotes: `UPDATE days SET incomplete = $2 WHERE date = $1`,

  firstUnstored: `SELECT l.id, l.version FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS l(id, version, n)
    WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = l.id AND v.version = l.version) ORDER BY l.n LIMIT 1`,

  nextPosition: `SELECT coalesce(max(position), -1) + 1 AS p FROM day_papers WHERE date = $1`,

  // A paper listed again keeps its first position; a higher version wins; for the same version a primary
  // listing (new, replace) replaces a cross-list.
  upsertListings: `INSERT INTO day_papers AS cur (date, id, version, announce_type, position)
    SELECT $1, id, version, announce_type, position
    FROM unnest($2::text[], $3::int[], $4::text[], $5::int[]) AS l(id, version, announce_type, position)
    ON CONFLICT (date, id) DO UPDATE SET
      announce_type = CASE
        WHEN excluded.version > cur.version THEN excluded.announce_type
        WHEN excluded.version = cur.version AND excluded.announce_type IN ('new', 'replace')
          AND cur.announce_type IN ('cross', 'replace-cross') THEN excluded.announce_type
        ELSE cur.announce_type END,
      version = greatest(cur.version, excluded.version)`,

  // One statement, so the day and its listings come from one snapshot.
  getDay: `SELECT d.date, d.categories, d.source, d.reconstructed, d.incomplete,
      (SELECT coalesce(json_agg(json_build_array(l.id, l.version, l.announce_type) ORDER BY l.position), '[]')
        FROM day_papers l WHERE l.date = d.date) AS listings
    FROM days d WHERE d.date = $1`,

  listDays: `SELECT date FROM days ORDER BY date DESC`,

  firstSeen: `SELECT id, min(date) AS date FROM day_papers WHERE id = ANY($1::text[]) AND date < $2 GROUP BY id`,

  getSummaries: `SELECT key, paper_id, version, summary, meta, created_at FROM summaries WHERE key = ANY($1::text[])`,
  summariesOfPapers: `SELECT s.key, s.paper_id, s.version, s.summary, s.meta, s.created_at FROM summaries s
    JOIN unnest($1::text[], $2::int[]) AS k(id, version) ON s.paper_id = k.id AND s.version = k.version`,

  upsertSummaries: `INSERT INTO summaries (key, paper_id, version, summary, meta, created_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[])
    ON CONFLICT (key) DO UPDATE SET paper_id = excluded.paper_id, version = excluded.version,
      summary = excluded.summary, meta = excluded.meta, created_at = excluded.created_at`,

  // Queue workers retrying a job: the first stored summary of a key stays.
  insertSummaries: `INSERT INTO summaries (key, paper_id, version, summary, meta, created_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[])
    ON CONFLICT (key) DO NOTHING`,

  getEmbeddings: `SELECT e.paper_id, e.version, e.dims, e.vector FROM embeddings e
    JOIN unnest($1::text[], $2::int[]) AS k(id, version) ON e.paper_id = k.id AND e.version = k.version
    WHERE e.model = $3`,

  upsertEmbeddings: `INSERT INTO embeddings (paper_id, version, model, dims, vector, created_at)
    SELECT id, version, model, dims, vector, $6
    FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::bytea[]) AS e(id, version, model, dims, vector)
    ON CONFLICT (paper_id, version, model) DO UPDATE SET dims = excluded.dims, vector = excluded.vector,
      created_at = excluded.created_at`,

  insertRun: `INSERT INTO runs (started_at, finished_at, command, date, exit_code, report)
    VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,

  // A known id replaces that run; the sequence then moves past it so later inserts never collide.
  upsertRun: `INSERT INTO runs (id, started_at, finished_at, command, date, exit_code, report)
    VALUES ($7, $1, $2, $3, $4, $5, $6)
    ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, finished_at = excluded.finished_at,
      command = excluded.command, date = excluded.date, exit_code = excluded.exit_code, report = excluded.report
    RETURNING id`,
  bumpRunSequence: `SELECT setval(pg_get_serial_sequence('runs', 'id'), (SELECT max(id) FROM runs))`,

  listRuns: `SELECT id, report FROM runs ORDER BY started_at DESC, id DESC LIMIT $1`,

  getState: `SELECT value FROM state WHERE key = $1`,
  setState: `INSERT INTO state (key, value, updated_at) VALUES ($1, $2, $3)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  deleteState: `DELETE FROM state WHERE key = $1`,
  clearStaleState: `DELETE FROM state WHERE key = $1 AND updated_at <= $2`,
} as const;
