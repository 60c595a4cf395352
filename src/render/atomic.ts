/**
 * Writing an output file atomically (render's digest files, the site's pages and data), and clearing the
 * temporary files a killed or failed write left behind. One naming scheme for both, `FILE.PID.HEX.tmp`, so the
 * clean-up knows which `.tmp` files are ours (older sites and digests also hold `FILE.PID.tmp`).
 */
import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DigestError } from '../errors.js';

/** `name` itself, and the pid that wrote it, when `name` is one of our temporary files. */
const TEMP = /^(.+)\.(\d+)(?:\.[0-9a-f]{8})?\.tmp$/;

/** The file a temporary name stands for and the pid that made it, or null for any other name. */
export function tempTarget(name: string): { target: string; pid: number } | null {
  const m = TEMP.exec(name);
  return m ? { target: m[1] as string, pid: Number(m[2]) } : null;
}

/**
 * Write `text` to `file` through a temporary file in the same folder (the rename stays on one filesystem, so a
 * reader or server sees the old file or the new one, never half of one). A failure (disk full, read-only) removes
 * the temporary file and is one line naming the file and the reason.
 * @throws DigestError E_RENDER
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeError(file, err);
  }
}

export function writeError(file: string, err: unknown): DigestError {
  return new DigestError('E_RENDER', `cannot write ${file}: ${reasonOf(err)}`, { stage: 'render', cause: err });
}

export function reasonOf(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}

/** When this process started: a temporary file last written before then is not being written by it. */
const STARTED_MS = Date.now() - process.uptime() * 1000;

export interface StaleTempOptions {
  /** Only the temporary files of these names in the folder (every name when omitted). */
  targets?: readonly string[];
  /** Only those last written before this time (ms): by default when this process started. */
  before?: number;
}

/**
 * Remove the temporary files in `dir` left by writes that died (Ctrl-C, a kill, a crash before the clean-up):
 * ours by name, not this process's, and last written before this process started, since a live writer renames
 * its file the moment it is written. A caller that holds the folder's lock knows no one else writes there and
 * may pass `before: Infinity`.
 */
export async function removeStaleTemps(dir: string, options: StaleTempOptions = {}): Promise<void> {
  const wanted = options.targets ? new Set(options.targets) : null;
  const before = options.before ?? STARTED_MS;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const temp = tempTarget(name);
    if (!temp || temp.pid === process.pid || (wanted && !wanted.has(temp.target))) continue;
    const file = path.join(dir, name);
    const stats = await stat(file).catch(() => null);
    if (stats?.isFile() && stats.mtimeMs < before) await rm(file, { force: true }).catch(() => undefined);
  }
}
