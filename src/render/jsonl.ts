/**
 * The day's digest as JSON Lines: one object per listed paper, snake_case keys, in the Markdown's global order.
 * Text is raw (only JSON-escaped); escaping for display is the consumer's job. Pure: no I/O.
 */
import type { AnnounceType, Digest, DigestEntry, SentenceRole, Summary, SummaryField, SummaryStatus } from '../types.js';
import { paperLinks } from './links.js';
import type { PaperLinks } from './links.js';
import type { PaperColumns } from '../papers/columns.js';

export interface JsonSummaryMeta {
  summarizer: 'builtin' | 'llm' | null;
  model: string | null;
  /** BCP-47 code. */
  language: string | null;
  status: SummaryStatus;
  reason: string | null;
  /** Built-in summarizer: role of the sentence each field came from; null when not recorded. */
  sources: Partial<Record<SummaryField, SentenceRole | 'none'>> | null;
  /** Summarizer version (model file hash, prompt version): with the rest, the summary's cache key. */
  version: string | null;
  /** LLM summaries: tokens used for this paper (all its calls), from the endpoint's usage figures. */
  usage?: { prompt_tokens: number; completion_tokens: number; calls: number };
}

/** Personal relevance of the paper (`run --rank`); null when the digest was not ranked. */
export interface JsonRelevance {
  /** In [0, 1]; higher is more relevant to the profile. */
  score: number;
  /** Readable evidence: matched keywords, followed authors, similar library papers, weighted terms. */
  reasons: string[];
  /** The paper is in the profile's library (marked, not recommended again). */
  in_library: boolean;
  /** Position in the day's "For you" list (1-based), or null when not in it. */
  for_you: number | null;
}

/** The paper's own fields are `PaperColumns` (shared with the stores' tables), plus the day's listing. */
export interface JsonRecord extends PaperColumns {
  announce_type: AnnounceType;
  section: string;
  cross_list: boolean;
  first_seen: string | null;
  links: PaperLinks;
  /** Null when no summary could be made or it failed; `summary_meta.status`/`reason` say why. */
  summary: Summary | null;
  summary_meta: JsonSummaryMeta;
  relevance: JsonRelevance | null;
  /** Announcement date of the digest, `YYYY-MM-DD`. */
  date: string;
  /**
   * Every category of the digest, those without papers too, so `import-jsonl` rebuilds the day's empty sections.
   * Written by `renderJsonl`; files from before it lack it (their days are rebuilt from the records' sections).
   */
  day_categories?: string[];
}

/**
 * The JSONL record of one entry; `date` is the digest's announcement date, `forYou` its "For you" ids (ranked
 * digests), which give `relevance.for_you`.
 */
export function toJsonRecord(entry: DigestEntry, date: string, forYou?: readonly string[]): JsonRecord {
  const { paper } = entry;
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    authors: [...paper.authors],
    categories: [...paper.categories],
    primary_category: paper.primaryCategory,
    primary_confirmed: paper.primaryConfirmed,
    announce_type: entry.announceType,
    section: entry.section,
    cross_list: entry.crossList,
    first_seen: entry.firstSeen,
    abstract: paper.abstract,
    comment: paper.comment,
    journal_ref: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    submitted: paper.submitted,
    updated: paper.updated,
    links: paperLinks(paper),
    // A failed summary's text is not a summary; keep it out so no consumer shows it as one.
    summary: entry.summary && entry.summary.meta.status !== 'failed' ? { ...entry.summary.summary } : null,
    summary_meta: summaryMeta(entry),
    relevance: relevance(entry, forYou),
    date,
  };
}

function relevance(entry: DigestEntry, forYou?: readonly string[]): JsonRelevance | null {
  const r = entry.relevance;
  if (!r) return null;
  const at = forYou?.indexOf(entry.paper.id) ?? -1;
  // Four decimals: the scores' own precision (see src/rank/score.ts).
  return { score: Math.round(r.score * 10000) / 10000, reasons: [...r.reasons], in_library: r.inLibrary, for_you: at >= 0 ? at + 1 : null };
}

function summaryMeta(entry: DigestEntry): JsonSummaryMeta {
  const meta = entry.summary?.meta;
  if (!meta) {
    const none = { summarizer: null, model: null, language: null, sources: null, version: null };
    return { ...none, status: 'failed', reason: 'no summary was made' };
  }
  return {
    summarizer: meta.summarizer,
    model: meta.model,
    language: meta.language,
    status: meta.status,
    reason: meta.reason,
    sources: meta.sources ? { ...meta.sources } : null,
    version: meta.version ?? null,
    ...(meta.usage ? { usage: { prompt_tokens: meta.usage.promptTokens, completion_tokens: meta.usage.completionTokens, calls: meta.usage.calls } } : {}),
  };
}

/**
 * JSON.stringify leaves NEL and the Unicode line/paragraph separators raw; some JSONL readers (Python's
 * `splitlines`, editors) break lines there, so they are written as `\uXXXX` (they only occur inside strings).
 */
const LINE_BREAKERS = /[\u0085\u2028\u2029]/g;

/** One JSON object per entry, each line `\n`-terminated; empty string for a digest without entries. */
export function renderJsonl(digest: Digest): string {
  return digest.sections
    .flatMap((section) => section.entries)
    .map((entry) => JSON.stringify({ ...toJsonRecord(entry, digest.date, digest.forYou), day_categories: [...digest.categories] }))
    .map((line) => `${line.replace(LINE_BREAKERS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`)
    .join('');
}
