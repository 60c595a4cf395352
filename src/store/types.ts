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
   * overwrite values already stored for the same version.
   */
  upsertPapers(papers: readonly Paper[]): Promise<void>;
  /** Latest stored version of each id that exists. */
  getPapers(ids: readonly string[]): Promise<Map<string, Paper>>;
  /** Abstract of a given version, if stored. */
  getVersion(id: string, version: number): Promise<Paper | null>;
  /** Record a day's listings (merged with listings already stored for that date; idempotent). */
  saveDay(day: StoredDay): Promise<void>;
  getDay(date: string): Promise<StoredDay | null>;
  /** Stored announcement dates, newest first. */
  listDays(): Promise<string[]>;
  /** For each id listed on a day before `date`, the earliest such day. */
  firstSeen(ids: readonly string[], date: string): Promise<Map<string, string>>;
  getSummaries(keys: readonly string[]): Promise<Map<string, StoredSummary>>;
  /** Insert or replace summaries by key. */
  saveSummaries(summaries: readonly StoredSummary[]): Promise<void>;
  /** Keep a run report; returns its id. */
  saveRun(report: RunReport): Promise<number>;
  /** Latest runs, newest first. */
  listRuns(limit: number): Promise<RunReport[]>;
  close(): Promise<void>;
}
