// The PostgreSQL driver against the shared Store contract, on the real server: one fresh database for this file,
// one fresh schema per store (chosen through the URL's `options=-csearch_path=…`, as a user would).
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { testStore } from '../contracts/store.js';
import { PG_ADMIN_URL, services } from '../helpers/services.js';
import { createTestDatabase } from './postgres-db.js';

describe.skipIf(!services.postgres)('postgres store', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  let admin: pg.Pool | null = null;
  let n = 0;
  beforeAll(async () => {
    db = await createTestDatabase(PG_ADMIN_URL, 'contract');
    admin = new pg.Pool({ connectionString: db.url, max: 2 });
    // pool.end() resolves before its connections are gone; the drop's FORCE may end one first.
    admin.on('error', () => undefined);
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  /** A URL whose search_path is a new, empty schema. */
  const freshSchemaUrl = async (): Promise<string> => {
    const schema = `s${n++}`;
    await admin!.query(`CREATE SCHEMA ${schema}`);
    return `${db!.url}?options=${encodeURIComponent(`-csearch_path=${schema}`)}`;
  };

  // Through openStore, so the scheme dispatch and URL handling are exercised as the CLI uses them.
  testStore('postgres', async (options) => openStore(await freshSchemaUrl(), options));
});
