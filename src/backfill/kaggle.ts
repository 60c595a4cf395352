/**
 * Streaming import of the Kaggle arXiv metadata snapshot (JSON Lines, ~2.7M records, ~4 GB): `readline` over a
 * file stream, `batchSize` papers per `upsertPapers` call, the next lines read only after the batch is stored,
 * so memory stays flat whatever the file size. Malformed lines (not JSON, e.g. a download cut mid-line; no valid
 * id, title or category) are counted and the first few reported with their line numbers; they never stop the
 * import: one bad line in 2.7M records should not cost the other 2.7M.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import readline from 'node:readline';
import { UsageError } from '../errors.js';
import type { Store } from '../store/types.js';
import type { Paper } from '../types.js';
import { kaggleRecordToPaper } from './kaggle-record.js';

export interface KaggleProgress {
  /** Records read (non-blank lines), imported, rejected, and left out by the category filter so far. */
  read: number;
  imported: number;
  malformed: number;
  filtered: number;
  bytesRead: number;
  totalBytes: number;
}

export interface KaggleImportOptions {
  file: string;
  store: Store;
  /** Papers per upsertPapers call (one transaction each). @default 2000 */
  batchSize?: number;
  /** Only papers in at least one of these canonical categories (any of theirs, not only the primary). */
  categories?: readonly string[];
  /** Stop after this many records (non-blank lines). */
  limit?: number;
  /** Malformed lines reported by number and reason. @default 10 */
  reportMalformed?: number;
  /** Called after each stored batch. */
  onProgress?: (progress: KaggleProgress) => void;
  signal?: AbortSignal;
}

export interface MalformedLine {
  line: number;
  reason: string;
}

export interface KaggleImportResult extends KaggleProgress {
  /** The first `reportMalformed` malformed lines. */
  malformedLines: MalformedLine[];
  /** False when stopped by `signal`. */
  complete: boolean;
  elapsedMs: number;
}

function parseLine(line: string): ReturnType<typeof kaggleRecordToPaper> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  return kaggleRecordToPaper(value);
}

/** Import the snapshot at `file` into the store. @throws UsageError when the file cannot be read. */
export async function importKaggle(options: KaggleImportOptions): Promise<KaggleImportResult> {
  const t0 = performance.now();
  const batchSize = Math.max(1, options.batchSize ?? 2000);
  const keep = options.reportMalformed ?? 10;
  const totalBytes = await stat(options.file).then(
    (s) => s.size,
    (err: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${options.file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    },
  );
  const input = createReadStream(options.file, { highWaterMark: 1 << 20 });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  const wanted = options.categories && options.categories.length > 0 ? new Set(options.categories) : null;
  const result: KaggleImportResult = { read: 0, imported: 0, malformed: 0, filtered: 0, bytesRead: 0, totalBytes, malformedLines: [], complete: false, elapsedMs: 0 };
  let batch: Paper[] = [];
  const flush = async () => {
    if (batch.length > 0) await options.store.upsertPapers(batch);
    result.imported += batch.length;
    batch = [];
    result.bytesRead = input.bytesRead;
    const { read, imported, malformed, filtered, bytesRead } = result;
    options.onProgress?.({ read, imported, malformed, filtered, bytesRead, totalBytes });
  };
  let lineNo = 0;
  let stopped = false;
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      if (options.limit !== undefined && result.read >= options.limit) break;
      if (options.signal?.aborted) {
        stopped = true;
        break;
      }
      result.read++;
      const parsed = parseLine(line);
      if (parsed.ok) {
        if (!wanted || parsed.paper.categories.some((c) => wanted.has(c))) batch.push(parsed.paper);
        else result.filtered++;
      } else if (result.malformed++ < keep) result.malformedLines.push({ line: lineNo, reason: parsed.reason });
      // Awaiting the store here pauses the loop, and with it the reading: the backpressure.
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    lines.close();
    input.destroy();
  }
  return { ...result, complete: !stopped, elapsedMs: performance.now() - t0 };
}
