/**
 * The site folder's build lock: waiting for a live holder, taking over a dead or silent one, giving up with a
 * clear error, and never removing someone else's lock.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestError } from '../errors.js';
import { LOCK_FILE } from './files.js';
import { lockSite } from './lock.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-lock-'));
  file = path.join(dir, 'site', LOCK_FILE);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const root = (): string => path.join(dir, 'site');

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid ?? 0;
}

describe('lockSite', () => {
  it('creates the folder, and a second taker waits until the first releases', async () => {
    const first = await lockSite(root());
    const order: string[] = [];
    const second = lockSite(root()).then((lock) => {
      order.push('second');
      return lock;
    });
    await new Promise((r) => setTimeout(r, 250));
    order.push('released');
    await first.release();
    await (await second).release();
    expect(order).toEqual(['released', 'second']);
    expect(existsSync(file)).toBe(false);
  });

  it('takes over at once the lock of a process that died', async () => {
    await lockSite(root()).then((l) => l.release()); // makes the folder
    writeFileSync(file, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'x' }));
    const started = Date.now();
    const lock = await lockSite(root(), { waitMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('takes over a lock nobody has refreshed for a while (a holder on another host)', async () => {
    await lockSite(root()).then((l) => l.release());
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'x' }));
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    const lock = await lockSite(root(), { waitMs: 1_000 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('gives up on a live holder with an error that names it and the lock file', async () => {
    await lockSite(root()).then((l) => l.release());
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'x' })); // fresh: not stale
    const err = await lockSite(root(), { waitMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestError);
    expect((err as DigestError).message).toContain('is being built by another process (pid 1 on elsewhere)');
    expect((err as DigestError).message).toContain(`delete ${file} if no build is running`);
  });

  it('does not remove a lock another build has taken over meanwhile', async () => {
    const lock = await lockSite(root());
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'theirs' }));
    await lock.release();
    expect(readFileSync(file, 'utf8')).toContain('theirs');
  });
});
