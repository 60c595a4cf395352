/**
 * A throw-away PostgreSQL database for one test file (vitest runs files in parallel): created from the admin URL
 * with a random name, dropped (with any connections left) when the file is done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  name: string;
  /** URL of the new database, same server and user as the admin URL. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(adminUrl: string, label: string): Promise<TestDatabase> {
  const name = `pd_test_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
