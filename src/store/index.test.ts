import { mkdtempSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, MissingStoreError } from '../errors.js';
import { defaultDbPath, displayStoreLocation, openStore, parseStoreLocation } from './index.js';

describe('parseStoreLocation', () => {
  it.each([
    ['digest.sqlite', 'sqlite', 'digest.sqlite'],
    ['/var/lib/pd/digest.sqlite', 'sqlite', '/var/lib/pd/digest.sqlite'],
    ['  ./rel/db.sqlite ', 'sqlite', './rel/db.sqlite'],
    [':memory:', 'sqlite', ':memory:'],
    ['sqlite::memory:', 'sqlite', ':memory:'],
    ['sqlite:data/db.sqlite', 'sqlite', 'data/db.sqlite'],
    ['sqlite:///abs/db.sqlite', 'sqlite', '/abs/db.sqlite'],
    ['file:data/db.sqlite', 'sqlite', 'data/db.sqlite'],
    [pathToFileURL('/tmp/a b/db.sqlite').href, 'sqlite', '/tmp/a b/db.sqlite'],
    ['~/digest.sqlite', 'sqlite', path.join(os.homedir(), 'digest.sqlite')],
    ['C:\\Users\\me\\digest.sqlite', 'sqlite', 'C:\\Users\\me\\digest.sqlite'],
    ['postgres://u:p@localhost/pd', 'postgres', 'postgres://u:p@localhost/pd'],
    ['postgresql://localhost/pd', 'postgres', 'postgresql://localhost/pd'],
  ])('%s', (location, driver, target) => {
    expect(parseStoreLocation(location)).toEqual({ driver, target });
  });

  it('rejects empty and unknown locations', () => {
    expect(() => parseStoreLocation('  ')).toThrow(ConfigError);
    expect(() => parseStoreLocation('sqlite:')).toThrow(/no file path/);
    expect(() => parseStoreLocation('mysql://localhost/pd')).toThrow(/unknown database location "mysql:/);
  });
});

describe('openStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('opens SQLite for a path and creates the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-open-'));
    dirs.push(dir);
    const file = path.join(dir, 'sub', 'digest.sqlite');
    const store = await openStore(`sqlite:${file}`);
    expect(store.name).toBe('sqlite');
    expect(existsSync(file)).toBe(true);
    await store.close();
  });

  it('opened as existing, a missing SQLite file is a MissingStoreError and is not created', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-open-'));
    dirs.push(dir);
    const file = path.join(dir, 'sub', 'digest.sqlite');
    await expect(openStore(file, { existing: true })).rejects.toThrow(MissingStoreError);
    await expect(openStore(':memory:', { existing: true })).rejects.toThrow(MissingStoreError);
    expect(existsSync(path.join(dir, 'sub'))).toBe(false);
    await (await openStore(file)).close();
    const store = await openStore(file, { existing: true });
    expect(await store.countPapers()).toBe(0);
    await store.close();
  });

  it('opened as existing, an empty file is no store: MissingStoreError, and the file stays empty', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-open-'));
    dirs.push(dir);
    const file = path.join(dir, 'digest.sqlite');
    writeFileSync(file, '');
    await expect(openStore(file, { existing: true })).rejects.toThrow(`no store at ${file}`);
    await expect(openStore(file, { existing: true })).rejects.toThrow(MissingStoreError);
    expect(statSync(file).size).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a postgres:// location goes to the PostgreSQL driver, which rejects a malformed URL without echoing it', async () => {
    // No server needed: the URL is checked before connecting (test/store/postgres-driver.test.ts connects).
    const opening = openStore('postgres://user:s3cret@[bad-host/pd');
    await expect(opening).rejects.toThrow(ConfigError);
    await expect(opening).rejects.toThrow(/PostgreSQL URL is malformed/);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });
});

describe('defaultDbPath', () => {
  const saved = process.env.XDG_DATA_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_DATA_HOME;
    else process.env.XDG_DATA_HOME = saved;
  });

  it('lives in the user data dir', () => {
    const p = defaultDbPath();
    expect(path.isAbsolute(p)).toBe(true);
    expect(p.endsWith(path.join('preprint-digest', 'digest.sqlite'))).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('follows XDG_DATA_HOME', () => {
    process.env.XDG_DATA_HOME = '/srv/xdg-data';
    expect(defaultDbPath()).toBe('/srv/xdg-data/preprint-digest/digest.sqlite');
    delete process.env.XDG_DATA_HOME;
    expect(defaultDbPath()).toBe(path.join(os.homedir(), '.local/share/preprint-digest/digest.sqlite'));
  });
});

describe('displayStoreLocation', () => {
  it('masks the password of a database URL and leaves paths alone', () => {
    expect(displayStoreLocation('postgres://digest:s3cr%40t@db.example:5432/digest')).toBe('postgres://digest:***@db.example:5432/digest');
    expect(displayStoreLocation('postgresql://digest@db/x')).toBe('postgresql://digest@db/x');
    expect(displayStoreLocation('/home/me/digest:old/db.sqlite')).toBe('/home/me/digest:old/db.sqlite');
  });
});
