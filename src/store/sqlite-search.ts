/**
 * The SQLite driver's job state and full-text search (FTS5, schemas 3 and 4): synchronous like sqlite-ops.ts.
 * The indexes hold the latest version of each paper: `search_index` its title, authors and abstract, `search_titles`
 * its title alone (same rowid). `reindex` refreshes the entries of papers an upsert touched, `rebuild` re-indexes
 * everything after a bulk import that deferred it.
 * Search works in two tiers, like the PostgreSQL driver: papers whose title has every word and phrase, ranked by
 * bm25 over the titles; then, only while fewer than `limit` were found, the other matches by bm25 over the whole
 * entry (title 4, authors 2, abstract 1). Each tier ranks a bounded set of candidates (TITLE_CANDIDATES), so the
 * ranking of very broad queries is approximate.
 */
import type { Database, Statement } from 'better-sqlite3';
import { texToUnicode } from '../backfill/authors.js';
import type { SearchHit } from './types.js';
import { SEARCH_INDEX_STATE_KEY } from './types.js';
import { writeTransaction } from './sqlite-tx.js';

const IN_CATEGORIES = `EXISTS (SELECT 1 FROM json_each(d.categories) c WHERE c.value IN (SELECT value FROM json_each(?)))`;

const SQL = {
  getState: `SELECT value FROM state WHERE key = ?`,
  setState: `INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  deleteState: `DELETE FROM state WHERE key = ?`,

  // What the index should hold for one paper, and the entry it has now (if any).
  latest: `SELECT p.latest_version AS version, v.title, v.authors, v.abstract, v.categories, d.doc
    FROM papers p JOIN versions v ON v.id = p.id AND v.version = p.latest_version
    LEFT JOIN search_docs d ON d.id = p.id WHERE p.id = ?`,
  insertDoc: `INSERT INTO search_docs (id, version, categories) VALUES (?, ?, ?)`,
  updateDoc: `UPDATE search_docs SET version = ?, categories = ? WHERE doc = ?`,
  // contentless_delete tables accept REPLACE: the old entry of the rowid is removed first.
  indexDoc: `INSERT OR REPLACE INTO search_index (rowid, title, authors, abstract) VALUES (?, ?, ?, ?)`,

  indexTitle: `INSERT OR REPLACE INTO search_titles (rowid, title) VALUES (?, ?)`,
  // A new doc has no entry to replace; plain inserts skip REPLACE's lookup (~10 % of the indexing).
  addDoc: `INSERT INTO search_index (rowid, title, authors, abstract) VALUES (?, ?, ?, ?)`,
  addTitle: `INSERT INTO search_titles (rowid, title) VALUES (?, ?)`,

  // Candidates: the newest matches (FTS5 walks a doclist in rowid order without ranking), bm25 only for those.
  titled: `SELECT rowid AS doc, rank FROM search_titles WHERE search_titles MATCH ? ORDER BY rowid DESC LIMIT ?`,
  matched: `SELECT rowid AS doc, rank FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?`,
  titledIn: `SELECT h.rowid AS doc, h.rank FROM search_titles h JOIN search_docs d ON d.doc = h.rowid
    WHERE h.search_titles MATCH ? AND ${IN_CATEGORIES} ORDER BY h.rowid DESC LIMIT ?`,
  matchedIn: `SELECT h.rowid AS doc, h.rank FROM search_index h JOIN search_docs d ON d.doc = h.rowid
    WHERE h.search_index MATCH ? AND ${IN_CATEGORIES} ORDER BY h.rowid DESC LIMIT ?`,
  hit: `SELECT d.id, d.version, v.title FROM search_docs d
    JOIN versions v ON v.id = d.id AND v.version = d.version WHERE d.doc = ?`,
  text: `SELECT v.title, v.authors, v.abstract FROM search_docs d
    JOIN versions v ON v.id = d.id AND v.version = d.version WHERE d.doc = ?`,
} as const;

/**
 * The text an entry indexes: TeX accents as the letters they make (`Schr\"odinger`, `Poincar{\'e}`), which the
 * tokenizer then folds like any accent, so "schrodinger" and "Müller" find them (schema 6). Stored text keeps its TeX.
 */
export const indexText = texToUnicode;
const DETEX = 'preprint_digest_detex';
/** `sql` read through {@link indexText} in SQL (the rebuild); most text has no TeX and skips the call. */
const detex = (sql: string): string => `CASE WHEN instr(${sql}, '\\') OR instr(${sql}, '{') THEN ${DETEX}(${sql}) ELSE ${sql} END`;

// Both indexes are refilled in rowid order. FTS5's settings are bulk-load ones meanwhile and back to the defaults
// after: a 64 MB term buffer (default 1 MB) flushes far fewer segments, and with merging off until the final
// 'optimize' no segment is merged twice (61 → ~39 s at 1M papers).
const BULK = { hashsize: 64 << 20, automerge: 0, crisismerge: 2000 };
const DEFAULTS = { hashsize: 1 << 20, automerge: 4, crisismerge: 16 };
const settings = (values: Record<string, number>): string =>
  ['search_index', 'search_titles']
    .flatMap((t) => Object.entries(values).map(([k, v]) => `INSERT INTO ${t} (${t}, rank) VALUES ('${k}', ${v});`))
    .join('\n');

/** Negative: KiB, as PRAGMA cache_size takes it. */
const REBUILD_CACHE_KIB = -256 * 1024;

const REBUILD = `
${settings(BULK)}
INSERT INTO search_index (search_index) VALUES ('delete-all');
INSERT INTO search_titles (search_titles) VALUES ('delete-all');
DELETE FROM search_docs;
INSERT INTO search_docs (id, version, categories)
  SELECT p.id, p.latest_version, v.categories FROM papers p
  JOIN versions v ON v.id = p.id AND v.version = p.latest_version ORDER BY p.id;
INSERT INTO search_index (rowid, title, authors, abstract)
  SELECT d.doc, ${detex('v.title')}, ${detex(`(SELECT group_concat(value, ', ') FROM json_each(v.authors))`)}, ${detex('v.abstract')}
  FROM search_docs d JOIN versions v ON v.id = d.id AND v.version = d.version;
INSERT INTO search_titles (rowid, title)
  SELECT d.doc, ${detex('v.title')} FROM search_docs d JOIN versions v ON v.id = d.id AND v.version = d.version;
INSERT INTO search_index (search_index) VALUES ('optimize');
INSERT INTO search_titles (search_titles) VALUES ('optimize');
${settings(DEFAULTS)}
`;

/**
 * Candidates ranked per tier at most: FTS5's bm25 reads every candidate's positions, so ranking all matches of a
 * broad query ("neural networks": a quarter of a million papers) took up to 700 ms. With the caps a tier ranks the
 * newest `cap` matches only: a query with more matches gets the best of those, not of all; below the caps
 * (most queries of two or more words) ranking is exact.
 */
export const TITLE_CANDIDATES = 1000;
export const DOC_CANDIDATES = 1000;

interface Candidate {
  doc: number;
  rank: number;
  /** Every query word is in the text as a whole word, not only as a stem ("Ising", not "is"). */
  whole?: boolean;
}

/** Candidates checked for whole words, at most: the best by bm25 (reading their text costs a row each). */
const WHOLE_WINDOW = 100;

/** The query's words, folded as the index folds them: lower case, TeX read, accents off. */
function queryWords(typed: readonly string[]): string[] {
  return [...new Set(typed.flatMap((t) => fold(t)))];
}

function fold(text: string): string[] {
  return indexText(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Porter stemming makes "Ising" match every "is": among the best-ranked candidates, those holding every query word
 * whole go first, the rest keep their bm25 order after them.
 */
function wholeFirst(sorted: Candidate[], limit: number, words: readonly string[], text: (doc: number) => string): Candidate[] {
  if (words.length === 0) return sorted;
  const window = sorted.slice(0, Math.max(limit * 5, WHOLE_WINDOW));
  for (const c of window) {
    const own = new Set(fold(text(c.doc)));
    c.whole = words.every((w) => own.has(w));
  }
  const checked = [...window.filter((c) => c.whole), ...window.filter((c) => !c.whole)];
  return [...checked, ...sorted.slice(window.length)];
}

interface LatestRow {
  version: number;
  title: string;
  authors: string;
  abstract: string;
  categories: string;
  doc: number | null;
}

interface IndexEntry {
  doc: number;
  title: string;
  authors: string;
  abstract: string;
  /** The doc is new: no entry to replace. */
  added: boolean;
}

/** What a paper's entry holds, known without reading it back when the batch stored it as given. */
export interface IndexText {
  version: number;
  title: string;
  /** Joined with ', '. */
  authors: string;
  abstract: string;
  /** JSON array, as stored. */
  categories: string;
}

export interface SqliteSearchOps {
  getState(key: string): string | null;
  setState(key: string, value: string | null, now: string): void;
  /**
   * Bring index entries up to date after an upsert (inside its transaction): `written` maps each id to the highest
   * version the batch wrote; a paper whose latest stored version is higher than that kept its text and is skipped.
   * `fresh` holds the text of papers new to the store, written once by the batch: those entries are added unread.
   */
  reindex(written: ReadonlyMap<string, number>, fresh: ReadonlyMap<string, IndexText>): void;
  rebuild(): void;
  /** `match` is an FTS5 query from toFts5Query; `typed`, the query's parts as typed (for whole words first). */
  search(match: string, limit: number, categories: readonly string[] | undefined, typed?: readonly string[]): SearchHit[];
}

export function createSqliteSearchOps(db: Database): SqliteSearchOps {
  db.function(DETEX, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? indexText(text) : text));
  const st = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Statements;
  // The search_docs row of a paper whose entry is due, and the text to index; null when it kept its text.
  const newDoc = (id: string, version: number, categories: string): number =>
    Number(st.insertDoc.run(id, version, categories).lastInsertRowid);
  const docOf = (id: string, written: number, fresh: IndexText | undefined): IndexEntry | null => {
    if (fresh) return { ...fresh, doc: newDoc(id, fresh.version, fresh.categories), added: true };
    const row = st.latest.get(id) as LatestRow | undefined;
    if (!row || row.version > written) return null;
    const added = row.doc === null;
    const doc = row.doc ?? newDoc(id, row.version, row.categories);
    if (!added) st.updateDoc.run(row.version, row.categories, doc);
    return { doc, title: row.title, authors: (JSON.parse(row.authors) as string[]).join(', '), abstract: row.abstract, added };
  };
  return {
    getState: (key) => (st.getState.pluck().get(key) as string | undefined) ?? null,
    setState(key, value, now) {
      if (value === null) st.deleteState.run(key);
      else st.setState.run(key, value, now);
    },
    reindex(written, fresh) {
      // Every search_docs write before any FTS5 write: a statement that opens a savepoint (the insert's RETURNING)
      // makes FTS5 flush its pending terms as a new segment. Interleaved, they wrote one segment per new paper, which
      // automerge then had to merge: a day of 2,000 papers took 550–630 ms to store instead of 180–220.
      const entries = [...written].flatMap(([id, version]) => docOf(id, version, fresh.get(id)) ?? []);
      for (const e of entries) {
        const title = indexText(e.title);
        (e.added ? st.addDoc : st.indexDoc).run(e.doc, title, indexText(e.authors), indexText(e.abstract));
        (e.added ? st.addTitle : st.indexTitle).run(e.doc, title);
      }
    },
    rebuild: writeTransaction(db, () => {
      // A big page cache while the indexes are written (2 MB by default): segments and the versions read stay in it.
      const cache = db.pragma('cache_size', { simple: true }) as number;
      db.pragma(`cache_size = ${REBUILD_CACHE_KIB}`);
      try {
        db.exec(REBUILD);
      } finally {
        db.pragma(`cache_size = ${cache}`);
      }
      st.deleteState.run(SEARCH_INDEX_STATE_KEY);
    }),
    search: searchWith(st),
  };
}

type Statements = { [K in keyof typeof SQL]: Statement<unknown[]> };

/** Two tiers: title matches, then (while fewer than `limit`) the other matches; whole words first in each. */
function searchWith(st: Statements): SqliteSearchOps['search'] {
  return (match, limit, categories, typed = []) => {
    const cats = categories ? [JSON.stringify(categories)] : [];
    const words = queryWords(typed);
    // Within a tier, the best-ranked few with every word whole come first (see wholeFirst).
    const candidates = (stmt: Statement<unknown[]>, cap: number, titleOnly: boolean) =>
      wholeFirst((stmt.all(match, ...cats, cap) as Candidate[]).sort((a, b) => a.rank - b.rank || b.doc - a.doc), limit, words, (doc) => {
        const row = st.text.get(doc) as { title: string; authors: string; abstract: string };
        return titleOnly ? row.title : `${row.title} ${row.authors} ${row.abstract}`;
      });
    const first = candidates(categories ? st.titledIn : st.titled, TITLE_CANDIDATES, true);
    const hits = first.slice(0, limit).map((c) => ({ ...c, tier: 1 }));
    if (hits.length < limit) {
      // Fewer title matches than wanted: these are all of them, so the rest may be any other match.
      const titled = new Set(first.map((c) => c.doc));
      const rest = candidates(categories ? st.matchedIn : st.matched, DOC_CANDIDATES, false).filter((c) => !titled.has(c.doc));
      hits.push(...rest.slice(0, limit - hits.length).map((c) => ({ ...c, tier: 0 })));
    }
    return hits.map(({ doc, rank, tier, whole }) => {
      const row = st.hit.get(doc) as Omit<SearchHit, 'score'>;
      // bm25 is negative, better lower; -rank/(1-rank) keeps its order in [0, 1), halved below the whole-word
      // half of the tier; the title tier stays above.
      return { ...row, score: tier + (whole ? 0.5 : 0) - rank / (1 - rank) / 2 };
    });
  };
}
