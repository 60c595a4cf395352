/**
 * The Store interface: everything the pipeline keeps between runs.
 * Drivers (SQLite now, PostgreSQL later) implement it and pass the shared contract suite in test/contracts/store.ts.
 * Methods are async so that networked drivers fit; the SQLite driver answers synchronously inside.
 */
import type { AnnounceType, Paper, RunReport, SummaryResult } from '../types.js';

/** A paper listed on an announcement day. */
export interface DayListing {
  id: string;
  version: number;
  announceType: AnnounceType;
}

export interface StoredDay {
  /** Announcement date `YYYY-MM-DD`. */
  date: string;
  /** Categories the day was fetched for (canonical); a later run for other categories adds to them. */
  categories: string[];
  source: string;
  reconstructed: boolean;
  /** Papers in listing order. */
  listings: DayListing[];
}

export interface StoredSummary extends SummaryResult {
  /** Cache key: hash of what the summary depends on (paper text, summarizer, model, language, prompt). */
  key: string;
  paperId: string;
  version: number;
  createdAt: string;
}

/** A cached embedding of one paper version by one model (ranking's optional signal). */
export interface StoredEmbedding {
  paperId: string;
  version: number;
  /** Model id as the embedder names it (endpoint and model), so vectors of different models never mix. */
  model: string;
  vector: Float32Array;
}

export interface ListPapersOptions {
  /** Papers per page, at most. */
  limit: number;
  /** Return papers whose id sorts after this one (the last id of the previous page); from the start when absent. */
  after?: string | null;
}

export interface StoreCapabilities {
  /** Full-text search over the archive (later issues). */
  search: boolean;
}

export interface Store {
  readonly name: string;
  readonly capabilities: StoreCapabilities;
  /**
   * Insert or update papers. Idempotent. Every distinct (id, version) is kept as a version row; the paper row
   * holds the latest version's metadata. Fields a source left empty (null comment, unconfirmed primary) never
   * overwrite values already stored for the same version; empty text and lists count as left empty. Other fields
   * of the same version take the newer value. Upserting an older version never changes what getPapers returns.
   * The batch is one transaction; an invalid paper (empty id, version not an integer >= 1) rejects all of it.
   */
  upsertPapers(papers: readonly Paper[]): Promise<void>;
  /** Latest stored version of each id that exists. */
  getPapers(ids: readonly string[]): Promise<Map<string, Paper>>;
  /** Abstract of a given version, if stored. */
  getVersion(id: string, version: number): Promise<Paper | null>;
  /**
   * Record a day's listings (merged with listings already stored for that date; idempotent).
   * Every listed (id, version) must have been upserted first, else StoreError and nothing of the day is saved.
   * Merging: a paper listed again keeps its first position (new papers go after the stored ones); categories
   * are unioned; `source` stays the one the day was first recorded from; `reconstructed` stays true once set.
   * For a paper listed twice, a higher version wins; for the same version a primary listing (new, replace)
   * replaces a cross-list (cross, replace-cross), otherwise the first listing stays.
   */
  saveDay(day: StoredDay): Promise<void>;
  getDay(date: string): Promise<StoredDay | null>;
  /** Stored announcement dates, newest first. */
  listDays(): Promise<string[]>;
  /** For each id listed on a day before `date`, the earliest such day. */
  firstSeen(ids: readonly string[], date: string): Promise<Map<string, string>>;
  /**
   * Stored papers (latest version each) in ascending id order, one page at a time: scans over the whole archive
   * (the ranking index) page with `after` = the last id of the previous page, so memory stays bounded.
   */
  listPapers(options: ListPapersOptions): Promise<Paper[]>;
  /** Number of stored papers (distinct ids). */
  countPapers(): Promise<number>;
  /**
   * Cached embeddings of `model` for the given paper versions, keyed `${id}v${version}`; missing ones are absent.
   */
  getEmbeddings(model: string, keys: readonly { id: string; version: number }[]): Promise<Map<string, Float32Array>>;
  /** Insert or replace embeddings by (paper id, version, model). The paper need not be stored. */
  saveEmbeddings(embeddings: readonly StoredEmbedding[]): Promise<void>;
  getSummaries(keys: readonly string[]): Promise<Map<string, StoredSummary>>;
  /** Insert or replace summaries by key. */
  saveSummaries(summaries: readonly StoredSummary[]): Promise<void>;
  /** Keep a run report; returns its id. A report carrying the `id` of a stored run replaces that run. */
  saveRun(report: RunReport): Promise<number>;
  /** Latest runs (by `startedAt`), newest first, each with its `id`. */
  listRuns(limit: number): Promise<RunReport[]>;
  /** Idempotent; any other call afterwards rejects with StoreError. */
  close(): Promise<void>;
}
