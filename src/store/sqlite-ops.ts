/**
 * The SQLite driver's work, synchronous: statements prepared once per connection, writes batched in one
 * transaction each. `sqlite.ts` wraps these in the async Store interface, with checks and error messages.
 */
import type { Database, Statement } from 'better-sqlite3';
import { StoreError } from '../errors.js';
import type { AnnounceType, Paper, RunReport } from '../types.js';
import { createSqliteSearchOps } from './sqlite-search.js';
import type { IndexText, SqliteSearchOps } from './sqlite-search.js';
import { SQL } from './sqlite-sql.js';
import { writeTransaction } from './sqlite-tx.js';
import { SEARCH_INDEX_STATE_KEY } from './types.js';
import type { DayNote, ListPapersOptions, StoredDay, StoredEmbedding, StoredSummary } from './types.js';
import { mergeCategories, mergeDayNotes } from './validate.js';
import { paperFromColumns } from '../papers/columns.js';
import type { PaperColumns } from '../papers/columns.js';
import { summariesFromRows } from './summary-row.js';
import type { SummaryRow } from './summary-row.js';

/** A papers row as SQLite returns it: lists as JSON text, booleans as 0/1. */
type PaperRow = Omit<PaperColumns, 'authors' | 'categories' | 'primary_confirmed'> & {
  authors: string;
  categories: string;
  primary_confirmed: number;
};

interface DayRow {
  date: string;
  categories: string;
  source: string;
  reconstructed: number;
  incomplete: string | null;
}

interface ListingRow {
  id: string;
  version: number;
  announce_type: AnnounceType;
}

interface EmbeddingRow {
  paper_id: string;
  version: number;
  dims: number;
  vector: Buffer;
}

/** The synchronous operations behind the async Store (named, so declaration files need no better-sqlite3 types). */
export interface SqliteOps {
  /** `index`: also refresh the papers' full-text entries; otherwise mark the index stale. */
  upsertPapers(papers: readonly Paper[], now: string, index: boolean): void;
  saveDay(day: StoredDay, now: string): void;
  getDay(date: string): StoredDay | null;
  saveSummaries(summaries: readonly StoredSummary[], ifAbsent: boolean): number;
  getPapers(ids: readonly string[]): Map<string, Paper>;
  getVersion(id: string, version: number): Paper | null;
  listDays(): string[];
  firstSeen(ids: readonly string[], date: string): Map<string, string>;
  getSummaries(keys: readonly string[]): Map<string, StoredSummary>;
  summariesOfPapers(papers: readonly { id: string; version: number }[]): StoredSummary[];
  listPapers(options: ListPapersOptions): Paper[];
  countPapers(): number;
  getEmbeddings(model: string, keys: readonly { id: string; version: number }[]): Map<string, Float32Array>;
  saveEmbeddings(embeddings: readonly StoredEmbedding[], now: string): void;
  saveRun(report: RunReport): number;
  listRuns(limit: number): RunReport[];
  readonly search: SqliteSearchOps;
}
type Statements = { [K in keyof typeof SQL]: Statement<unknown[]> };

export function createSqliteOps(db: Database): SqliteOps {
  const st = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as Statements;
  const search = createSqliteSearchOps(db);
  const upsertPapers = writeTransaction(db, (papers: readonly Paper[], now: string, index: boolean) => {
    const stored = index ? new Set(st.storedIds.pluck().all(JSON.stringify(papers.map((p) => p.id))) as string[]) : null;
    const written = new Map<string, number>();
    const fresh = new Map<string, IndexText>();
    for (const p of papers) {
      const params = paperParams(p, now);
      st.upsertPaper.run(params);
      st.upsertVersion.run(params);
      // A paper new to the store and once in the batch is stored exactly as given: its entry needs no read-back.
      if (written.has(p.id) || stored?.has(p.id)) fresh.delete(p.id);
      else fresh.set(p.id, { version: p.version, title: p.title, authors: p.authors.join(', '), abstract: p.abstract, categories: params.categories });
      written.set(p.id, Math.max(written.get(p.id) ?? 0, p.version));
    }
    if (index) search.reindex(written, fresh);
    else if (papers.length > 0) search.setState(SEARCH_INDEX_STATE_KEY, 'stale', now);
  });
  return {
    upsertPapers,
    search,
    ...archiveOps(db, st),
    saveDay: writeTransaction(db, saveDayIn(st)),
    // A read transaction, so the day row and its listings come from one snapshot.
    getDay: db.transaction(getDayIn(st)),
    saveSummaries: writeTransaction(db, saveSummariesIn(st)),
    getPapers(ids: readonly string[]): Map<string, Paper> {
      const rows = st.getPapers.all(JSON.stringify(ids)) as PaperRow[];
      return new Map(rows.map((r) => [r.id, rowToPaper(r)]));
    },
    getVersion(id: string, version: number): Paper | null {
      const row = st.getVersion.get(id, version) as PaperRow | undefined;
      return row ? rowToPaper(row) : null;
    },
    listDays(): string[] {
      return st.listDays.pluck().all() as string[];
    },
    firstSeen(ids: readonly string[], date: string): Map<string, string> {
      const rows = st.firstSeen.all(JSON.stringify(ids), date) as { id: string; date: string }[];
      return new Map(rows.map((r) => [r.id, r.date]));
    },
    getSummaries(keys: readonly string[]): Map<string, StoredSummary> {
      const rows = st.getSummaries.all(JSON.stringify(keys)) as SummaryRow[];
      return summariesFromRows(rows);
    },
    summariesOfPapers(papers: readonly { id: string; version: number }[]): StoredSummary[] {
      const keys = papers.map((p) => ({ id: p.id, version: p.version }));
      return [...summariesFromRows(st.summariesOfPapers.all(JSON.stringify(keys)) as SummaryRow[]).values()];
    },
    saveRun(report: RunReport): number {
      const { id, ...rest } = report;
      const row = { id: id ?? null, ...pick(report), report: JSON.stringify(rest) };
      return st.upsertRun.pluck().get(row) as number;
    },
    listRuns(limit: number): RunReport[] {
      const rows = st.listRuns.all(limit) as { id: number; report: string }[];
      return rows.map((r) => ({ ...parseJson<RunReport>(r.report), id: r.id }));
    },
  };
}

