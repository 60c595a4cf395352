/**
 * A summaries row as both drivers read it (summary and meta as JSON text), its decoding, and the shape a
 * stored summary must have. Rows are checked on the way out: one written by an older import or by hand with a
 * field missing is treated as absent (the next run summarizes the paper again) instead of crashing a renderer.
 */
import { z } from 'zod';
import { SENTENCE_ROLES, SUMMARY_FIELDS } from '../types.js';
import type { Summary, SummaryMeta } from '../types.js';
import type { StoredSummary } from './types.js';

export interface SummaryRow {
  key: string;
  paper_id: string;
  version: number;
  summary: string;
  meta: string;
  created_at: string;
}

const text = z.string().regex(/\S/, 'must not be blank');

/** The five fields, each text. */
export const summarySchema = z.object(Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, text])) as Record<keyof Summary, typeof text>);

export const summarizerNames = z.enum(['builtin', 'llm']);
export const summaryStatuses = z.enum(['ok', 'fallback', 'failed']);
/** Built-in summaries: the sentence role each field came from. */
export const summarySources = z.partialRecord(z.enum(SUMMARY_FIELDS), z.enum([...SENTENCE_ROLES, 'none']));

const count = z.number().int().nonnegative();
export const summaryMetaSchema = z.object({
  summarizer: summarizerNames,
  model: text,
  language: text,
  status: summaryStatuses,
  reason: z.string().nullable(),
  sources: summarySources.optional(),
  version: z.string().optional(),
  usage: z.object({ promptTokens: count, completionTokens: count, calls: count }).optional(),
});

/** The stored summary, or null when its row does not hold a well-formed summary and meta. */
export function summaryFromRow(r: SummaryRow): StoredSummary | null {
  const summary = parse(r.summary);
  const meta = parse(r.meta);
  if (!summarySchema.safeParse(summary).success || !summaryMetaSchema.safeParse(meta).success) return null;
  return { key: r.key, paperId: r.paper_id, version: r.version, createdAt: r.created_at, summary: summary as Summary, meta: meta as SummaryMeta };
}

/** The well-formed summaries of `rows`, by key. */
export function summariesFromRows(rows: readonly SummaryRow[]): Map<string, StoredSummary> {
  const found = new Map<string, StoredSummary>();
  for (const row of rows) {
    const stored = summaryFromRow(row);
    if (stored) found.set(row.key, stored);
  }
  return found;
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}
