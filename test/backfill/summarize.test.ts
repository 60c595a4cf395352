// Summaries for backfilled papers through the real queue: real Redis, a real worker (built-in summarizer) and
// one SQLite file, papers harvested from the local fake OAI-PMH repository.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfill, summarizeBackfilled } from '../../src/backfill/index.js';
import { openSummaryQueue } from '../../src/queue/run.js';
import { startWorker } from '../../src/queue/worker.js';
import { createArxivClient } from '../../src/sources/http.js';
import { openStore } from '../../src/store/index.js';
import { createBuiltinSummarizer } from '../../src/summarize/builtin/index.js';
import { summaryKey } from '../../src/summarize/index.js';
import { startArxivServer } from '../helpers/arxiv-server.js';
import { tempDir } from '../helpers/cli.js';
import { redisTestUrl, services, dropRedisKeys } from '../helpers/services.js';
import { fakeRecords, oaiRoute } from './oai-server.js';

const PREFIX = `pd-test-backfill-${process.pid}`;
let dir = '';

beforeAll(() => {
  dir = tempDir('pd-backfill-sum-');
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!services.redis) return;
  await dropRedisKeys(PREFIX);
});

describe.skipIf(!services.redis)('backfill --summarize', () => {
  it('enqueues every backfilled paper in chunks; a worker stores one summary each', async () => {
    const server = await startArxivServer({ '/oai': oaiRoute(fakeRecords(9), { pageSize: 4 }) });
    const dbPath = path.join(dir, 'db.sqlite');
    const store = await openStore(dbPath);
    const ids: string[] = [];
    await backfill({ client: createArxivClient({ minIntervalMs: 0 }), store, categories: ['cs.LG'], from: '2024-01-01', to: '2024-01-31', via: 'oai', oaiUrl: `${server.url}/oai`, onPapers: (ps) => void ids.push(...ps.map((p) => p.id)) });
    await server.close();
    expect(ids).toHaveLength(9);

    const url = redisTestUrl(PREFIX);
    const workerStore = await openStore(dbPath);
    const worker = await startWorker({ queueUrl: url, store: workerStore, summarizer: createBuiltinSummarizer(), concurrency: 2 });
    const queue = await openSummaryQueue(url, { pollMs: 100 });
    const summarizer = createBuiltinSummarizer();
    const seen: number[] = [];
    try {
      const r = await summarizeBackfilled({ store, queue, summarizer, language: 'en', ids, chunkSize: 4, onProgress: (done) => void seen.push(done) });
      expect(r).toEqual({ papers: 9, ok: 9, fallback: 0, missing: 0, stopped: null });
      const papers = await store.getPapers(ids);
      const keys = [...papers.values()].map((p) => summaryKey(p, summarizer, 'en'));
      const stored = await store.getSummaries(keys);
      expect(stored.size).toBe(9);
      expect([...stored.values()].every((s) => s.meta.status === 'ok')).toBe(true);
      expect(Math.max(...seen)).toBe(9);
    } finally {
      await queue.close();
      await worker.close(true);
      await workerStore.close();
      await store.close();
    }
  });
});
