/**
 * Streaming import of the Kaggle arXiv metadata snapshot (JSON Lines, ~2.7M records, ~4 GB): lines a chunk at a
 * time (lines.ts), `batchSize` papers per `upsertPapers` call. From the compiled build the parsing runs in a worker
 * thread at most two batches ahead of the store, so parsing and writing overlap and memory stays flat whatever the
 * file size; from TypeScript sources (tests) it runs in this thread, one batch at a time.
 *
 * Malformed lines (not JSON, e.g. a download cut mid-line; no valid id, title or category) are counted and the first
 * few reported with their line numbers; they never stop the import: one bad line in 2.7M records should not cost
 * the other 2.7M.
 */
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import type { Store } from '../store/types.js';
import { parseBatches } from './kaggle-parse.js';
import type { MalformedLine, ParsedBatch, ParseOptions } from './kaggle-parse.js';

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
}

export interface KaggleImportResult extends KaggleProgress {
  /** The first `reportMalformed` malformed lines. */
  malformedLines: MalformedLine[];
  /** False when stopped by `signal`. */
  complete: boolean;
  elapsedMs: number;
}

const WORKER_URL = new URL('./kaggle-worker.js', import.meta.url);

/** Batches parsed by a worker thread; each one the caller comes back for is acknowledged as stored. */
async function* workerBatches(options: ParseOptions): AsyncGenerator<ParsedBatch> {
  const { file, batchSize, categories, limit, reportMalformed } = options;
  const worker = new Worker(WORKER_URL, { workerData: { file, batchSize, categories, limit, reportMalformed } });
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

/** Import the snapshot at `file` into the store. @throws UsageError when the file cannot be read. */
export async function importKaggle(options: KaggleImportOptions): Promise<KaggleImportResult> {
  const t0 = performance.now();
  const totalBytes = await stat(options.file).then(
    (s) => s.size,
    (err: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${options.file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    },
  );
  const result: KaggleImportResult = { read: 0, imported: 0, malformed: 0, filtered: 0, bytesRead: 0, totalBytes, malformedLines: [], complete: true, elapsedMs: 0 };
  const useWorker = options.worker !== false && WORKER_URL.pathname.endsWith('.js') && import.meta.url.endsWith('.js');
  // Two batches in a networked store at once (PostgreSQL): its server works on one while the next travels, and
  // uses a second core. Batches finish in order, so progress never runs ahead of what is stored.
  // An in-process store (SQLite) writes synchronously: a second batch would only wait in memory.
  const inFlight = options.store.name === 'sqlite' ? 1 : 2;
  const writing: Promise<ParsedBatch>[] = [];
  const settle = async () => record(result, await (writing.shift() as Promise<ParsedBatch>), totalBytes, options);
  try {
    for await (const batch of useWorker ? workerBatches(options) : parseBatches(options)) {
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
  return { ...result, elapsedMs: performance.now() - t0 };
}

function record(result: KaggleImportResult, batch: ParsedBatch, totalBytes: number, options: KaggleImportOptions): void {
  result.imported += batch.papers.length;
  Object.assign(result, { read: batch.read, malformed: batch.malformed, filtered: batch.filtered, bytesRead: batch.bytesRead });
  result.malformedLines.push(...batch.malformedLines);
  const { read, imported, malformed, filtered, bytesRead } = result;
  options.onProgress?.({ read, imported, malformed, filtered, bytesRead, totalBytes });
}
