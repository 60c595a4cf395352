/**
 * Full-text search of the PostgreSQL store: `search_docs` holds one weighted tsvector per paper (its latest
 * version), GIN-indexed. Queries are rebuilt from the parts of parseSearchQuery as `phraseto_tsquery` calls on
 * bound parameters, AND-ed: the user's text is never tsquery syntax, so nothing typed can cause a syntax error.
 */
import type { PoolClient } from 'pg';
import type { QueryPart } from './search-query.js';
import { SEARCH_DOC } from './postgres-sql.js';
import type { SearchHit } from './types.js';

/** Refresh the entries of the papers whose latest version is the one the batch wrote ($1 ids, $2 versions). */
export const REINDEX = `INSERT INTO search_docs AS cur (id, version, categories, doc)
  SELECT v.id, v.version, v.categories, ${SEARCH_DOC}
  FROM unnest($1::text[], $2::int[]) AS w(id, version)
  JOIN papers p ON p.id = w.id AND p.latest_version = w.version
  JOIN versions v ON v.id = p.id AND v.version = p.latest_version
  ON CONFLICT (id) DO UPDATE SET version = excluded.version, categories = excluded.categories, doc = excluded.doc`;

// Building the GIN indexes once over the full table is far faster than updating them row by row, and every
// statement here is transactional: a failed rebuild leaves the old index, readers see the old one until COMMIT.
const REBUILD = [
  `SET LOCAL maintenance_work_mem = '256MB'`,
  `DROP INDEX search_docs_doc`,
  `DROP INDEX search_docs_categories`,
  `TRUNCATE search_docs`,
  `INSERT INTO search_docs (id, version, categories, doc)
    SELECT p.id, p.latest_version, v.categories, ${SEARCH_DOC}
    FROM papers p JOIN versions v ON v.id = p.id AND v.version = p.latest_version`,
  `CREATE INDEX search_docs_doc ON search_docs USING gin (doc)`,
  `CREATE INDEX search_docs_categories ON search_docs USING gin (categories)`,
  `ANALYZE search_docs`,
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
 * The SELECT of a search: `parts` non-empty, `limit` >= 1. Ranked with ts_rank_cd (title weighs most), ties by id.
 * The tsquery is written inline (not in a subquery), so the planner sees a constant and can use the GIN index.
 */
export function searchStatement(parts: readonly QueryPart[], limit: number, categories?: readonly string[]): PgSearchQuery {
  const values: unknown[] = parts.map((p) => p.text);
  const query = parts.map((_, i) => `phraseto_tsquery('english'::regconfig, $${i + 1})`).join(' && ');
  let filter = '';
  if (categories && categories.length > 0) {
    values.push([...categories]);
    filter = `AND d.categories && $${values.length}::text[]`;
  }
  values.push(limit);
  const text = `SELECT d.id, d.version, v.title, ts_rank_cd(d.doc, ${query}) AS score
    FROM search_docs d JOIN versions v ON v.id = d.id AND v.version = d.version
    WHERE d.doc @@ (${query}) ${filter}
    ORDER BY score DESC, d.id LIMIT $${values.length}`;
  return { text, values };
}

export function toHits(rows: readonly { id: string; version: number; title: string; score: number }[]): SearchHit[] {
  return rows.map((r) => ({ id: r.id, version: r.version, title: r.title, score: Number(r.score) }));
}
