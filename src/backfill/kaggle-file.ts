/**
 * The snapshot file itself, checked before reading: a folder or a compressed download (Kaggle ships the snapshot
 * zipped) is refused in one line instead of being read as millions of malformed lines of binary.
 */
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { UsageError } from '../errors.js';
import { packedFormat } from '../file-kind.js';

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
  const packed = packedFormat(head);
  if (packed) throw new UsageError(`${file} is ${packed}, not JSON Lines: decompress it first (the snapshot inside is arxiv-metadata-oai-snapshot.json)`);
  return stats;
}
