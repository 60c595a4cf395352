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
  /** Carry on from here (an earlier import's last stored batch) instead of the start of the file. */
  from?: Position;
}

/** A place in the file between two lines, with the running counts up to it. */
export interface Position {
  /** Offset just past the last line consumed. */
  bytes: number;
  /** Number of that line (1-based; 0 at the start). */
  line: number;
  read: number;
  malformed: number;
  filtered: number;
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
  /** Just past this batch's last line: where an import stopped after storing it resumes. */
  end: Position;
}

function parseLine(line: string): KaggleRecordResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON (${printable(err instanceof Error ? err.message : String(err))})` };
  }
  const result = kaggleRecordToPaper(value);
  return result.ok ? result : { ok: false, reason: printable(result.reason) };
}

/**
 * A reason fit for a terminal: JSON.parse quotes the start of the line, which for binary is raw bytes (escape
 * sequences included). Control and undecodable characters become `?`, and the reason is clipped.
 */
export function printable(reason: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const clean = reason.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Batches of `batchSize` papers (the last one possibly smaller or empty, carrying the final counts). */
export async function* parseBatches(options: ParseOptions): AsyncGenerator<ParsedBatch> {
  const batchSize = Math.max(1, options.batchSize ?? 2000);
  const keep = options.reportMalformed ?? 10;
  const wanted = options.categories && options.categories.length > 0 ? new Set(options.categories) : null;
  const at = options.from ?? { bytes: 0, line: 0, read: 0, malformed: 0, filtered: 0 };
  let b: ParsedBatch = { papers: [], read: at.read, malformed: at.malformed, filtered: at.filtered, bytesRead: at.bytes, malformedLines: [], end: at };
  // Just past the last line consumed (kept as numbers: a Position per line would be a million objects).
  let line = at.line;
  let bytes = at.bytes;
  const ready = (): ParsedBatch => ((b.end = { bytes, line, read: b.read, malformed: b.malformed, filtered: b.filtered }), b);
  const next = (): ParsedBatch => ({ ...b, papers: [], malformedLines: [] });
  for await (const chunk of readLineChunks(options.file, at.bytes)) {
    for (const [i, text] of chunk.lines.entries()) {
      if (text.trim() !== '') {
        if (options.limit !== undefined && b.read >= options.limit) {
          yield ready();
          return;
        }
        b.read++;
        // A byte-order mark (an editor's UTF-8 save) is not part of the first record.
        const parsed = parseLine(line === 0 ? text.replace(/^\uFEFF/, '') : text);
        if (parsed.ok) {
          if (!wanted || parsed.paper.categories.some((c) => wanted.has(c))) b.papers.push(parsed.paper);
          else b.filtered++;
        } else if (b.malformed++ < keep) b.malformedLines.push({ line: line + 1, reason: parsed.reason });
      }
      line++;
      bytes = chunk.ends[i] as number;
      if (b.papers.length >= batchSize) {
        yield ready();
        b = next();
      }
    }
    b.bytesRead = chunk.bytes;
  }
  yield ready();
}
