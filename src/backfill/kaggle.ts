/**
 * Streaming import of the Kaggle arXiv metadata snapshot (JSON Lines, ~2.7M records, ~4 GB): lines a chunk at a
 * time (lines.ts), `batchSize` papers per `upsertPapers` call. From the compiled build the parsing runs in a worker
 * thread at most two batches ahead of the store, so parsing and writing overlap and memory stays flat whatever the
 * file size; from TypeScript sources (tests) it runs in this thread, one batch at a time.
 *
 * Malformed lines (not JSON, e.g. a download cut mid-line; no valid id, title or category) are counted and the first
 * few reported with their line numbers; they never stop the import: one bad line in 2.7M records should not cost
 * the other 2.7M.
 *
 * Resumable: after each stored batch the store's state records where the file was read up to (with the file's size
 * and modification time and the category filter), so an import that was killed carries on from its last stored
 * batch when run again on the same, unchanged file; a finished import deletes the record (or its caller does, after
 * the search index rebuild: see `keepRecord`).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store/types.js';
import { statSnapshot } from './kaggle-file.js';
import { parseBatches } from './kaggle-parse.js';
import type { MalformedLine, ParsedBatch, ParseOptions, Position } from './kaggle-parse.js';

export type { MalformedLine } from './kaggle-parse.js';

export interface KaggleProgress {
  /** Records read (non-blank lines), imported, rejected, and left out by the category filter so far. */
  read: number;
  imported: number;
  malformed: number;
  filtered: number;
  bytesRead: number;
  totalBytes: number;
}

export interface KaggleImportOptions extends ParseOptions {
  store: Store;
  /** Called after each stored batch. */
  onProgress?: (progress: KaggleProgress) => void;
  signal?: AbortSignal;
  /** Parse in a worker thread (compiled build only). @default true */
  worker?: boolean;
  /** Start from the top even if an earlier import of this file stopped part-way. @default false */
  restart?: boolean;
  /**
   * Leave a finished import's record (at the end of the file) for the caller to delete with {@link forgetImport}
   * after its own last step, the search index rebuild: killed in between, the import then reads nothing again.
   * @default false
   */
  keepRecord?: boolean;
  /** Called once before reading, with what the import carries on from (see KaggleImportResult). */
  onStart?: (start: Pick<KaggleImportResult, 'resumed' | 'notResumed'>) => void;
}

export interface KaggleImportResult extends KaggleProgress {
  /** The first `reportMalformed` malformed lines. */
  malformedLines: MalformedLine[];
  /** False when stopped by `signal`. */
  complete: boolean;
  elapsedMs: number;
  /** Where an earlier, unfinished import of the same file had got to (this one carried on from there), or null. */
  resumed: { line: number; read: number; imported: number; atEnd: boolean } | null;
  /** Why an earlier import's record was not used (the file changed, another category filter), or null. */
  notResumed: string | null;
}

/** What the store keeps of an unfinished import (state key {@link importStateKey}). */
interface SavedImport {
  size: number;
  mtimeMs: number;
  categories: string[];
  at: Position;
  imported: number;
}

/** The store state key of an unfinished import of `file` (a hash of its absolute path: keys are short). */
export const importStateKey = (file: string): string =>
  `import-kaggle:${createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 24)}`;

const WORKER_URL = new URL('./kaggle-worker.js', import.meta.url);

/** Batches parsed by a worker thread; each one the caller comes back for is acknowledged as stored. */
async function* workerBatches(options: ParseOptions): AsyncGenerator<ParsedBatch> {
  const { file, batchSize, categories, limit, reportMalformed, from } = options;
  const worker = new Worker(WORKER_URL, { workerData: { file, batchSize, categories, limit, reportMalformed, from } });
  const inbox: ({ batch: ParsedBatch } | { done: true } | { error: Error })[] = [];
  let wake: (() => void) | null = null;
  const push = (m: (typeof inbox)[number]) => {
    inbox.push(m);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ error }));
  // A clean exit follows the worker's own `done` message; anything else is a failure.
  worker.on('exit', (code) => code !== 0 && push({ error: new Error(`the import worker stopped (exit code ${code})`) }));
  try {
    for (let stored = 0; ; ) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = inbox.shift()!;
      if ('error' in m) throw m.error;
      if ('done' in m) return;
      yield m.batch;
      worker.postMessage({ ack: ++stored });
    }
  } finally {
    await worker.terminate();
  }
}

