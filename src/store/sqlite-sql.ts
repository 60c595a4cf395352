/**
 * SQL of the SQLite driver, kept apart from the code so that the merge rules read in one place.
 * Lists of ids or keys are passed as one JSON array and expanded with `json_each`: one prepared statement serves
 * any length, with no limit on bound variables.
 */

const PAPER_COLUMNS = `v.id, v.version, v.title, v.authors, v.abstract, v.categories, v.primary_category,
  v.primary_confirmed, v.comment, v.journal_ref, v.doi, v.license, v.submitted, v.updated`;

const INCOMING_WINS = 'excluded.primary_confirmed >= versions.primary_confirmed';
const MERGED_PRIMARY = `CASE WHEN ${INCOMING_WINS} AND excluded.primary_category <> ''
  THEN excluded.primary_category ELSE versions.primary_category END`;

/**
 * A version's categories never shrink: a day announced earlier but run later (its listing predates a cross-list)
 * must not drop the cross-list. Both lists are unioned, in the order of the side whose primary wins, the other's
 * extras after, the primary first. Only a reclassification — a confirmed primary other than the stored one —
 * replaces the list, as arXiv's own correction.
 */
const RECLASSIFIED = `${INCOMING_WINS} AND excluded.primary_category NOT IN ('', versions.primary_category)
  AND excluded.categories <> '[]'`;
const MERGED_CATEGORIES = `CASE WHEN ${RECLASSIFIED} THEN excluded.categories ELSE (SELECT json_group_array(c ORDER BY n) FROM (
    SELECT value AS c, min(CASE WHEN value = versions.primary_category THEN -1 ELSE n END) AS n FROM (
      SELECT value, key AS n FROM json_each(CASE WHEN ${INCOMING_WINS} THEN excluded.categories ELSE versions.categories END)
      UNION ALL
      SELECT value, 1000000 + key FROM json_each(CASE WHEN ${INCOMING_WINS} THEN versions.categories ELSE excluded.categories END))
    GROUP BY value)) END`;