type ArchiveOps = Pick<SqliteOps, 'listPapers' | 'countPapers' | 'getEmbeddings' | 'saveEmbeddings'>;

/** Ranking's reads and cache: archive scans by id, embeddings stored as float32 blobs. */
function archiveOps(db: Database, st: Statements): ArchiveOps {
  return {
    saveEmbeddings: writeTransaction(db, (embeddings: readonly StoredEmbedding[], now: string) => {
      for (const e of embeddings) {
        const vector = Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength);
        st.upsertEmbedding.run({ paperId: e.paperId, version: e.version, model: e.model, dims: e.vector.length, vector, now });
      }
    }),
    listPapers(options: ListPapersOptions): Paper[] {
      const rows = st.listPapers.all(options.after ?? '', options.limit) as PaperRow[];
      return rows.map(rowToPaper);
    },
    countPapers(): number {
      return st.countPapers.pluck().get() as number;
    },
    getEmbeddings(model: string, keys: readonly { id: string; version: number }[]): Map<string, Float32Array> {
      const wanted = JSON.stringify(keys.map((k) => ({ id: k.id, version: k.version })));
      const rows = st.getEmbeddings.all(wanted, model) as EmbeddingRow[];
      return new Map(rows.map((r) => [`${r.paper_id}v${r.version}`, blobToVector(r.vector, r.dims)]));
    },
  };
}

function saveSummariesIn(st: Statements) {
  return (summaries: readonly StoredSummary[], ifAbsent: boolean): number => {
    const stmt = ifAbsent ? st.insertSummary : st.upsertSummary;
    let written = 0;
    for (const s of summaries) {
      const { key, paperId, version, createdAt } = s;
      const summary = JSON.stringify(s.summary);
      written += stmt.run({ key, paperId, version, createdAt, summary, meta: JSON.stringify(s.meta) }).changes;
    }
    return written;
  };
}

function saveDayIn(st: Statements) {
  return (day: StoredDay, now: string): void => {
    const existing = st.getDay.get(day.date) as DayRow | undefined;
    st.upsertDay.run({
      date: day.date,
      categories: JSON.stringify(mergeCategories(existing ? parseJson(existing.categories) : [], day.categories)),
      source: existing?.source ?? day.source,
      reconstructed: day.reconstructed ? 1 : 0,
      incomplete: notesJson(mergeDayNotes(existing?.incomplete ? parseJson(existing.incomplete) : [], day)),
      now,
    });
    let position = st.nextPosition.pluck().get(day.date) as number;
    for (const l of day.listings) {
      try {
        st.upsertListing.run(day.date, l.id, l.version, l.announceType, position++);
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
        throw new StoreError(`cannot list ${l.id}v${l.version} on ${day.date}: that version is not stored; save the paper first`);
      }
    }
  };
}

function getDayIn(st: Statements) {
  return (date: string): StoredDay | null => {
    const row = st.getDay.get(date) as DayRow | undefined;
    if (!row) return null;
    const listings = (st.getListings.all(date) as ListingRow[]).map((l) => ({
      id: l.id,
      version: l.version,
      announceType: l.announce_type,
    }));
    const categories = parseJson<string[]>(row.categories);
    const day: StoredDay = { date: row.date, categories, source: row.source, reconstructed: row.reconstructed === 1, listings };
    if (row.incomplete) day.incomplete = parseJson<DayNote[]>(row.incomplete);
    return day;
  };
}

const notesJson = (notes: readonly DayNote[]): string | null => (notes.length > 0 ? JSON.stringify(notes) : null);

function pick(r: RunReport) {
  return { startedAt: r.startedAt, finishedAt: r.finishedAt, command: r.command, date: r.date, exitCode: r.exitCode };
}

function paperParams(p: Paper, now: string) {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    authors: JSON.stringify(p.authors),
    abstract: p.abstract,
    categories: JSON.stringify(p.categories),
    primaryCategory: p.primaryCategory,
    primaryConfirmed: p.primaryConfirmed ? 1 : 0,
    comment: p.comment,
    journalRef: p.journalRef,
    doi: p.doi,
    license: p.license,
    submitted: p.submitted,
    updated: p.updated,
    now,
  };
}

/** SQLite keeps lists as JSON text and booleans as 0/1. */
function rowToPaper(r: PaperRow): Paper {
  return paperFromColumns({ ...r, authors: parseJson(r.authors), categories: parseJson(r.categories), primary_confirmed: r.primary_confirmed === 1 });
}

// SQLite hands back a Buffer that may sit at any offset of a shared pool: copy so the floats are aligned.
function blobToVector(blob: Buffer, dims: number): Float32Array {
  const out = new Float32Array(dims);
  new Uint8Array(out.buffer).set(blob.subarray(0, dims * 4));
  return out;
}

function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
