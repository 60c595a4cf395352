/**
 * The SQLite driver's job state and full-text search (FTS5, schema 3): synchronous like sqlite-ops.ts.
 * The index holds the latest version of each paper; `reindex` refreshes the entries of papers an upsert touched,
 * `rebuild` re-indexes everything after a bulk import that deferred it.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SearchHit } from './types.js';
import { SEARCH_INDEX_STATE_KEY } from './types.js';

const SQL = {
  getState: `SELECT value FROM state WHERE key = ?`,
  setState: `INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  deleteState: `DELETE FROM state WHERE key = ?`,

  // What the index should hold for one paper, and the entry it has now (if any).
  latest: `SELECT p.latest_version AS version, v.title, v.authors, v.abstract, v.categories, d.doc
    FROM papers p JOIN versions v ON v.id = p.id AND v.version = p.latest_version
    LEFT JOIN search_docs d ON d.id = p.id WHERE p.id = ?`,
  insertDoc: `INSERT INTO search_docs (id, version, categories) VALUES (?, ?, ?) RETURNING doc`,
  updateDoc: `UPDATE search_docs SET version = ?, categories = ? WHERE doc = ?`,
  // contentless_delete tables accept REPLACE: the old entry of the rowid is removed first.
  indexDoc: `INSERT OR REPLACE INTO search_index (rowid, title, authors, abstract) VALUES (?, ?, ?, ?)`,

  // Ranked inside FTS5 with the limit, then only the hits are joined: cheap however many papers match.
  search: `SELECT d.id, d.version, v.title, -h.rank AS score
    FROM (SELECT rowid, rank FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?) h
    JOIN search_docs d ON d.doc = h.rowid
    JOIN versions v ON v.id = d.id AND v.version = d.version
    ORDER BY h.rank, d.id`,
  searchIn: `SELECT d.id, d.version, v.title, -h.rank AS score
    FROM search_index h JOIN search_docs d ON d.doc = h.rowid
    JOIN versions v ON v.id = d.id AND v.version = d.version
    WHERE h.search_index MATCH ?
      AND EXISTS (SELECT 1 FROM json_each(d.categories) c WHERE c.value IN (SELECT value FROM json_each(?)))
    ORDER BY h.rank, d.id LIMIT ?`,
} as const;

const REBUILD = `
INSERT INTO search_index (search_index) VALUES ('delete-all');
DELETE FROM search_docs;
INSERT INTO search_docs (id, version, categories)
  SELECT p.id, p.latest_version, v.categories FROM papers p
  JOIN versions v ON v.id = p.id AND v.version = p.latest_version ORDER BY p.id;
INSERT INTO search_index (rowid, title, authors, abstract)
  SELECT d.doc, v.title, (SELECT group_concat(value, ', ') FROM json_each(v.authors)), v.abstract
  FROM search_docs d JOIN versions v ON v.id = d.id AND v.version = d.version;
INSERT INTO search_index (search_index) VALUES ('optimize');
`;

interface LatestRow {
  version: number;
  title: string;
  authors: string;
  abstract: string;
  categories: string;
  doc: number | null;
}

export interface SqliteSearchOps {
  getState(key: string): string | null;
  setState(key: string, value: string | null, now: string): void;
  /**
   * Bring index entries up to date after an upsert (inside its transaction): `written` maps each id to the highest
   * version the batch wrote; a paper whose latest stored version is higher than that kept its text and is skipped.
   */
  reindex(written: ReadonlyMap<string, number>): void;
  rebuild(): void;
  /** `match` is an FTS5 query from toFts5Query. */
  search(match: string, limit: number, categories: readonly string[] | undefined): SearchHit[];
}

export function createSqliteSearchOps(db: Database): SqliteSearchOps {
  const st = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as {
    [K in keyof typeof SQL]: Statement<unknown[]>;
  };
  const reindexOne = (id: string, written: number): void => {
    const row = st.latest.get(id) as LatestRow | undefined;
    if (!row || row.version > written) return;
    let doc = row.doc;
    if (doc === null) doc = st.insertDoc.pluck().get(id, row.version, row.categories) as number;
    else st.updateDoc.run(row.version, row.categories, doc);
    const authors = (JSON.parse(row.authors) as string[]).join(', ');
    st.indexDoc.run(doc, row.title, authors, row.abstract);
  };
  return {
    getState: (key) => (st.getState.pluck().get(key) as string | undefined) ?? null,
    setState(key, value, now) {
      if (value === null) st.deleteState.run(key);
      else st.setState.run(key, value, now);
    },
    reindex(written) {
      for (const [id, version] of written) reindexOne(id, version);
    },
    rebuild: db.transaction(() => {
      db.exec(REBUILD);
      st.deleteState.run(SEARCH_INDEX_STATE_KEY);
    }),
    search(match, limit, categories) {
      const rows = categories
        ? st.searchIn.all(match, JSON.stringify(categories), limit)
        : st.search.all(match, limit);
      return rows as SearchHit[];
    },
  };
}
