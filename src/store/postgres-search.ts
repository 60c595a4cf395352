/**
 * Full-text search of the PostgreSQL store: `search_docs` holds one weighted tsvector per paper (its latest
 * version), GIN-indexed. Queries are rebuilt from the parts of parseSearchQuery as `phraseto_tsquery` calls on
 * bound parameters, AND-ed: the user's text is never tsquery syntax, so nothing typed can cause a syntax error.
 */
import type { PoolClient } from 'pg';
import type { QueryPart } from './search-query.js';
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

// Building the GIN indexes once over the full table is far faster than updating them row by row, and every
// statement here is transactional: a failed rebuild leaves the old index, readers see the old one until COMMIT.
const REBUILD = [
  `SET LOCAL maintenance_work_mem = '256MB'`,
  `DROP INDEX search_docs_doc`,
  `DROP INDEX search_docs_categories`,
  `DROP INDEX search_titles_doc`,
  `TRUNCATE search_docs, search_titles`,
  `INSERT INTO search_docs (id, version, categories, doc)
    SELECT p.id, p.latest_version, v.categories, ${SEARCH_DOC}
    FROM papers p JOIN versions v ON v.id = p.id AND v.version = p.latest_version`,
  `INSERT INTO search_titles (id, categories, doc)
    SELECT p.id, v.categories, ${TITLE_DOC}
    FROM papers p JOIN versions v ON v.id = p.id AND v.version = p.latest_version`,
  `CREATE INDEX search_docs_doc ON search_docs USING gin (doc)`,
  `CREATE INDEX search_docs_categories ON search_docs USING gin (categories)`,
  `CREATE INDEX search_titles_doc ON search_titles USING gin (doc)`,
  `ANALYZE search_docs, search_titles`,
];

/** Run the rebuild statements on a client inside a transaction. */
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
export const DOC_CANDIDATES = 2000;
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
  const q = `(${parts.map((_, i) => `phraseto_tsquery('english'::regconfig, $${i + 1})`).join(' && ')})`;
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
