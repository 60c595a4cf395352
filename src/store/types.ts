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
  /** Why the day is known to lack papers, per category; read back only when there is any. */
  incomplete?: DayNote[];
  /**
   * On save: the categories a listing page checked this time. Their stored notes give way to `incomplete`'s (none,
   * when the check found the day whole); other categories' notes stay, as do all when neither field is given.
   */
  checked?: string[];
}

/** A day-level note about one category, such as papers the listing counts that neither source had. */
export interface DayNote {
  category: string;
  message: string;
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
  /** Full-text search over the archive: `search` and `rebuildSearchIndex` are present. */
  search: boolean;
}

/** One paper found by {@link Store.search}: the latest version's title. */
export interface SearchHit {
  id: string;
  version: number;
  title: string;
  /** Relevance, higher is better; comparable only within one result list (each driver ranks its own way). */
  score: number;
}

export interface SearchOptions {
  /** Hits at most. @default 20 */
  limit?: number;
  /** Only papers in at least one of these categories (any of theirs, not only the primary); empty: all. */
  categories?: readonly string[];
}

export interface SaveSummariesOptions {
  /** Keep a row already stored under the same key (the first writer wins: queue workers retrying a job). */
  ifAbsent?: boolean;
}

/**
 * Options of `openStore(location, options)` that every driver honours.
 *
 * Bulk imports (backfill, import-kaggle) may open the store with `searchIndex: 'defer'`: that store object's
 * `upsertPapers` then leaves the full-text index alone (faster), records the durable state key
 * {@link SEARCH_INDEX_STATE_KEY} = `'stale'` in the same transaction, and the importer calls
 * `rebuildSearchIndex()` when done, which re-indexes every paper and deletes the key. Searches meanwhile answer
 * from the index as it was. Other stores on the same database keep maintaining the index for what they write.
 */
export interface StoreOpenOptions {
  /** @default 'maintain' */
  searchIndex?: 'maintain' | 'defer';
  /**
   * Open only a store that is already there (commands that only read it): a missing SQLite file or a database
   * without our schema is a MissingStoreError, and nothing is created in it. An older schema is still upgraded.
   * @default false
   */
  existing?: boolean;
}

/** State key set to `'stale'` while papers written by a deferring store are missing from the search index. */
export const SEARCH_INDEX_STATE_KEY = 'store:search-index';

export interface Store {
  readonly name: string;
  readonly capabilities: StoreCapabilities;
  /**
   * Insert or update papers. Idempotent. Every distinct (id, version) is kept as a version row; the paper row
   * holds the latest version's metadata. Fields a source left empty (null comment, unconfirmed primary) never
   * overwrite values already stored for the same version; empty text and lists count as left empty. The
   * categories of a version never shrink: both lists are unioned (an older day's listing stored after a newer one
   * must not drop a cross-list), primary first, except that a confirmed new primary (a reclassification) brings
   * its own list. Other fields of the same version take the newer value. Upserting an older version never changes what getPapers returns.
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
  /**
   * Every well-formed stored summary of the given paper versions, whatever summarizer, model or language wrote
   * it (commands that only show stored summaries fall back on these when none matches their settings).
   */
  summariesOfPapers(papers: readonly { id: string; version: number }[]): Promise<StoredSummary[]>;
  /**
   * Insert or replace summaries by key; with `{ ifAbsent: true }` a stored row of the same key stays (and within
   * the batch the first of a key wins). One transaction. Returns the number of rows written (inserted or replaced).
   */
  saveSummaries(summaries: readonly StoredSummary[], options?: SaveSummariesOptions): Promise<number>;
  /**
   * Small durable key/value state for long jobs (backfill resumption tokens, queue run ids); null when unset.
   * Keys starting with `store:` are the store's own (see {@link SEARCH_INDEX_STATE_KEY}).
   */
  getState(key: string): Promise<string | null>;
  /** Set a state key (last writer wins); `null` deletes it. */
  setState(key: string, value: string | null): Promise<void>;
  /**
   * Full-text search over titles, authors and abstracts of the latest version of each paper, best first
   * (present when `capabilities.search`). Query syntax: plain words are AND-ed, `"quoted phrases"` match in order;
   * words match their inflections (English stemming); case and punctuation do not matter; any input is safe
   * (nothing in it is query syntax). A query with no letters or digits finds nothing.
   */
  search?(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Re-index every paper (after a bulk import with `searchIndex: 'defer'`); clears the stale state key. */
  rebuildSearchIndex?(): Promise<void>;
  /** Keep a run report; returns its id. A report carrying the `id` of a stored run replaces that run. */
  saveRun(report: RunReport): Promise<number>;
  /** Latest runs (by `startedAt`), newest first, each with its `id`. */
  listRuns(limit: number): Promise<RunReport[]>;
  /** Idempotent; any other call afterwards rejects with StoreError. */
  close(): Promise<void>;
}
