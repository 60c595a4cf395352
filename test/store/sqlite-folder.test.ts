// A store in a folder the user cannot write: a new one is a configuration error (exit 2), an existing one is
// still read by the commands that only read. Run in a child process that really lacks the permission: as root
// (which writes anywhere), under `setpriv` without CAP_DAC_OVERRIDE, so the folder's mode applies to it too.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sqliteStore from '../../src/store/sqlite.js';
import { apiPaper } from '../contracts/store-fixtures.js';
import { REPO } from '../helpers/cli.js';

const root = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/** Opens argv[2] (`existing` in argv[3]: as read-only commands do), counts and searches, tries a write; prints JSON. */
const CHILD = `
import sqliteStore from ${JSON.stringify(path.join(REPO, 'src/store/sqlite.ts'))};
const [file, mode] = process.argv.slice(2);
const out = {};
try {
  const store = sqliteStore({ path: file, existing: mode === 'existing' });
  out.papers = await store.countPapers();
  out.found = (await store.search('convergence')).map((h) => h.id);
  out.write = await store.setState('k', 'v').then(() => 'ok', (e) => e.message);
  await store.close();
} catch (e) {
  out.error = { code: e.code, message: e.message };
}
process.stdout.write(JSON.stringify(out));
`;

interface ChildResult {
  papers?: number;
  found?: string[];
  write?: string;
  error?: { code: string; message: string };
}

let dir: string;
let folder: string;

function unprivileged(file: string, mode: 'existing' | 'write'): ChildResult {
  const script = path.join(dir, 'child.mts');
  writeFileSync(script, CHILD);
  const node = [process.execPath, '--import', 'tsx', script, file, mode];
  const argv = root ? [setpriv as string, '--bounding-set', '-dac_override,-dac_read_search', ...node] : node;
  const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

async function storeWithOnePaper(file: string): Promise<void> {
  const s = sqliteStore({ path: file });
  await s.upsertPapers([apiPaper('2601.00001')]);
  await s.close();
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-sqlite-folder-'));
  folder = path.join(dir, 'ro');
});

afterEach(() => {
  if (existsSync(folder)) chmodSync(folder, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(root && !setpriv)('sqlite store in a folder the user cannot write', () => {
  it('a new store there is a configuration error naming the folder, and nothing is created', async () => {
    await storeWithOnePaper(path.join(folder, 'keep.sqlite'));
    chmodSync(folder, 0o555);
    const file = path.join(folder, 'digest.sqlite');
    expect(unprivileged(file, 'write').error).toEqual({ code: 'E_CONFIG', message: `[config] cannot open ${file}: the folder ${folder} is not writable; pick another --db` });
    expect(readdirSync(folder)).toEqual(['keep.sqlite']);
  });

  it('a command that writes gets the same clear error for an existing store there', async () => {
    const file = path.join(folder, 'digest.sqlite');
    await storeWithOnePaper(file);
    chmodSync(folder, 0o555);
    expect(unprivileged(file, 'write').error).toMatchObject({ code: 'E_CONFIG', message: expect.stringContaining(`the folder ${folder} is not writable; pick another --db`) });
  });

  it('a command that only reads reads it (no WAL index can be made there), and its writes say why they fail', async () => {
    const file = path.join(folder, 'digest.sqlite');
    await storeWithOnePaper(file);
    chmodSync(folder, 0o555);
    const got = unprivileged(file, 'existing');
    expect(got).toMatchObject({ papers: 1, found: ['2601.00001'] });
    expect(got.write).toBe(`[store] cannot save state k: ${file} is in a folder this user cannot write, so it was opened read-only`);
    expect(readdirSync(folder)).toEqual(['digest.sqlite']);
  });

  it('with a writer holding the store open, the reader sees its latest commit through the writer’s WAL index', async () => {
    const file = path.join(folder, 'digest.sqlite');
    await storeWithOnePaper(file);
    const writer = sqliteStore({ path: file });
    try {
      // Keep the commit in the WAL: no checkpoint before the reader looks.
      const raw = new Database(file);
      raw.pragma('wal_autocheckpoint = 0');
      raw.close();
      await writer.upsertPapers([apiPaper('2601.00002')]);
      chmodSync(folder, 0o555);
      expect(existsSync(`${file}-wal`) && existsSync(`${file}-shm`)).toBe(true);
      expect(unprivileged(file, 'existing')).toMatchObject({ papers: 2 });
    } finally {
      await writer.close();
    }
  });
});