/** Import the snapshot at `file` into the store. @throws UsageError when the file cannot be read or is compressed. */
export async function importKaggle(options: KaggleImportOptions): Promise<KaggleImportResult> {
  const t0 = performance.now();
  const file = await statSnapshot(options.file);
  const identity = { size: file.size, mtimeMs: file.mtimeMs, categories: [...(options.categories ?? [])].sort() };
  const key = importStateKey(options.file);
  const earlier = await savedImport(options, identity, key);
  const from = earlier.saved?.at;
  const result: KaggleImportResult = {
    read: from?.read ?? 0,
    imported: earlier.saved?.imported ?? 0,
    malformed: from?.malformed ?? 0,
    filtered: from?.filtered ?? 0,
    bytesRead: from?.bytes ?? 0,
    totalBytes: file.size,
    malformedLines: [],
    complete: true,
    elapsedMs: 0,
    resumed: earlier.saved ? { line: earlier.saved.at.line, read: earlier.saved.at.read, imported: earlier.saved.imported, atEnd: earlier.saved.at.bytes >= file.size } : null,
    notResumed: earlier.why,
  };
  options.onStart?.({ resumed: result.resumed, notResumed: result.notResumed });
  const parse = { ...options, from };
  const useWorker = options.worker !== false && WORKER_URL.pathname.endsWith('.js') && import.meta.url.endsWith('.js');
  // Two batches in a networked store at once (PostgreSQL): its server works on one while the next travels, and
  // uses a second core. Batches finish in order, so progress never runs ahead of what is stored.
  // An in-process store (SQLite) writes synchronously: a second batch would only wait in memory.
  const inFlight = options.store.name === 'sqlite' ? 1 : 2;
  const writing: Promise<ParsedBatch>[] = [];
  const settle = async () => {
    const batch = await (writing.shift() as Promise<ParsedBatch>);
    record(result, batch, options);
    const saved: SavedImport = { ...identity, at: batch.end, imported: result.imported };
    await options.store.setState(key, JSON.stringify(saved));
  };
  try {
    for await (const batch of useWorker ? workerBatches(parse) : parseBatches(parse)) {
      // SQLite stores synchronously and parsed batches wait ready, so without this turn of the event loop the
      // whole import ran in microtasks and a Ctrl-C was only seen at the end.
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) {
        result.complete = false;
        break;
      }
      const stored = batch.papers.length > 0 ? options.store.upsertPapers(batch.papers).then(() => batch) : Promise.resolve(batch);
      // Handled when settled in turn; until then a failure must not count as an unhandled rejection.
      stored.catch(() => undefined);
      writing.push(stored);
      if (writing.length >= inFlight) await settle();
    }
    while (writing.length > 0) await settle();
  } finally {
    // A failed batch: let the other one finish (or fail) before the store is closed under it.
    await Promise.allSettled(writing);
  }
  if (result.complete && !options.keepRecord) await forgetImport(options.store, options.file);
  return { ...result, elapsedMs: performance.now() - t0 };
}

/** Delete the record of an import of `file` (see `keepRecord`): the next import reads the file from the top. */
export async function forgetImport(store: Store, file: string): Promise<void> {
  await store.setState(importStateKey(file), null);
}

/** The record of an earlier import of this file that stopped part-way, if it can be carried on. */
async function savedImport(options: KaggleImportOptions, identity: Omit<SavedImport, 'at' | 'imported'>, key: string): Promise<{ saved: SavedImport | null; why: string | null }> {
  const text = await options.store.getState(key);
  if (text === null) return { saved: null, why: null };
  if (options.restart) return { saved: null, why: 'restarting as asked' };
  let saved: SavedImport;
  try {
    saved = JSON.parse(text) as SavedImport;
    if (typeof saved.at?.bytes !== 'number' || !Array.isArray(saved.categories)) throw new Error('not a record');
  } catch {
    return { saved: null, why: 'its record is unreadable' };
  }
  if (saved.size !== identity.size || saved.mtimeMs !== identity.mtimeMs) return { saved: null, why: 'the file has changed since' };
  if (saved.categories.join(',') !== identity.categories.join(',')) return { saved: null, why: 'it had another category filter' };
  return { saved, why: null };
}

function record(result: KaggleImportResult, batch: ParsedBatch, options: KaggleImportOptions): void {
  result.imported += batch.papers.length;
  Object.assign(result, { read: batch.read, malformed: batch.malformed, filtered: batch.filtered, bytesRead: batch.bytesRead });
  result.malformedLines.push(...batch.malformedLines);
  const { read, imported, malformed, filtered, bytesRead, totalBytes } = result;
  options.onProgress?.({ read, imported, malformed, filtered, bytesRead, totalBytes });
}
