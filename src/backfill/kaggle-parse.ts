/**
 * The reading half of the Kaggle import: snapshot lines → batches of Papers, with running counts. Runs in the
 * importing thread or in a worker (kaggle-worker.ts), so that parsing the next batch overlaps storing this one.
 */
import { kaggleRecordToPaper } from './kaggle-record.js';
import type { KaggleRecordResult } from './kaggle-record.js';
import { readLineChunks } from './lines.js';
import type { Paper } from '../types.js';

export interface MalformedLine {
  line: number;
  reason: string;
}

export interface ParseOptions {
  file: string;
  /** @default 2000 */
  batchSize?: number;
  /** Canonical categories to keep (any of a paper's); empty or absent: all. */
  categories?: readonly string[];
  /** Stop after this many records (non-blank lines). */
  limit?: number;
  /** Malformed lines reported by number and reason. @default 10 */
  reportMalformed?: number;
}

/** Counts are running totals up to the end of this batch. */
export interface ParsedBatch {
  papers: Paper[];
  read: number;
  malformed: number;
  filtered: number;
  bytesRead: number;
  /** Malformed lines found in this batch (within the overall `reportMalformed` budget). */
  malformedLines: MalformedLine[];
}

function parseLine(line: string): KaggleRecordResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  return kaggleRecordToPaper(value);
}

/** Batches of `batchSize` papers (the last one possibly smaller or empty, carrying the final counts). */
export async function* parseBatches(options: ParseOptions): AsyncGenerator<ParsedBatch> {
  const batchSize = Math.max(1, options.batchSize ?? 2000);
  const keep = options.reportMalformed ?? 10;
  const wanted = options.categories && options.categories.length > 0 ? new Set(options.categories) : null;
  let b: ParsedBatch = { papers: [], read: 0, malformed: 0, filtered: 0, bytesRead: 0, malformedLines: [] };
  const next = (): ParsedBatch => ({ ...b, papers: [], malformedLines: [] });
  let lineNo = 0;
  for await (const chunk of readLineChunks(options.file)) {
    for (const line of chunk.lines) {
      lineNo++;
      if (line.trim() === '') continue;
      if (options.limit !== undefined && b.read >= options.limit) {
        yield b;
        return;
      }
      b.read++;
      const parsed = parseLine(line);
      if (parsed.ok) {
        if (!wanted || parsed.paper.categories.some((c) => wanted.has(c))) b.papers.push(parsed.paper);
        else b.filtered++;
      } else if (b.malformed++ < keep) b.malformedLines.push({ line: lineNo, reason: parsed.reason });
      if (b.papers.length >= batchSize) {
        yield b;
        b = next();
      }
    }
    b.bytesRead = chunk.bytes;
  }
  yield b;
}
