/**
 * Input checks shared by every store driver, so that all of them reject the same bad input with the same message
 * (the contract suite tests it) instead of each database failing in its own words.
 */
import { StoreError } from '../errors.js';
import { ANNOUNCE_TYPES } from '../types.js';
import type { Paper, RunReport } from '../types.js';
import type { DayNote, StoredDay, StoredEmbedding, StoredSummary } from './types.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function assertDate(date: string): void {
  if (typeof date !== 'string' || !DATE.test(date)) {
    throw new StoreError(`invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  }
}

function assertId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.trim() === '' || id !== id.trim()) {
    throw new StoreError(`invalid paper id ${JSON.stringify(id)}`);
  }
}

function assertVersion(id: string, version: unknown): void {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new StoreError(`invalid version ${JSON.stringify(version)} for paper ${id}: expected an integer >= 1`);
  }
}

export function assertPapers(papers: readonly Paper[]): void {
  for (const p of papers) {
    assertId(p.id);
    assertVersion(p.id, p.version);
    if (!Array.isArray(p.authors) || !Array.isArray(p.categories)) {
      throw new StoreError(`paper ${p.id}v${p.version}: authors and categories must be arrays`);
    }
  }
}

export function assertDay(day: StoredDay): void {
  assertDate(day.date);
  for (const l of day.listings) {
    assertId(l.id);
    assertVersion(l.id, l.version);
    if (!(ANNOUNCE_TYPES as readonly string[]).includes(l.announceType)) {
      throw new StoreError(`paper ${l.id} on ${day.date}: unknown announce type ${JSON.stringify(l.announceType)}`);
    }
  }
  const text = (v: unknown) => typeof v === 'string' && v !== '';
  if (day.incomplete && !day.incomplete.every((n) => text(n?.category) && text(n?.message))) {
    throw new StoreError(`day ${day.date}: every incomplete-day note needs a category and a message`);
  }
  if (day.checked && !day.checked.every(text)) throw new StoreError(`day ${day.date}: checked categories must be non-empty strings`);
}

export function assertSummaries(summaries: readonly StoredSummary[]): void {
  for (const s of summaries) {
    if (typeof s.key !== 'string' || s.key === '') throw new StoreError('summary key must be a non-empty string');
    assertId(s.paperId);
    assertVersion(s.paperId, s.version);
  }
}

export function assertRun(report: RunReport): void {
  if (report.id !== undefined && (!Number.isSafeInteger(report.id) || report.id < 1)) {
    throw new StoreError(`invalid run id ${JSON.stringify(report.id)}`);
  }
}

export function assertLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new StoreError(`invalid limit ${JSON.stringify(limit)}: expected an integer >= 0`);
  }
}

/** `a` followed by the members of `b` it lacks, without duplicates: a merged day keeps its first categories first. */
export function mergeCategories(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * The notes a day keeps after a save: `day.incomplete` replaces the stored notes of the categories it names or
 * `day.checked` lists; the other categories' notes stay (a run for stat.ML says nothing about cs.LG).
 */
export function mergeDayNotes(stored: readonly DayNote[], day: StoredDay): DayNote[] {
  const given = day.incomplete ?? [];
  const replaced = new Set([...(day.checked ?? []), ...given.map((n) => n.category)]);
  const notes = [...stored.filter((n) => !replaced.has(n.category)), ...given];
  return notes.filter((n, i) => notes.findIndex((m) => m.category === n.category && m.message === n.message) === i);
}

/** Embeddings to store must name a paper version and a model and hold finite numbers. */
export function assertEmbeddings(embeddings: readonly StoredEmbedding[]): void {
  for (const e of embeddings) {
    const what = `embedding of ${String(e.paperId)}v${String(e.version)}`;
    if (typeof e.paperId !== 'string' || e.paperId.trim() === '') throw new StoreError(`${what}: invalid paper id`);
    if (!Number.isSafeInteger(e.version) || e.version < 1) throw new StoreError(`${what}: version must be an integer >= 1`);
    if (typeof e.model !== 'string' || e.model === '') throw new StoreError(`${what}: model must be a non-empty string`);
    if (!(e.vector instanceof Float32Array) || e.vector.length === 0) {
      throw new StoreError(`${what}: vector must be a non-empty Float32Array`);
    }
    if (!e.vector.every(Number.isFinite)) throw new StoreError(`${what} has a non-finite value`);
  }
}

/** State keys name a job's state: short non-empty text. Values are any text (tokens, JSON). */
export function assertState(key: string, value?: string | null): void {
  if (typeof key !== 'string' || key === '' || key.length > 200) {
    throw new StoreError(`invalid state key ${JSON.stringify(key)}: expected 1 to 200 characters`);
  }
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new StoreError(`state ${key}: the value must be text or null`);
  }
}

export const DEFAULT_SEARCH_LIMIT = 20;

/** The limit of a search, checked and defaulted. */
export function searchLimit(options: { limit?: number } | undefined): number {
  const limit = options?.limit ?? DEFAULT_SEARCH_LIMIT;
  assertLimit(limit);
  return limit;
}
