/**
 * arXiv politeness for the whole cluster: two `run --queue` processes fetching at the same time from a local
 * fake arXiv share the Redis gate, so the server never sees two requests less than the interval apart.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startArxivServer } from '../helpers/arxiv-server.js';
import { CLI, REPO, runCli, tempDir } from '../helpers/cli.js';
import { redisTestUrl, services, dropRedisKeys } from '../helpers/services.js';
import { apiFeed, listingPage, rssFeed } from '../sources/builders.js';
import type { FakePaper } from '../sources/builders.js';

const PREFIX = `pd-test-gate-${process.pid}`;
const INTERVAL_MS = 400;
const papers: FakePaper[] = [
  { id: '2601.10001', categories: ['cs.LG'] },
  { id: '2601.10002', categories: ['stat.ML', 'cs.LG'] },
  { id: '2601.10003', categories: ['stat.ML'] },
];

afterAll(async () => {
  if (!services.redis) return;
  await dropRedisKeys(PREFIX);
});

describe.skipIf(!services.redis)('the arXiv gate across runs', () => {
  it('spaces the requests of two concurrent runs as if they were one client', { timeout: 60_000 }, async () => {
    const listing = (cat: string) => ({ delayMs: 50, body: listingPage('Friday, 30 January 2026', papers.filter((p) => p.categories[0] === cat), papers.filter((p) => p.categories.indexOf(cat) > 0)) });
    const server = await startArxivServer({
      '/rss/cs.LG+stat.ML': { delayMs: 50, body: rssFeed(['cs.LG', 'stat.ML'], 'Fri, 30 Jan 2026 00:00:00 -0500', papers) },
      '/list/cs.LG/new': listing('cs.LG'),
      '/list/stat.ML/new': listing('stat.ML'),
      '/api/query': { delayMs: 50, body: apiFeed(papers) },
    });
    const dir = tempDir('pd-gate-');
    const db = path.join(dir, 'db.sqlite');
    const queue = redisTestUrl(PREFIX);
    const env = {
      PREPRINT_DIGEST_RSS_URL: server.url,
      PREPRINT_DIGEST_API_URL: server.url,
      PREPRINT_DIGEST_LIST_URL: server.url,
      PREPRINT_DIGEST_MIN_INTERVAL_MS: String(INTERVAL_MS),
      PREPRINT_DIGEST_RETRIES: '1',
    };
    const worker = spawn(process.execPath, [CLI, 'worker', '--queue', queue, '--db', db, '--summarizer', 'builtin'], { cwd: REPO, stdio: 'ignore' });
    try {
      const runs = ['a', 'b'].map((name) => runCli(['run', '--categories', 'cs.LG,stat.ML', '--summarizer', 'builtin', '--out', path.join(dir, name), '--db', db, '--queue', queue, '--progress', 'none'], { env }));
      const results = await Promise.all(runs);
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const at = server.requests.map((q) => q.at).sort((a, b) => a - b);
      // Each run made its own requests: feed and two listings, and the export API unless the other run had
      // already stored the papers (both share one store) …
      expect(server.requests.filter((q) => q.path !== '/api/query')).toHaveLength(6);
      expect(at.length).toBeGreaterThanOrEqual(7);
      // … and no two were closer than the interval, although the runs started together.
      const gaps = at.slice(1).map((t, i) => t - at[i]!);
      expect(Math.min(...gaps), gaps.map(Math.round).join(' ')).toBeGreaterThanOrEqual(INTERVAL_MS);
    } finally {
      worker.kill('SIGTERM');
      await server.close();
    }
  });
});
