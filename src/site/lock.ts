/**
 * One build of a site folder at a time, across processes and within one: a lock file `outDir/.build.lock`, made
 * with O_EXCL (`wx`), naming its holder (pid, host), its mtime refreshed while the build runs. Two builds of one
 * folder at once (two `run --out` of different days, `run` and `site`) lost a day from the manifest (each read,
 * changed and wrote it back) or died in the asset copy. A lock whose holder is gone (same host, no such pid) or
 * that nobody refreshed for STALE_MS (a holder on another host, a recycled pid) is taken over.
 * A small file of our own rather than proper-lockfile: the same scheme, without a dependency and its three.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCK_FILE, renderError } from './files.js';

const REFRESH_MS = 5_000;
const STALE_MS = 30_000;
const POLL_MS = 100;
const NOTICE_MS = 2_000;

export interface LockOptions {
  /** How long to wait for another build before giving up. @default 300 000 (a year's site builds in ~50 s) */
  waitMs?: number;
  /** Told once when the wait passes two seconds, so a waiting command does not look hung. */
  onWait?: (message: string) => void;
}

export interface SiteLock {
  release(): Promise<void>;
}

interface Holder {
  text: string;
  mtimeMs: number;
}

/** Take the lock of the site folder `root` (created if missing), waiting while another build holds it. */
export async function lockSite(root: string, options: LockOptions = {}): Promise<SiteLock> {
  const file = path.join(root, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), token: randomUUID() });
  const waitMs = options.waitMs ?? 300_000;
  await mkdir(root, { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    if (await tryCreate(file, mine)) return held(file, mine);
    const holder = await readHolder(file);
    if (holder === null) continue; // released meanwhile
    if (isStale(holder)) {
      await takeOver(file, holder.text);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) {
      throw renderError(`${root} is being built by another process (${who(holder)}) for over ${Math.round(waitMs / 1000)} s; try again when it has finished, or delete ${file} if no build is running`);
    }
    if (!told && waited >= NOTICE_MS) {
      told = true;
      options.onWait?.(`waiting for another build of ${root} (${who(holder)}) to finish…`);
    }
    await sleep(POLL_MS);
  }
}

/**
 * Run `fn` holding the lock of `root`; a wait of over two seconds is told on stderr. For callers that must
 * decide from the folder's state (has it a site yet?) and write beside the build (feeds) under one lock.
 */
export async function withSiteLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const lock = await lockSite(root, { onWait: (line) => process.stderr.write(`${line}\n`) });
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

async function tryCreate(file: string, content: string): Promise<boolean> {
  try {
    await writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST') return false;
    throw renderError(`cannot lock the site folder: ${(err as Error).message}`, err);
  }
}

async function readHolder(file: string): Promise<Holder | null> {
  try {
    const { mtimeMs } = await stat(file);
    return { text: await readFile(file, 'utf8'), mtimeMs };
  } catch {
    return null;
  }
}

function parse(text: string): { pid?: number; host?: string } {
  try {
    return JSON.parse(text) as { pid?: number; host?: string };
  } catch {
    return {}; // being written: its mtime is fresh, so it is not stale either
  }
}

function isStale(holder: Holder): boolean {
  if (Date.now() - holder.mtimeMs > STALE_MS) return true;
  const { pid, host } = parse(holder.text);
  return host === hostname() && typeof pid === 'number' && !alive(pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM'; // there, but another user's
  }
}

function who(holder: Holder): string {
  const { pid, host } = parse(holder.text);
  return pid === undefined ? 'unknown' : `pid ${pid}${host && host !== hostname() ? ` on ${host}` : ''}`;
}

/**
 * Move the stale lock aside, then try again. Between reading it and moving it another waiter may have taken it
 * over and made a fresh lock: then that one is what was moved, and it is linked back into place.
 */
async function takeOver(file: string, staleText: string): Promise<void> {
  const aside = `${file}.${randomUUID()}`;
  try {
    await rename(file, aside);
  } catch {
    return; // gone already: someone else took it over or released it
  }
  if ((await readFile(aside, 'utf8').catch(() => staleText)) !== staleText) await link(aside, file).catch(() => undefined);
  await rm(aside, { force: true });
}

function held(file: string, mine: string): SiteLock {
  const timer = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }, REFRESH_MS);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      // Only our own: after a long stall (a suspended laptop) another build may have taken it over as stale.
      if ((await readFile(file, 'utf8').catch(() => null)) === mine) await rm(file, { force: true });
    },
  };
}
