/**
 * Lines of a large file, a chunk at a time, with backpressure: the next chunk is read only when the consumer asks
 * for it, so a slow consumer (a database) never lets the file pile up in memory. (readline's async iterator reads
 * ahead of a slow consumer without bound.) Splitting is on the newline byte, which never occurs inside a multi-byte
 * UTF-8 sequence, so a character cut by a chunk boundary is decoded whole with its line.
 */
import { createReadStream } from 'node:fs';

export interface LineChunk {
  /** Lines completed by this chunk, without their `\n` (or `\r\n`). */
  lines: string[];
  /** For each line, the file offset just past it (its newline included): where reading resumes after it. */
  ends: number[];
  /** Bytes of the file consumed so far (up to the end of the last line returned). */
  bytes: number;
}

const NL = 0x0a;

/**
 * The file's lines from byte offset `start` (the start of a line), grouped by read chunk; a last line without a
 * newline comes last. Offsets count from the start of the file.
 */
export async function* readLineChunks(file: string, start = 0, chunkBytes = 1 << 20): AsyncGenerator<LineChunk> {
  const input = createReadStream(file, { highWaterMark: chunkBytes, start });
  let rest: Buffer = Buffer.alloc(0);
  let bytes = start;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      const lines: string[] = [];
      const ends: number[] = [];
      let from = 0;
      for (let nl = buf.indexOf(NL, from); nl >= 0; nl = buf.indexOf(NL, from)) {
        const end = nl > from && buf[nl - 1] === 0x0d ? nl - 1 : nl;
        lines.push(buf.toString('utf8', from, end));
        from = nl + 1;
        ends.push(bytes + from);
      }
      bytes += from;
      rest = buf.subarray(from);
      yield { lines, ends, bytes };
    }
    if (rest.length > 0) yield { lines: [rest.toString('utf8')], ends: [bytes + rest.length], bytes: bytes + rest.length };
  } finally {
    input.destroy();
  }
}
