/**
 * Shared data types of the pipeline: fetch → store → summarize → render.
 * Every stage takes and returns these; nothing else crosses a stage boundary.
 */
import type { Stage } from './errors.js';

export const ANNOUNCE_TYPES = ['new', 'cross', 'replace', 'replace-cross'] as const;
export type AnnounceType = (typeof ANNOUNCE_TYPES)[number];

/** Metadata of one version of a paper, merged from the feed, the export API and the listing page. */
export interface Paper {
  /** Versionless arXiv id: `2601.20868`, `hep-th/9901001`. */
  id: string;
  /** Version number (`v3` → 3); 1 when no source states it. */
  version: number;
  title: string;
  authors: string[];
  abstract: string;
  /** Canonical category ids (aliases collapsed), primary first, no duplicates. */
  categories: string[];
  /** Canonical primary category. */
  primaryCategory: string;
  /** True once the export API or listing page confirmed the primary (RSS only implies it by order). */
  primaryConfirmed: boolean;
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  license: string | null;
  /** ISO 8601 time of the v1 submission (export API `published`), when known. */
  submitted: string | null;
  /** ISO 8601 time of this version (export API `updated`), when known. */
  updated: string | null;
}

/** One item of an announcement feed. */
export interface FeedItem {
  paper: Paper;
  announceType: AnnounceType;
}

/** Something that went wrong but did not stop the run; every one ends up in the run report. */
export interface Problem {
  stage: Stage;
  code: string;
  message: string;
  paperId?: string;
  /** The category a day-level problem is about (an `incomplete` day is stored per category). */
  category?: string;
}

/** What a source yields for one announcement day. */
export interface FeedBatch {
  /** Announcement date the feed states, `YYYY-MM-DD` (America/New_York). */
  date: string;
  /** Canonical categories the feed covers. */
  categories: string[];
  items: FeedItem[];
  source: 'rss' | 'atom' | 'api-range' | 'file' | 'store';
  /** True when the day was rebuilt from submission dates through the export API, not read from a feed. */
  reconstructed: boolean;
  /** The feed's build time (`lastBuildDate`), when given. */
  builtAt: string | null;
  problems: Problem[];
  /** Items the source held before the announce-type and category filters (`items` is what passed). */
  feedItems?: number;
  /** Categories whose listing page cross-checked this feed: their `incomplete` problems are the whole story. */
  checked?: string[];
}

/** What a summary field with no material in the abstract reads (the built-in summarizer's exact words). */
export const NOT_STATED = 'Not stated in the abstract.';

export const SUMMARY_FIELDS = ['tldr', 'motivation', 'method', 'result', 'conclusion'] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];
export type Summary = Record<SummaryField, string>;

export const SENTENCE_ROLES = ['background', 'objective', 'method', 'result', 'other'] as const;
export type SentenceRole = (typeof SENTENCE_ROLES)[number];

export type SummaryStatus = 'ok' | 'fallback' | 'failed';

export interface SummaryMeta {
  summarizer: 'builtin' | 'llm';
  /** Model id: the LLM's name, or the built-in model's name and version. */
  model: string;
  /** BCP-47 code of the language the summary is written in. */
  language: string;
  status: SummaryStatus;
  /** Why the status is not `ok` (or a note such as a language the summarizer cannot write); null otherwise. */
  reason: string | null;
  /**
   * Built-in summarizer: the role of the sentence each field was taken from,
   * `'none'` when the abstract had no material for it ("Not stated in the abstract.").
   */
  sources?: Partial<Record<SummaryField, SentenceRole | 'none'>>;
  /** Version of the summarizer that wrote it (model file hash, prompt version): part of the cache key. */
  version?: string;
  /** LLM summarizer: tokens used for this paper over all its calls (re-asks and retries included). */
  usage?: { promptTokens: number; completionTokens: number; calls: number };
}

export interface SummaryResult {
  summary: Summary;
  meta: SummaryMeta;
}

