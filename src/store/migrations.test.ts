import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.js';
import type { Migration } from './migrations.js';

const dbs: Database.Database[] = [];
function memory(): Database.Database {
  const db = new Database(':memory:');
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const tables = (db: Database.Database): unknown[] =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
const version = (db: Database.Database): unknown => db.pragma('user_version', { simple: true });

const m1: Migration = { version: 1, description: 'add a', sql: 'CREATE TABLE a (x INTEGER)' };
const m2: Migration = { version: 2, description: 'add b', sql: 'CREATE TABLE b (y INTEGER)' };

describe('migrate', () => {
  it('numbers migrations 1..n', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('applies only the pending migrations, in order', () => {
    const db = memory();
    expect(migrate(db, { location: 'test.db', migrations: [m1] })).toBe(0);
    expect(version(db)).toBe(1);
    // m1 would fail if run again ("table a already exists"), so success means only m2 ran.
    expect(migrate(db, { location: 'test.db', migrations: [m1, m2] })).toBe(1);
    expect(version(db)).toBe(2);
    expect(tables(db)).toEqual(['a', 'b']);
    expect(migrate(db, { location: 'test.db', migrations: [m1, m2] })).toBe(2);
  });

  it('a failing migration leaves the database as it was', () => {
    const db = memory();
    const bad: Migration = { version: 2, description: 'broken', sql: 'CREATE TABLE c (; nonsense' };
    expect(() => migrate(db, { location: 'test.db', migrations: [m1, bad] })).toThrow(StoreError);
    expect(() => migrate(db, { location: 'test.db', migrations: [m1, bad] })).toThrow(
      /migrating test\.db to schema 2 \(broken\) failed/,
    );
    expect(version(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    expect(db.pragma('application_id', { simple: true })).toBe(0);
  });

  it('marks the file as a preprint-digest database', () => {
    const db = memory();
    migrate(db, { location: 'test.db' });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('read-only never writes: an outdated schema is an error', () => {
    const db = memory();
    migrate(db, { location: 'test.db', migrations: [m1] });
    expect(() => migrate(db, { location: 'test.db', readonly: true, migrations: [m1, m2] })).toThrow(
      'test.db has schema version 1 and needs upgrading to 2; open it once without read-only',
    );
    expect(version(db)).toBe(1);
    expect(migrate(db, { location: 'test.db', readonly: true, migrations: [m1] })).toBe(1);
  });

  it('refuses databases that are not ours or are newer', () => {
    const foreign = memory();
    foreign.exec('CREATE TABLE notes (body TEXT)');
    expect(() => migrate(foreign, { location: 'notes.db' })).toThrow('notes.db is not a preprint-digest database');
    const otherApp = memory();
    otherApp.pragma('application_id = 1234');
    expect(() => migrate(otherApp, { location: 'x.db' })).toThrow(/is not a preprint-digest database/);
    const newer = memory();
    migrate(newer, { location: 'new.db', migrations: [m1, m2] });
    expect(() => migrate(newer, { location: 'new.db', migrations: [m1] })).toThrow(
      /new\.db was written by a newer preprint-digest \(schema version 2, this one knows up to 1\)/,
    );
  });
});
