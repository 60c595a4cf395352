// The optional embeddings signal against a local OpenAI-compatible /v1/embeddings server: request shape,
// per-paper caching in the store, failures, and its use as a ranking signal with its own reason.
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rankDigestDetailed } from '../../src/rank/digest.js';
import { createOpenAiEmbedder, embedCached } from '../../src/rank/embeddings.js';
import type { Paper } from '../../src/types.js';
import { digestOf, entriesOf, profileWith, samplePapers, tempStore } from './helpers.js';
import type { TempStore } from './helpers.js';

interface Seen {
  auth: string | undefined;
  model: string;
  input: string[];
}

/** Embeds a text as counts of a few topic words: deterministic, and similar texts get similar vectors. */
const WORDS = ['diffusion', 'graph', 'policy', 'kernel', 'language', 'bayesian', 'optimization', 'image'];
function fakeVector(text: string): number[] {
  const t = text.toLowerCase();
  return [1, ...WORDS.map((w) => t.split(w).length - 1)];
}

let server: http.Server;
let url: string;
const seen: Seen[] = [];
let failWith: number | null = null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const json = JSON.parse(body) as { model: string; input: string[] };
      seen.push({ auth: req.headers.authorization, model: json.model, input: json.input });
      if (failWith) return void res.writeHead(failWith).end('{"error":"nope"}');
      // Answer out of order: the client must place vectors by `index`.
      const data = json.input.map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(text) })).reverse();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: json.model }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  failWith = null;
});

describe('OpenAI-compatible embedder', () => {
  it('posts batches with the model and key, and caches vectors per paper version', async () => {
    const t = await tempStore([]);
    try {
      const embedder = createOpenAiEmbedder({ baseUrl: url, model: 'fake-embed', apiKey: 'sk-test', batchSize: 2 });
      const items = [
        { id: '2601.00001', version: 1, title: 'Diffusion', abstract: 'diffusion diffusion' },
        { id: '2601.00002', version: 1, title: 'Graphs', abstract: 'graph' },
        { id: null, title: 'A book on kernels', abstract: '' },
      ];
      const first = await embedCached(items, embedder, t.store);
      expect(seen.map((s) => s.input.length)).toEqual([2, 1]);
      expect(seen[0]).toMatchObject({ auth: 'Bearer sk-test', model: 'fake-embed' });
      expect(first[0]?.[1]).toBeCloseTo(3 / Math.sqrt(10), 5); // unit length, placed by index
      const again = await embedCached(items, embedder, t.store);
      expect(seen).toHaveLength(2);
      expect(again).toEqual(first);
      // A new version is a new text: embedded again.
      await embedCached([{ ...items[0]!, version: 2 }], embedder, t.store);
      expect(seen).toHaveLength(3);
    } finally {
      await t.cleanup();
    }
  });

  it('reports an HTTP error or a wrong number of vectors in one line', async () => {
    const t = await tempStore([]);
    try {
      failWith = 401;
      const embedder = createOpenAiEmbedder({ baseUrl: url, model: 'm' });
      await expect(embedCached([{ id: 'x', title: 't', abstract: 'a' }], embedder, t.store)).rejects.toThrow(`embeddings: ${url}/embeddings answered HTTP 401`);
      const dead = createOpenAiEmbedder({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 });
      await expect(dead.embed(['x'])).rejects.toThrow(/embeddings: http:\/\/127\.0\.0\.1:9\/v1\/embeddings cannot be reached/);
    } finally {
      await t.cleanup();
    }
  });
});

describe('embeddings as a ranking signal', () => {
  let papers: Paper[];
  let t: TempStore;
  beforeAll(async () => {
    papers = await samplePapers();
    t = await tempStore(papers);
  });
  afterAll(async () => t.cleanup());

  it('keeps credentials in the base URL out of its errors and its cache key, and its query after the path', async () => {
    failWith = 401;
    const secret = url.replace('http://', 'http://user:s3cret@') + '?api-key=k3y&api-version=1';
    const embedder = createOpenAiEmbedder({ baseUrl: secret, model: 'm' });
    expect(embedder.model).not.toMatch(/s3cret|k3y/);
    const err = await embedder.embed(['x']).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/answered HTTP 401/);
    expect(err?.message).not.toMatch(/s3cret|k3y/);
    expect(err?.message).toContain('/embeddings?api-key=***&api-version=1');
    expect(seen.at(-1)?.auth).toBe(`Basic ${Buffer.from('user:s3cret').toString('base64')}`);
  });

  it('adds a signal and a reason naming the closest library paper; a second run uses the cache only', async () => {
    const lib = papers.filter((p) => /diffusion/i.test(p.abstract)).slice(0, 2);
    const day = papers.slice(0, 60).filter((p) => !lib.includes(p));
    const embedder = createOpenAiEmbedder({ baseUrl: url, model: 'fake-embed' });
    const profile = profileWith({ library: lib.map((p) => ({ id: p.id })) });
    const { digest, ranker, scores } = await rankDigestDetailed(digestOf(day), profile, { store: t.store, embedder });
    expect(ranker.info.embeddings).toBe(true);
    expect([...scores.values()].every((s) => s.signals.embedding !== null)).toBe(true);
    const reasons = entriesOf(digest).flatMap((e) => e.relevance?.reasons ?? []).filter((r) => r.startsWith('embedding close to '));
    expect(reasons.length).toBe(day.length);
    for (const r of reasons) expect(lib.map((p) => p.id)).toContain(/^embedding close to (\S+) /.exec(r)?.[1]);
    const requests = seen.length;
    expect(requests).toBeGreaterThan(0);
    await rankDigestDetailed(digestOf(day), profile, { store: t.store, embedder });
    expect(seen).toHaveLength(requests);
  });

  it('ranks without embeddings when the endpoint fails, and says so', async () => {
    failWith = 503;
    const lib = papers.slice(100, 102);
    const embedder = createOpenAiEmbedder({ baseUrl: url, model: 'another-model' });
    const profile = profileWith({ library: lib.map((p) => ({ id: p.id })) });
    const { ranker, scores } = await rankDigestDetailed(digestOf(papers.slice(0, 30)), profile, { store: t.store, embedder });
    expect(ranker.info.embeddings).toBe(false);
    expect(ranker.info.problems).toEqual([`embeddings: ${url}/embeddings answered HTTP 503; ranked without embeddings`]);
    expect([...scores.values()].every((s) => s.signals.embedding === null && s.reasons.every((r) => !r.startsWith('embedding')))).toBe(true);
  });
});