/** A paper as listed in one day's digest. */
export interface DigestEntry {
  paper: Paper;
  announceType: AnnounceType;
  /** Category section the paper is listed under. */
  section: string;
  /** Listed under a category that is not its primary. */
  crossList: boolean;
  /** Earliest earlier announcement date on which the paper was listed, or null if new to the store. */
  firstSeen: string | null;
  /** Summary, or null if none could be made (rendered as a visible failure, never as placeholder prose). */
  summary: SummaryResult | null;
  /** Personal relevance, when the digest was ranked against an interest profile. */
  relevance?: Relevance;
}

/** How much a paper matters to the reader's interest profile, and why. */
export interface Relevance {
  /** Higher is more relevant; comparable within one day. */
  score: number;
  /** Readable evidence: matched keywords, followed authors, similar library papers, top weighted terms. */
  reasons: string[];
  /** The paper is already in the profile's library (marked, not re-recommended). */
  inLibrary: boolean;
}

export interface DigestSection {
  category: string;
  entries: DigestEntry[];
}

/** One day's digest, ready to render: sections in the configured order, entries in listing order. */
export interface Digest {
  date: string;
  categories: string[];
  sections: DigestSection[];
  reconstructed: boolean;
  /** When ranked: ids of the top papers for this reader, best first ("For you"). */
  forYou?: string[];
  /** Why the day is known to lack papers (the fetch stage's `incomplete` problems), shown atop the Markdown. */
  incomplete?: string[];
}

/** What one run did: written to `DIR/run-report.json` and kept in the store. */
export interface RunReport {
  /** Store-assigned id, once saved. */
  id?: number;
  command: string;
  startedAt: string;
  finishedAt: string;
  /** Announcement date the run worked on, when one was determined. */
  date: string | null;
  categories: string[];
  /**
   * Announce types the digest was assembled with, so re-showing the day (render, site, send) lists what this run
   * did. Reports kept before it existed lack it; their `counts.byAnnounceType` says the same for the day.
   */
  announceTypes?: AnnounceType[];
  source: FeedBatch['source'] | null;
  reconstructed: boolean;
  exitCode: number;
  /** One-line outcome, e.g. "done", "no announcement for 2026-01-31". */
  outcome: string;
  counts: {
    /** Items in the feed before filtering. */
    fetched: number;
    /** Papers in the digest. */
    listed: number;
    byAnnounceType: Partial<Record<AnnounceType, number>>;
    bySection: Record<string, number>;
    byStatus: Record<SummaryStatus, number>;
    /** Summaries taken from the store instead of being made again. */
    reused: number;
    /** Summaries made in this run. */
    summarized: number;
    seenBefore: number;
  };
  /** Wall time per stage in milliseconds. */
  stages: Partial<Record<Stage, number>>;
  requests: { total: number; byHost: Record<string, number>; retries: number };
  /** Built-in summarizer: share of fields filled from a sentence of their own role. */
  roleCoverage?: Partial<Record<SummaryField, number>>;
  /** LLM summarizer: calls, faults, tokens and cost of this run (never the API key). */
  llm?: LlmRunStats;
  /** `run --queue`: the workers summarized; their LLM use as recorded with each summary they wrote. */
  queue?: QueueRunStats;
  /** Channels the digest was delivered to (email, slack, feishu, telegram). */
  delivered?: string[];
  problems: Problem[];
}

export interface QueueRunStats {
  /** The queue URL without a password. */
  url: string;
  /** Summaries made for this run: by the workers, or by the run's fallback for papers they could not do. */
  summaries: number;
  /** Summed `summary_meta.usage` of those summaries (LLM workers). */
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

export interface LlmRunStats {
  baseUrl: string;
  model: string;
  /** Output mode in use at the end of the run (json_schema, json_object, prompt). */
  mode: string;
  calls: number;
  retries: number;
  reasks: number;
  /** Faults met, by kind (rate_limit, server, timeout, network, quota, moderation …). */
  faults: Record<string, number>;
  promptTokens: number;
  completionTokens: number;
  /** Cost from the configured price table, when one is set. */
  cost: number | null;
  /** Concurrency: the configured ceiling and the lowest the adaptive limiter went. */
  concurrency: { ceiling: number; lowest: number };
}
