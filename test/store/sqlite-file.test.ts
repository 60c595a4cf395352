// What only the SQLite driver does: the file itself (WAL, schema, identity, read-only) and sharing it with
// other connections.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/store/migrations.js';
import sqliteStore from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { apiPaper, day, runReport, storedSummary } from '../contracts/store-fixtures.js';
import { REPO } from '../helpers/cli.js';

/**
 * Another process that takes the write lock of the file in argv[1], says `locked`, holds it argv[2] ms, commits.
 * A real process: in one thread a synchronous busy wait would block the holder too.
 */
const HOLD_WRITE_LOCK = `
const db = new (require('better-sqlite3'))(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO runs (started_at, finished_at, command, exit_code, report) VALUES ('a', 'b', 'run', 0, '{}')").run();
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));
`;

/** Resolves once the lock is held, to the holder's exit (wrapped: an async function would await a bare promise). */
async function holdWriteLock(ms: number): Promise<{ exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['-e', HOLD_WRITE_LOCK, file, String(ms)], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  await once(child.stdout, 'data');
  return { exited };
}

let dir: string;
let file: string;
const open: Store[] = [];
const raw: Database.Database[] = [];

function store(options: { readonly?: boolean; busyTimeoutMs?: number } = {}): Store {
  const s = sqliteStore({ path: file, ...options });
  open.push(s);
  return s;
}

