/**
 * Rebuilding the store from digest JSONL files (`DIR/YYYY-MM-DD.jsonl`, the durable record the publishing
 * workflow commits): papers, the day's listings and categories (`day_categories`, so sections without papers come
 * back) and its ok summaries. Idempotent: importing a file twice changes nothing. A file with a bad line is
 * refused whole, naming the line, before anything is stored.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { JsonRecord } from '../render/jsonl.js';
import type { StoredSummary } from '../store/types.js';
import type { Store } from '../store/types.js';
import { summaryKey } from '../summarize/index.js';
import type { Paper } from '../types.js';
import { paperFromColumns } from '../papers/columns.js';
import { checkRecord } from './import-check.js';

export interface ImportedDay {
  date: string;
  /** Records in the file: the day's listings. */
  papers: number;
  /** Ok summaries taken from them. */
  summaries: number;
  /**
   * Of those, summaries from files written before `summary_meta.version` existed: stored under a key no current
   * summarizer computes, so `render`, `site` and `send` show them but `run` writes new ones.
   */
  unversioned: number;
  /** Summaries in the file not stored, by why: `fallback` (the next run tries again), `incomplete` (no summarizer, model or language). */
  skipped: Record<SkipReason, number>;
  /** The papers listed, to count distinct papers over several days (replacements come back). */
  ids: string[];
  /** The summaries stored, each under its cache key (one paper version on two days: one key). */
  stored: StoredSummary[];
}

export type SkipReason = 'fallback' | 'incomplete';

/** Stands in for the missing version in the cache key: no summarizer has it, so no run takes these as its own. */
export const UNVERSIONED = 'unversioned';

export async function importDigestJsonl(store: Store, file: string): Promise<ImportedDay> {
  const records = await readRecords(file);
  if (records.length === 0) throw new UsageError(`${file} holds no digest records`);
  const date = records[0]?.date as string;
  const papers = records.map(toPaper);
  await store.upsertPapers(papers);
  const listings = records.map((r) => ({ id: r.id, version: r.version, announceType: r.announce_type }));
  // Older files carry no day-level list: their empty sections are lost, the rest come from the records.
  const categories = [...new Set([...records.flatMap((r) => r.day_categories ?? []), ...records.map((r) => r.section)])];
  await store.saveDay({ date, categories, source: 'jsonl', reconstructed: false, listings });
  const skipped: Record<SkipReason, number> = { fallback: 0, incomplete: 0 };
  const summaries = records.flatMap((r, i) => {
    const found = reusable(r, papers[i] as Paper);
    if (typeof found === 'string') skipped[found]++;
    return found && typeof found !== 'string' ? [found] : [];
  });
  if (summaries.length > 0) await store.saveSummaries(summaries);
  const unversioned = summaries.filter((s) => s.meta.version === undefined).length;
  return { date, papers: papers.length, summaries: summaries.length, unversioned, skipped, ids: papers.map((p) => p.id), stored: summaries };
}

async function readRecords(file: string): Promise<JsonRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const records: JsonRecord[] = [];
  const lineOf = new Map<string, number>();
  // An editor's byte order mark is not part of the first record.
  text.replace(/^\uFEFF/, '').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${file} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError(`${at}: not JSON`);
    }
    const problem = checkRecord(value);
    if (problem) throw new UsageError(`${at}: ${problem}`);
    const record = value as JsonRecord;
    if (records[0] && record.date !== records[0].date) throw new UsageError(`${at}: date ${record.date} differs from ${records[0].date}; one day per file`);
    // A day lists a paper once; which of two records to keep is not ours to guess.
    const seen = lineOf.get(record.id);
    if (seen !== undefined) throw new UsageError(`${at}: ${record.id} is already on line ${seen}; one record per paper`);
    lineOf.set(record.id, i + 1);
    records.push(record);
  });
  return records;
}

function toPaper(r: JsonRecord): Paper {
  // Files written before `primary_confirmed` existed lack it.
  return paperFromColumns({ ...r, primary_confirmed: r.primary_confirmed ?? false });
}

/**
 * An ok summary with what its cache key needs, or why the record's summary is not kept (null: it has none).
 * Fallbacks are made again by the next run. A file from before `version` was written keeps its summaries under
 * {@link UNVERSIONED}: shown by `render` and co. (which take any stored summary of the paper version), never
 * mistaken by `run` for one of the current settings.
 */
function reusable(r: JsonRecord, paper: Paper): StoredSummary | SkipReason | null {
  const m = r.summary_meta;
  if (!r.summary) return null;
  if (m.status !== 'ok') return 'fallback';
  if (!m.summarizer || !m.model || !m.language) return 'incomplete';
  const key = summaryKey(paper, { name: m.summarizer, model: m.model, version: m.version || UNVERSIONED }, m.language);
  const meta = { summarizer: m.summarizer, model: m.model, language: m.language, status: m.status, reason: m.reason, ...(m.version ? { version: m.version } : {}), ...(m.sources ? { sources: m.sources } : {}) };
  return { key, paperId: paper.id, version: paper.version, summary: r.summary, meta, createdAt: new Date().toISOString() };
}
