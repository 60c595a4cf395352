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
  /** Bytes of the file consumed so far (up to the end of the last line returned). */
  bytes: number;
}

const NL = 0x0a;

/** The file's lines, grouped by read chunk; a last line without a newline comes last. */
export async function* readLineChunks(file: string, chunkBytes = 1 << 20): AsyncGenerator<LineChunk> {
  const input = createReadStream(file, { highWaterMark: chunkBytes });
  let rest: Buffer = Buffer.alloc(0);
  let bytes = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      const lines: string[] = [];
      let start = 0;
      for (let nl = buf.indexOf(NL, start); nl >= 0; nl = buf.indexOf(NL, start)) {
        const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
        lines.push(buf.toString('utf8', start, end));
        start = nl + 1;
      }
      bytes += start;
      rest = buf.subarray(start);
      yield { lines, bytes };
    }
    if (rest.length > 0) yield { lines: [rest.toString('utf8')], bytes: bytes + rest.length };
  } finally {
    input.destroy();
  }
}
