/**
 * A paper under the snake_case field names that the stores' tables and the digest JSONL share, values already
 * decoded (arrays, booleans). One mapping to `Paper`, so a new field is added in one place, not per driver.
 */
import type { Paper } from '../types.js';

export interface PaperColumns {
  id: string;
  version: number;
  title: string;
  authors: string[];
  abstract: string;
  categories: string[];
  primary_category: string;
  /** True once the export API (or listing page) confirmed the primary; the feed only implies it. */
  primary_confirmed: boolean;
  comment: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  submitted: string | null;
  updated: string | null;
}

export function paperFromColumns(r: PaperColumns): Paper {
  return {
    id: r.id,
    version: r.version,
    title: r.title,
    authors: r.authors,
    abstract: r.abstract,
    categories: r.categories,
    primaryCategory: r.primary_category,
    primaryConfirmed: r.primary_confirmed,
    comment: r.comment,
    journalRef: r.journal_ref,
    doi: r.doi,
    license: r.license,
    submitted: r.submitted,
    updated: r.updated,
  };
}
