/**
 * The PostgreSQL driver's reads: single statements on the pool (each sees one snapshot), rows mapped to the
 * Store's types. Lists of ids are one `text[]` parameter, so any length is one statement.
 */
import type pg from 'pg';
import type { AnnounceType, Paper, RunReport } from '../types.js';
import { parseSearchQuery } from './search-query.js';
import { searchStatement, toHits } from './postgres-search.js';
import { SQL } from './postgres-sql.js';
import type { DayNote, ListPapersOptions, SearchHit, StoredDay, StoredSummary } from './types.js';
import { paperFromColumns } from '../papers/columns.js';
import type { PaperColumns } from '../papers/columns.js';
import { summariesFromRows } from './summary-row.js';
import type { SummaryRow } from './summary-row.js';

type PaperRow = PaperColumns;

export interface PgReads {
  getPapers(ids: readonly string[]): Promise<Map<string, Paper>>;
  getVersion(id: string, version: number): Promise<Paper | null>;
  getDay(date: string): Promise<StoredDay | null>;
  listDays(): Promise<string[]>;
  firstSeen(ids: readonly string[], date: string): Promise<Map<string, string>>;
  listPapers(options: ListPapersOptions): Promise<Paper[]>;
  countPapers(): Promise<number>;
  getEmbeddings(model: string, keys: readonly { id: string; version: number }[]): Promise<Map<string, Float32Array>>;
  getSummaries(keys: readonly string[]): Promise<Map<string, StoredSummary>>;
  summariesOfPapers(papers: readonly { id: string; version: number }[]): Promise<StoredSummary[]>;
  listRuns(limit: number): Promise<RunReport[]>;
  getState(key: string): Promise<string | null>;
  search(query: string, limit: number, categories: readonly string[] | undefined): Promise<SearchHit[]>;
}

export function createReads(pool: pg.Pool): PgReads {
  const rows = async <R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<R[]> =>
    (await pool.query<R>(sql, values)).rows;
  return {
    getPapers: async (ids) => new Map((await rows<PaperRow>(SQL.getPapers, [[...ids]])).map((r) => [r.id, paperFromColumns(r)])),
    getVersion: async (id, version) => {
      const [row] = await rows<PaperRow>(SQL.getVersion, [id, version]);
      return row ? paperFromColumns(row) : null;
    },
    getDay: async (date) => {
      type DayRow = { date: string; categories: string[]; source: string; reconstructed: boolean; incomplete: string | null; listings: [string, number, AnnounceType][] };
      const [row] = await rows<DayRow>(SQL.getDay, [date]);
      if (!row) return null;
      const listings = row.listings.map(([id, version, announceType]) => ({ id, version, announceType }));
      const day: StoredDay = { date: row.date, categories: row.categories, source: row.source, reconstructed: row.reconstructed, listings };
      if (row.incomplete) day.incomplete = JSON.parse(row.incomplete) as DayNote[];
      return day;
    },
    listDays: async () => (await rows<{ date: string }>(SQL.listDays, [])).map((r) => r.date),
    firstSeen: async (ids, date) =>
      new Map((await rows<{ id: string; date: string }>(SQL.firstSeen, [[...ids], date])).map((r) => [r.id, r.date])),
    listPapers: async (options) => (await rows<PaperRow>(SQL.listPapers, [options.after ?? '', options.limit])).map(paperFromColumns),
    countPapers: async () => (await rows<{ n: number }>(SQL.countPapers, []))[0]?.n ?? 0,
    getEmbeddings: async (model, keys) => {
      type EmbeddingRow = { paper_id: string; version: number; dims: number; vector: Buffer };
      const found = await rows<EmbeddingRow>(SQL.getEmbeddings, [keys.map((k) => k.id), keys.map((k) => k.version), model]);
      return new Map(found.map((r) => [`${r.paper_id}v${r.version}`, bytesToVector(r.vector, r.dims)]));
    },
    getSummaries: async (keys) => summariesFromRows(await rows<SummaryRow>(SQL.getSummaries, [[...keys]])),
    summariesOfPapers: async (papers) => [
      ...summariesFromRows(await rows<SummaryRow>(SQL.summariesOfPapers, [papers.map((p) => p.id), papers.map((p) => p.version)])).values(),
    ],
    listRuns: async (limit) =>
      (await rows<{ id: number; report: string }>(SQL.listRuns, [limit])).map((r) => ({ ...(JSON.parse(r.report) as RunReport), id: r.id })),
    getState: async (key) => (await rows<{ value: string }>(SQL.getState, [key]))[0]?.value ?? null,
    search: async (query, limit, categories) => {
      const parts = parseSearchQuery(query);
      if (parts.length === 0 || limit === 0) return [];
      const statement = searchStatement(parts, limit, categories);
      return toHits(await rows(statement.text, statement.values));
    },
  };
}

// pg hands back a Buffer that may sit at any offset of a shared pool: copy so the floats are aligned.
function bytesToVector(bytes: Buffer, dims: number): Float32Array {
  const out = new Float32Array(dims);
  new Uint8Array(out.buffer).set(bytes.subarray(0, dims * 4));
  return out;
}
