/**
 * The snapshot file itself, checked before reading: a folder or a compressed download (Kaggle ships the snapshot
 * zipped) is refused in one line instead of being read as millions of malformed lines of binary.
 */
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { UsageError } from '../errors.js';

/** Leading bytes of the formats a download comes in, with what the message calls them. */
const PACKED: readonly [number[], string][] = [
  [[0x1f, 0x8b], 'gzip-compressed'],
  [[0x50, 0x4b], 'a zip archive'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed'],
];

/**
 * The file's stats once it is known to be a readable, uncompressed file.
 * @throws UsageError for a missing or unreadable file, a folder, or compressed data.
 */
export async function statSnapshot(file: string): Promise<Stats> {
  const cannot = (err: NodeJS.ErrnoException): never => {
    throw new UsageError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.message}`);
  };
  const stats = await stat(file).catch(cannot);
  if (stats.isDirectory()) throw new UsageError(`${file} is a folder: give the snapshot file (arxiv-metadata-oai-snapshot.json)`);
  const head = Buffer.alloc(8);
  const handle = await open(file, 'r').catch(cannot);
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const packed = PACKED.find(([magic]) => magic.every((b, i) => head[i] === b));
  if (packed) throw new UsageError(`${file} is ${packed[1]}, not JSON Lines: decompress it first (the snapshot inside is arxiv-metadata-oai-snapshot.json)`);
  return stats;
}
