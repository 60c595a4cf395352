// The built CLI on a PostgreSQL store: `run --sample --db postgres://…` stores and renders the sample day, a second
// run reuses what the first stored, and a wrong URL is one line (exit 1) without the password.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, startServe, tempDir } from '../helpers/cli.js';
import { PG_ADMIN_URL, services } from '../helpers/services.js';
import { createTestDatabase } from './postgres-db.js';
import type { TestDatabase } from './postgres-db.js';

describe.skipIf(!services.postgres)('CLI: run on PostgreSQL', () => {
  let db: TestDatabase | null = null;
  const out = tempDir();
  beforeAll(async () => {
    db = await createTestDatabase(PG_ADMIN_URL, 'cli');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('run --sample stores the day in PostgreSQL and renders it; a second run reuses the stored summaries', async () => {
    const first = await runCli(['run', '--sample', '--db', db!.url, '--out', out, '--progress', 'none']);
    expect(first.code, first.stderr).toBe(0);
    const jsonl = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n');
    expect(jsonl.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: db!.url });
    await client.connect();
    try {
      const papers = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM papers');
      const listed = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM day_papers WHERE date = '2026-01-30'`);
      const summaries = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM summaries');
      expect(listed.rows[0]!.n).toBe(jsonl.length);
      expect(papers.rows[0]!.n).toBeGreaterThanOrEqual(jsonl.length);
      expect(summaries.rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    // Through the environment variable this time; the digest comes out the same from the stored day.
    const again = tempDir();
    const second = await runCli(['run', '--sample', '--out', again, '--progress', 'none'], { env: { PREPRINT_DIGEST_DB_URL: db!.url } });
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(again, 'run-report.json'), 'utf8')) as { counts: { reused: number } };
    expect(report.counts.reused).toBeGreaterThan(0);
    expect(readFileSync(path.join(again, '2026-01-30.jsonl'), 'utf8')).toBe(jsonl.join('\n') + '\n');
  }, 60_000);

  it('serve answers /api/search from the PostgreSQL archive over real HTTP', async () => {
    const serve = await startServe([path.join(out, 'site'), '--port', '0', '--db', db!.url], REPO, process.env);
    try {
      const { url, said } = serve;
      expect(said).toMatch(/archive search over \d+ papers in the store/);
      const records = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; title: string });
      const paper = records[7]!;
      const res = await fetch(new URL(`api/search?q=${encodeURIComponent(`"${paper.title}"`)}&limit=5`, url));
      expect(res.status, (await res.clone().text()) + said).toBe(200);
      const answer = (await res.json()) as { hits: { id: string; title: string; score: number; url: string }[] };
      expect(answer.hits[0]).toMatchObject({ id: paper.id, title: paper.title, url: `https://arxiv.org/abs/${paper.id}` });
    } finally {
      await serve.stop();
    }
  });

  it('search and reindex on a database without a store say so (exit 2) and create nothing in it', async () => {
    const empty = await createTestDatabase(PG_ADMIN_URL, 'cli_empty');
    try {
      for (const args of [['search', 'foo'], ['reindex']]) {
        const r = await runCli([...args, '--db', empty.url]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.trim()).toBe(`preprint-digest: no store at ${empty.url} (run \`preprint-digest run\` or \`fetch\` first)`);
      }
      const client = new pg.Client({ connectionString: empty.url });
      await client.connect();
      try {
        const tables = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
        expect(tables.rows[0]!.n).toBe(0);
      } finally {
        await client.end();
      }
    } finally {
      await empty.drop();
    }
  });

  it('exits 1 with one line naming host, port and database when the server refuses, never the password', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const r = await runCli(['run', '--sample', '--db', `postgres://bob:pw-secret@127.0.0.1:${port}/archive`, '--out', tempDir(), '--progress', 'none']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`cannot connect to PostgreSQL at 127.0.0.1:${port} (database "archive"): connection refused`);
    expect(r.stderr + r.stdout).not.toMatch(/pw-secret/);
  });
});