function connect(options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  raw.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-sqlite-'));
  file = path.join(dir, 'nested', 'dirs', 'digest.sqlite');
});

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const db of raw.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sqlite file', () => {
  it('creates parent directories and uses WAL', async () => {
    const s = store();
    await s.upsertPapers([apiPaper('2601.00001')]);
    expect(existsSync(file)).toBe(true);
    const db = connect({ readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });

  it('migrates an empty file', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    const s = store();
    await s.upsertPapers([apiPaper('2601.00001')]);
    const db = connect({ readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables.filter((t) => !/^search_(index|titles)_/.test(String(t)))).toEqual([
      'day_papers', 'days', 'embeddings', 'papers', 'runs', 'search_docs', 'search_index', 'search_titles', 'state',
      'summaries', 'versions',
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('upgrades a schema-1 file to the embeddings cache and search index and keeps its papers', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const old = connect();
    migrate(old, { location: file, migrations: MIGRATIONS.slice(0, 1) });
    old.exec(`INSERT INTO papers VALUES ('2601.00001', 1, 'now', 'now');
      INSERT INTO versions (id, version, title, authors, abstract, categories, primary_category, primary_confirmed, stored_at)
      VALUES ('2601.00001', 1, 'Old title', '[]', 'Old abstract.', '["cs.LG"]', 'cs.LG', 1, 'now');`);
    old.close();
    raw.pop();
    const again = store();
    expect((await again.getPapers(['2601.00001'])).get('2601.00001')?.title).toBe('Old title');
    await again.saveEmbeddings([{ paperId: '2601.00001', version: 1, model: 'm', vector: new Float32Array([0.5]) }]);
    expect((await again.getEmbeddings('m', [{ id: '2601.00001', version: 1 }])).size).toBe(1);
    // Schema 3 indexed the papers already stored for search.
    expect(await again.search!('old title')).toMatchObject([{ id: '2601.00001', version: 1, title: 'Old title' }]);
    expect(connect({ readonly: true }).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('reopening keeps everything', async () => {
    const first = store();
    const papers = [apiPaper('2601.00001', 2), apiPaper('hep-th/9901001')];
    const summary = storedSummary('k1', '2601.00001', { version: 2 });
    const report = runReport('2026-01-30T06:00:00.000Z');
    await first.upsertPapers(papers);
    await first.saveDay(day('2026-01-30', [['2601.00001', 2, 'replace'], ['hep-th/9901001', 1, 'new']]));
    await first.saveSummaries([summary]);
    const id = await first.saveRun(report);
    await first.close();

    const again = await openStore(`sqlite:${file}`);
    open.push(again);
    const got = await again.getPapers(papers.map((p) => p.id));
    expect(papers.map((p) => got.get(p.id))).toEqual(papers);
    expect((await again.getDay('2026-01-30'))?.listings.map((l) => l.id)).toEqual(['2601.00001', 'hep-th/9901001']);
    expect(await again.getSummaries(['k1'])).toEqual(new Map([['k1', summary]]));
    expect(await again.listRuns(5)).toEqual([{ ...report, id }]);
  });

  it('reads a summaries row without a well-formed summary as absent (an older import could write one)', async () => {
    const writer = store();
    await writer.saveSummaries([storedSummary('k1', '2601.00001'), storedSummary('k2', '2601.00002'), storedSummary('k3', '2601.00003')]);
    const db = connect();
    db.prepare("UPDATE summaries SET summary = '{\"tldr\":\"x\"}' WHERE key = 'k1'").run();
    db.prepare("UPDATE summaries SET meta = json_set(meta, '$.status', 'great') WHERE key = 'k2'").run();
    expect([...(await writer.getSummaries(['k1', 'k2', 'k3'])).keys()]).toEqual(['k3']);
  });

  it('refuses a database from a newer schema and leaves it alone', async () => {
    await store().close();
    const db = connect();
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => store()).toThrow(StoreError);
    expect(() => store()).toThrow(/newer preprint-digest.*upgrade preprint-digest/);
    expect(connect({ readonly: true }).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
  });

  it('refuses a file that is not a SQLite database', () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const text = '# my notes\nnot a database at all\n'.repeat(200);
    writeFileSync(file, text);
    expect(() => store()).toThrow(`${file} is not a preprint-digest database`);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a file where its folder should be is a configuration error naming the folder, not a store failure', () => {
    const blocker = path.join(dir, 'afile');
    writeFileSync(blocker, 'x');
    const at = path.join(blocker, 'db.sqlite');
    expect(() => sqliteStore({ path: at })).toThrow(expect.objectContaining({ code: 'E_CONFIG', message: expect.stringContaining(`cannot create the folder ${blocker} for the store ${at}: a file is in the way`) }));
  });

  it("refuses another application's SQLite database without touching it", () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const other = connect();
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)');
    other.close();
    const before = statSync(file).mtimeMs;
    const err = (() => {
      try {
        store();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toBe(`[store] ${file} is not a preprint-digest database`);
    const db = connect({ readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['notes']);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('read-only: reads work, writes reject, nothing is created', async () => {
    expect(() => store({ readonly: true })).toThrow(StoreError);
    expect(existsSync(path.dirname(file))).toBe(false);
    const writer = store();
    await writer.upsertPapers([apiPaper('2601.00001')]);
    const reader = store({ readonly: true });
    expect((await reader.getPapers(['2601.00001'])).size).toBe(1);
    await expect(reader.upsertPapers([apiPaper('2601.00002')])).rejects.toThrow(/read-only/);
    await expect(reader.saveRun(runReport('2026-01-30T06:00:00.000Z'))).rejects.toBeInstanceOf(StoreError);
  });
});

describe('sqlite sharing the file', () => {
  it('two stores on one file see each other’s writes', async () => {
    const a = store();
    const b = store();
    await a.upsertPapers([apiPaper('2601.00001')]);
    await b.saveDay(day('2026-01-30', [['2601.00001', 1, 'new']]));
    expect(await a.listDays()).toEqual(['2026-01-30']);
  });

  it('a reader holding a snapshot does not block a write (WAL)', async () => {
    // Short timeout: in rollback-journal mode this commit would wait for the reader and fail.
    const writer = store({ busyTimeoutMs: 50 });
    await writer.upsertPapers([apiPaper('2601.00001')]);
    const reader = connect({ readonly: true });
    const count = reader.prepare('SELECT count(*) FROM papers').pluck();
    reader.exec('BEGIN');
    expect(count.get()).toBe(1);
    await writer.upsertPapers([apiPaper('2601.00002'), apiPaper('2601.00003')]);
    expect(count.get()).toBe(1); // still its snapshot
    reader.exec('COMMIT');
    expect(count.get()).toBe(3);
  });

  it('reads go on while another connection writes; a second writer gets a clear error', async () => {
    const s = store({ busyTimeoutMs: 50 });
    await s.upsertPapers([apiPaper('2601.00001')]);
    const other = connect();
    other.exec('BEGIN IMMEDIATE');
    other.prepare('INSERT INTO runs (started_at, finished_at, command, exit_code, report) VALUES (?, ?, ?, ?, ?)')
      .run('2026-01-30T06:00:00.000Z', '2026-01-30T06:01:00.000Z', 'run', 0, JSON.stringify(runReport('x')));
    expect((await s.getPapers(['2601.00001'])).size).toBe(1);
    expect(await s.listRuns(5)).toEqual([]); // not committed yet
    await expect(s.upsertPapers([apiPaper('2601.00002')])).rejects.toThrow(/is locked by another process/);
    other.exec('COMMIT');
    expect(await s.listRuns(5)).toHaveLength(1);
    await s.upsertPapers([apiPaper('2601.00002')]);
    expect((await s.getPapers(['2601.00002'])).size).toBe(1);
  });

  // Writes that read first (the ids already stored, the day's row) used to run as DEFERRED transactions: the
  // upgrade from read to write lock fails at once with SQLITE_BUSY, without waiting out the busy timeout, so two
  // `run`s on one store failed after milliseconds. BEGIN IMMEDIATE takes the write lock first, and waits.
  it.each([
    ['upsertPapers', (s: Store) => s.upsertPapers([apiPaper('2601.00002')])],
    ['saveDay', (s: Store) => s.saveDay(day('2026-01-30', [['2601.00001', 1, 'new']]))],
  ])("%s waits for another process's write to finish instead of failing", async (name, write) => {
    const s = store();
    await s.upsertPapers([apiPaper('2601.00001')]);
    const { exited } = await holdWriteLock(300);
    const started = Date.now();
    await write(s);
    expect(Date.now() - started).toBeGreaterThan(100); // it did wait for the other commit
    await exited;
    expect(await s.listRuns(5)).toHaveLength(1);
    expect(await s.listDays()).toEqual(name === 'saveDay' ? ['2026-01-30'] : []);
  });
});
