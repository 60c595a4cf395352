/**
 * Rebuilding the store from digest JSONL files (`DIR/YYYY-MM-DD.jsonl`, the durable record the publishing
 * workflow commits): papers, the day's listings and the summaries that can be reused (status ok, with the
 * summarizer version that is part of their cache key). Idempotent: importing a file twice changes nothing.
 * A file with a bad line is refused whole, naming the line, before anything is stored.
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
  /** The papers listed, to count distinct papers over several days (replacements come back). */
  ids: string[];
  /** The summaries stored, each under its cache key (one paper version on two days: one key). */
  stored: StoredSummary[];
}

export async function importDigestJsonl(store: Store, file: string): Promise<ImportedDay> {
  const records = await readRecords(file);
  if (records.length === 0) throw new UsageError(`${file} holds no digest records`);
  const date = records[0]?.date as string;
  const papers = records.map(toPaper);
  await store.upsertPapers(papers);
  const listings = records.map((r) => ({ id: r.id, version: r.version, announceType: r.announce_type }));
  const categories = [...new Set(records.map((r) => r.section))];
  await store.saveDay({ date, categories, source: 'jsonl', reconstructed: false, listings });
  const summaries = records.flatMap((r, i) => reusable(r, papers[i] as Paper));
  if (summaries.length > 0) await store.saveSummaries(summaries);
  return { date, papers: papers.length, summaries: summaries.length, ids: papers.map((p) => p.id), stored: summaries };
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

/** An ok summary with everything its cache key needs; fallbacks and failures are made again by the next run. */
function reusable(r: JsonRecord, paper: Paper): StoredSummary[] {
  const m = r.summary_meta;
  if (!r.summary || m.status !== 'ok' || !m.summarizer || !m.model || !m.version || !m.language) return [];
  const key = summaryKey(paper, { name: m.summarizer, model: m.model, version: m.version }, m.language);
  const meta = { summarizer: m.summarizer, model: m.model, language: m.language, status: m.status, reason: m.reason, version: m.version, ...(m.sources ? { sources: m.sources } : {}) };
  return [{ key, paperId: paper.id, version: paper.version, summary: r.summary, meta, createdAt: new Date().toISOString() }];
}
