/**
 * preprint-digest as a library: the pipeline stages, their types and the error classes.
 * The CLI (src/cli) is a thin adapter over exactly these functions.
 * @module
 */
export * from './types.js';
export * from './errors.js';
export * from './taxonomy/index.js';
export * from './papers/ids.js';
export { resolveConfig } from './config/resolve.js';
export type { ResolvedConfig, UserConfig } from './config/schema.js';
export { normalizeLanguage } from './config/language.js';
export { fetchAndStore, buildDigest, summarize, render, rank, runDay } from './pipeline.js';
export type { PipelineDeps, Progress, RankDeps, RunDayOptions, RunDayResult, SummarizeDeps } from './pipeline.js';
export { parseProfile, readProfile, emptyProfile } from './rank/profile.js';
export type { Profile } from './rank/profile.js';
export { createOpenAiEmbedder } from './rank/embeddings.js';
export type { Embedder } from './rank/embeddings.js';
export { assembleDigest } from './digest/assemble.js';
export { fetchBatch } from './digest/batch.js';
export type { FetchOptions } from './digest/batch.js';
export { createRunRecorder, writeRunReport } from './report.js';
export { readFeedFile, fetchDay, parseFeed, parseApiFeed, parseListing, createArxivClient } from './sources/index.js';
export { openStore, defaultDbPath } from './store/index.js';
export type { Store, StoredDay, StoredSummary, DayListing } from './store/types.js';
export { summarizeDigest, summaryKey } from './summarize/index.js';
export { selectSummarizer } from './summarize/select.js';
export { createBuiltinSummarizer } from './summarize/builtin/index.js';
export type { Summarizer, SummarizeOptions } from './summarize/types.js';
export { renderMarkdown, renderJsonl, writeDigest } from './render/index.js';
export { evaluateRoles } from './eval/roles.js';
