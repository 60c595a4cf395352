/**
 * preprint-digest as a library: the pipeline stages, their types and the error classes.
 * @module
 */
export * from './types.js';
export * from './errors.js';
export * from './taxonomy/index.js';
export * from './papers/ids.js';
export type { Store, StoredDay, StoredSummary, DayListing } from './store/types.js';
export type { Summarizer, SummarizeOptions } from './summarize/types.js';
