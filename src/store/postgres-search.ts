/**
 * Full-text search of the PostgreSQL store: `search_docs` holds one weighted tsvector per paper (its latest
 * version), GIN-indexed. Queries are rebuilt from the parts of parseSearchQuery as `phraseto_tsquery` calls on
 * bound parameters, AND-ed: the user's text is never tsquery syntax, so nothing typed can cause a syntax error.
 * Documents and queries have their accents folded alike (postgres-fold.ts).
 */
import type { PoolClient } from 'pg';
import type { QueryPart } from './search-query.js';
import { fold } from './postgres-fold.js';
import { SEARCH_DOC, TITLE_DOC } from './postgres-sql.js';
import type { SearchHit } from './types.js';

/** Refresh the entries of the papers whose latest version is the one the batch wrote ($1 ids, $2 versions). */
export const REINDEX = [
  `INSERT INTO search_docs AS cur (id, version, categories, doc)
    SELECT v.id, v.version, v.categories, ${SEARCH_DOC}
    FROM unnest($1::text[], $2::int[]) AS w(id, version)
    JOIN papers p ON p.id = w.id AND p.latest_version = w.version
    JOIN versions v ON v.id = p.id AND v.version = p.latest_version ORDER BY v.id
    ON CONFLICT (id) DO UPDATE SET version = excluded.version, categories = excluded.categories, doc = excluded.doc`,
  `INSERT INTO search_titles AS cur (id, categories, doc)
    SELECT v.id, v.categories, ${TITLE_DOC}
    FROM unnest($1::text[], $2::int[]) AS w(id, version)
    JOIN papers p ON p.id = w.id AND p.latest_version = w.version
    JOIN versions v ON v.id = p.id AND v.version = p.latest_version ORDER BY v.id
    ON CONFLICT (id) DO UPDATE SET categories = excluded.categories, doc = excluded.doc`,
];

const LATEST = `FROM papers p JOIN versions v ON v.id = p.id AND v.version = p.latest_version`;

// The rebuild fills new tables and swaps them in, all in one transaction. CREATE TABLE AS runs in parallel workers
// (INSERT … SELECT does not), which halves the time of computing a million tsvectors; building each GIN index once
// is far faster than updating it row by row. Searches keep reading the old tables until the swap at the end; the
// lock holds back stores writing entries meanwhile (they then write into the new tables), so none is lost.
// Where the time goes at 1M papers on 2 cores: to_tsvector of the abstracts (~70 s with 2 parallel workers) and the
// document GIN build, which PostgreSQL 15 runs in one process (~55 s with 1 GB of maintenance memory, ~60 s with 256 MB).
const REBUILD = [
  `SET LOCAL maintenance_work_mem = '1GB'`,
  `LOCK TABLE search_docs, search_titles IN SHARE ROW EXCLUSIVE MODE`,
  `CREATE TABLE search_docs_next AS SELECT p.id, p.latest_version AS version, v.categories, ${SEARCH_DOC} AS doc ${LATEST}`,
  `CREATE TABLE search_titles_next AS SELECT p.id, v.categories, ${TITLE_DOC} AS doc ${LATEST}`,
  `ALTER TABLE search_docs_next ADD CONSTRAINT search_docs_next_pkey PRIMARY KEY (id),
    ALTER COLUMN version SET NOT NULL, ALTER COLUMN categories SET NOT NULL, ALTER COLUMN doc SET NOT NULL`,
  `ALTER TABLE search_titles_next ADD CONSTRAINT search_titles_next_pkey PRIMARY KEY (id),
    ALTER COLUMN categories SET NOT NULL, ALTER COLUMN doc SET NOT NULL`,
  `CREATE INDEX search_docs_next_doc ON search_docs_next USING gin (doc)`,
  `CREATE INDEX search_docs_next_categories ON search_docs_next USING gin (categories)`,
  `CREATE INDEX search_titles_next_doc ON search_titles_next USING gin (doc)`,
  `DROP TABLE search_docs, search_titles`,
  ...['search_docs', 'search_titles'].map((t) => `ALTER TABLE ${t}_next RENAME TO ${t}`),
  ...['search_docs_pkey', 'search_docs_doc', 'search_docs_categories', 'search_titles_pkey', 'search_titles_doc'].map(
    (i) => `ALTER INDEX ${i.replace(/^(search_(docs|titles))/, '$1_next')} RENAME TO ${i}`,
  ),
  `ANALYZE search_docs, search_titles`,
];

