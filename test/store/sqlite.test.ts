// The SQLite driver against the shared Store contract: in memory, and through openStore on a real file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../../src/store/index.js';
import sqliteStore from '../../src/store/sqlite.js';
import { testStore } from '../contracts/store.js';

const root = mkdtempSync(path.join(tmpdir(), 'pd-store-contract-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

testStore('sqlite :memory:', async (options) => sqliteStore({ ...options, path: ':memory:' }));
testStore('sqlite file', (options) => openStore(path.join(root, `run-${n++}`, 'digest.sqlite'), options));
