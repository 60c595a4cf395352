/**
 * What a digest JSONL record must hold before `import-jsonl` stores it: the paper's columns, a listing that
 * puts it in a section it can be rendered under, and a summary and summary_meta of the shape the renderer
 * writes (an incomplete summary stored as reusable would crash every later render of the day).
 */
import { z } from 'zod';
import { summarizerNames, summarySchema, summarySources, summaryStatuses } from '../store/summary-row.js';
import { ANNOUNCE_TYPES } from '../types.js';
import type { AnnounceType } from '../types.js';

const count = z.number().int().nonnegative();
// Fields the writer added over time (sources, version, usage) may be absent from older files.
const jsonMetaSchema = z.object({
  summarizer: summarizerNames.nullable(),
  model: z.string().nullable(),
  language: z.string().nullable(),
  status: summaryStatuses,
  reason: z.string().nullable(),
  sources: summarySources.nullable().optional(),
  version: z.string().nullable().optional(),
  usage: z.object({ prompt_tokens: count, completion_tokens: count, calls: count }).optional(),
});

/** The first problem of a parsed JSONL line, in words, or null when it is a digest record. */
export function checkRecord(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a digest record';
  const r = v as Record<string, unknown>;
  return checkColumns(r) ?? checkSection(r) ?? checkSummary(r);
}

function checkColumns(r: Record<string, unknown>): string | null {
  for (const key of ['id', 'title', 'abstract', 'primary_category', 'section', 'date'] as const) {
    if (typeof r[key] !== 'string' || r[key] === '') return `missing "${key}"`;
  }
  if (!isCalendarDate(r.date as string)) return `bad date "${String(r.date)}"`;
  if (!Number.isSafeInteger(r.version) || (r.version as number) < 1) return 'missing "version"';
  if (!isStrings(r.authors) || !isStrings(r.categories)) return 'missing "authors" or "categories"';
  if (!ANNOUNCE_TYPES.includes(r.announce_type as AnnounceType)) return `bad announce_type "${String(r.announce_type)}"`;
  return null;
}

/**
 * A day's sections are rebuilt from its records' sections, and a paper is listed under one of its own
 * categories: a section the paper is not in would leave it out of every later render.
 */
function checkSection(r: Record<string, unknown>): string | null {
  const own = [...new Set([r.primary_category as string, ...(r.categories as string[])])];
  if (!own.includes(r.section as string)) return `section "${String(r.section)}" is not one of the paper's categories (${own.join(', ')})`;
  if (r.day_categories === undefined) return null;
  if (!isStrings(r.day_categories) || r.day_categories.some((c) => c === '')) return 'bad "day_categories": expected a list of categories';
  return r.day_categories.includes(r.section as string) ? null : `section "${String(r.section)}" is not one of "day_categories" (${r.day_categories.join(', ')})`;
}

function checkSummary(r: Record<string, unknown>): string | null {
  const meta = jsonMetaSchema.safeParse(r.summary_meta);
  if (!meta.success) return problem('summary_meta', meta.error);
  if (r.summary === null) return null;
  const summary = summarySchema.safeParse(r.summary);
  return summary.success ? null : problem('summary', summary.error);
}

/** The first issue, named by its path: `bad "summary.method": invalid input: expected string, received undefined`. */
function problem(key: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = [key, ...(first?.path ?? [])].map(String).join('.');
  return `bad "${where}": ${(first?.message ?? 'invalid').toLowerCase()}`;
}

/** `YYYY-MM-DD` naming a real day (the store refuses 2026-13-45 with a less helpful message). */
function isCalendarDate(text: string): boolean {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