/**
 * Run the rebuild statements on a client inside a transaction. Returns when the new index is in place (not yet
 * committed).
 */
export async function rebuildSearchDocs(client: PoolClient): Promise<void> {
  for (const sql of REBUILD) await client.query(sql);
}

export interface PgSearchQuery {
  text: string;
  values: unknown[];
}

/**
 * Candidates ranked per tier at most. Ranking reads each candidate's tsvector, so ranking every match of a broad
 * query ("language models": a fifth of a million-paper archive) takes seconds; with the caps a search costs a few
 * milliseconds whatever it matches. A query with more matches than a cap gets the best of the first `cap` the
 * index yields, not of all of them; below the caps (nearly every query of three or more words) ranking is exact.
 */
export const TITLE_CANDIDATES = 1000;
// 2,000 until 2026-11-29: the second tier's heap reads of those candidates' vectors were most of the slowest
// searches' time (p95 over 1M papers 27–33 ms → 21–22 ms at 1,000, the SQLite driver's cap too).
export const DOC_CANDIDATES = 1000;
/** Title candidates (best by their title alone) ranked again by the whole document, at least. */
export const FULL_RANKED = 100;

/**
 * The SELECT of a search (`parts` non-empty, `limit` >= 1), best first, in two tiers:
 * 1. papers whose title has every word and phrase: the best by their title alone (small vectors, cheap to rank),
 *    then those ranked again by the whole weighted document;
 * 2. only while fewer than `limit` were found: the other matches (words in the authors or abstract).
 * Scores are ts_rank_cd scaled to [0, 1) (normalisation 32), plus 1 in the first tier, so they fall down the list.
 * The tsquery is written inline (not in a subquery), so the planner sees a constant and uses the GIN indexes.
 */
export function searchStatement(parts: readonly QueryPart[], limit: number, categories?: readonly string[]): PgSearchQuery {
  const values: unknown[] = parts.map((p) => p.text);
  const q = `(${parts.map((_, i) => `phraseto_tsquery('english'::regconfig, ${fold(`$${i + 1}`)})`).join(' && ')})`;
  let inCategories = '';
  if (categories && categories.length > 0) {
    values.push([...categories]);
    inCategories = `AND categories && $${values.length}::text[]`;
  }
  values.push(limit);
  const lim = `$${values.length}`;
  const text = `WITH titled AS (
      SELECT id, ts_rank_cd(doc, ${q}, 32) AS rank FROM search_titles WHERE doc @@ ${q} ${inCategories}
      LIMIT ${TITLE_CANDIDATES}
    ), best_titled AS (
      SELECT id FROM titled ORDER BY rank DESC, id LIMIT greatest(${lim} * 5, ${FULL_RANKED})
    ), first_tier AS (
      SELECT d.id, d.version, 1 + ts_rank_cd(d.doc, ${q}, 32) AS score
      FROM best_titled t JOIN search_docs d ON d.id = t.id ORDER BY score DESC, d.id LIMIT ${lim}
    ), second_tier AS (
      SELECT c.id, c.version, ts_rank_cd(c.doc, ${q}, 32) AS score
      FROM (SELECT id, version, doc FROM search_docs WHERE doc @@ ${q} ${inCategories}
        AND NOT EXISTS (SELECT 1 FROM titled t WHERE t.id = search_docs.id) LIMIT ${DOC_CANDIDATES}) c
      WHERE (SELECT count(*) FROM first_tier) < ${lim}
      ORDER BY score DESC, c.id LIMIT ${lim}
    )
    SELECT h.id, h.version, v.title, h.score
    FROM (SELECT * FROM first_tier UNION ALL SELECT * FROM second_tier) h
    JOIN versions v ON v.id = h.id AND v.version = h.version
    ORDER BY h.score DESC, h.id LIMIT ${lim}`;
  return { text, values };
}

export function toHits(rows: readonly { id: string; version: number; title: string; score: number }[]): SearchHit[] {
  return rows.map((r) => ({ id: r.id, version: r.version, title: r.title, score: Number(r.score) }));
}