export const SQL = {
  // The paper row only moves forward: an older version never lowers latest_version.
  upsertPaper: `INSERT INTO papers (id, latest_version, first_stored_at, updated_at)
    VALUES (@id, @version, @now, @now)
    ON CONFLICT (id) DO UPDATE SET
      updated_at = CASE WHEN excluded.latest_version > papers.latest_version
        THEN excluded.updated_at ELSE papers.updated_at END,
      latest_version = max(papers.latest_version, excluded.latest_version)`,

  // Same version seen again: a poorer source (RSS: no comment, no doi, primary only implied by order) must not
  // erase what a richer one stored, so nulls and empty values keep the stored value and an unconfirmed primary
  // never replaces a confirmed one. Categories are unioned (MERGED_CATEGORIES). Anything else takes the newer value.
  upsertVersion: `INSERT INTO versions (id, version, title, authors, abstract, categories, primary_category,
      primary_confirmed, comment, journal_ref, doi, license, submitted, updated, stored_at)
    VALUES (@id, @version, @title, @authors, @abstract, @categories, @primaryCategory,
      @primaryConfirmed, @comment, @journalRef, @doi, @license, @submitted, @updated, @now)
    ON CONFLICT (id, version) DO UPDATE SET
      title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE versions.title END,
      authors = CASE WHEN excluded.authors <> '[]' THEN excluded.authors ELSE versions.authors END,
      abstract = CASE WHEN excluded.abstract <> '' THEN excluded.abstract ELSE versions.abstract END,
      categories = ${MERGED_CATEGORIES},
      primary_category = ${MERGED_PRIMARY},
      primary_confirmed = max(versions.primary_confirmed, excluded.primary_confirmed),
      comment = coalesce(excluded.comment, versions.comment),
      journal_ref = coalesce(excluded.journal_ref, versions.journal_ref),
      doi = coalesce(excluded.doi, versions.doi),
      license = coalesce(excluded.license, versions.license),
      submitted = coalesce(excluded.submitted, versions.submitted),
      updated = coalesce(excluded.updated, versions.updated)`,

  // Which of a batch's ids the store holds already (before the batch writes them).
  storedIds: `SELECT id FROM papers WHERE id IN (SELECT value FROM json_each(?))`,
  getPapers: `SELECT ${PAPER_COLUMNS} FROM papers p
    JOIN versions v ON v.id = p.id AND v.version = p.latest_version
    WHERE p.id IN (SELECT value FROM json_each(?))`,

  // Keyset paging over the primary key: each page is an index range scan, however far into the archive.
  listPapers: `SELECT ${PAPER_COLUMNS} FROM papers p
    JOIN versions v ON v.id = p.id AND v.version = p.latest_version
    WHERE p.id > ? ORDER BY p.id LIMIT ?`,

  countPapers: `SELECT count(*) FROM papers`,

  getEmbeddings: `SELECT e.paper_id, e.version, e.dims, e.vector FROM embeddings e
    JOIN json_each(?) k ON e.paper_id = json_extract(k.value, '$.id') AND e.version = json_extract(k.value, '$.version')
    WHERE e.model = ?`,

  upsertEmbedding: `INSERT INTO embeddings (paper_id, version, model, dims, vector, created_at)
    VALUES (@paperId, @version, @model, @dims, @vector, @now)
    ON CONFLICT (paper_id, version, model) DO UPDATE SET dims = excluded.dims, vector = excluded.vector,
      created_at = excluded.created_at`,

  getVersion: `SELECT ${PAPER_COLUMNS} FROM versions v WHERE v.id = ? AND v.version = ?`,

  getDay: `SELECT date, categories, source, reconstructed, incomplete FROM days WHERE date = ?`,

  // source stays the one the day was first recorded from (a re-run from the store says 'store');
  // reconstructed sticks once any part of the day was rebuilt.
  upsertDay: `INSERT INTO days (date, categories, source, reconstructed, incomplete, updated_at)
    VALUES (@date, @categories, @source, @reconstructed, @incomplete, @now)
    ON CONFLICT (date) DO UPDATE SET
      categories = excluded.categories,
      incomplete = excluded.incomplete,
      reconstructed = max(days.reconstructed, excluded.reconstructed),
      updated_at = excluded.updated_at`,

  nextPosition: `SELECT coalesce(max(position), -1) + 1 FROM day_papers WHERE date = ?`,

  // A paper listed again keeps its first position. A higher version wins; for the same version a primary
  // listing (new, replace) wins over a cross-list, as when one run covered the paper's primary category.
  upsertListing: `INSERT INTO day_papers (date, id, version, announce_type, position)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (date, id) DO UPDATE SET
      announce_type = CASE
        WHEN excluded.version > day_papers.version THEN excluded.announce_type
        WHEN excluded.version = day_papers.version AND excluded.announce_type IN ('new', 'replace')
          AND day_papers.announce_type IN ('cross', 'replace-cross') THEN excluded.announce_type
        ELSE day_papers.announce_type END,
      version = max(day_papers.version, excluded.version)`,

  getListings: `SELECT id, version, announce_type FROM day_papers WHERE date = ? ORDER BY position`,

  listDays: `SELECT date FROM days ORDER BY date DESC`,

  firstSeen: `SELECT id, min(date) AS date FROM day_papers
    WHERE id IN (SELECT value FROM json_each(?)) AND date < ? GROUP BY id`,

  getSummaries: `SELECT key, paper_id, version, summary, meta, created_at FROM summaries
    WHERE key IN (SELECT value FROM json_each(?))`,

  summariesOfPapers: `SELECT s.key, s.paper_id, s.version, s.summary, s.meta, s.created_at FROM summaries s
    JOIN json_each(?) k ON s.paper_id = json_extract(k.value, '$.id') AND s.version = json_extract(k.value, '$.version')`,

  upsertSummary: `INSERT INTO summaries (key, paper_id, version, summary, meta, created_at)
    VALUES (@key, @paperId, @version, @summary, @meta, @createdAt)
    ON CONFLICT (key) DO UPDATE SET paper_id = excluded.paper_id, version = excluded.version,
      summary = excluded.summary, meta = excluded.meta, created_at = excluded.created_at`,

  // Queue workers retrying a job: the first stored summary of a key stays.
  insertSummary: `INSERT INTO summaries (key, paper_id, version, summary, meta, created_at)
    VALUES (@key, @paperId, @version, @summary, @meta, @createdAt)
    ON CONFLICT (key) DO NOTHING`,

  // A null id inserts a new run; a known id replaces that run (the pipeline may save a run twice).
  upsertRun: `INSERT INTO runs (id, started_at, finished_at, command, date, exit_code, report)
    VALUES (@id, @startedAt, @finishedAt, @command, @date, @exitCode, @report)
    ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, finished_at = excluded.finished_at,
      command = excluded.command, date = excluded.date, exit_code = excluded.exit_code, report = excluded.report
    RETURNING id`,

  listRuns: `SELECT id, report FROM runs ORDER BY started_at DESC, id DESC LIMIT ?`,
} as const;
