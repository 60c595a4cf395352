// The polite client against a real local HTTP server: scripted faults, retries, timeouts, spacing.
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { createArxivClient } from '../../src/sources/http.js';
import { readShared, startArxivServer } from '../helpers/arxiv-server.js';
import type { ArxivServer, Route } from '../helpers/arxiv-server.js';

const FEED = readShared('rss-all-archives-2024-11-28.excerpt.xml');
let servers: ArxivServer[] = [];

async function serve(routes: Record<string, Route>): Promise<ArxivServer> {
  const server = await startArxivServer(routes);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function failure(p: Promise<unknown>): Promise<SourceError> {
  const err = await p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

const gaps = (s: ArxivServer) => s.requests.slice(1).map((r, i) => r.at - s.requests[i]!.at);

describe('arXiv client against a local server', () => {
  it('waits as long as a 503 Retry-After asks, then succeeds', async () => {
    const s = await serve({ '/rss/cs.LG': [{ status: 503, headers: { 'retry-after': '1' } }, { body: FEED }] });
    const client = createArxivClient({ minIntervalMs: 0 });
    const res = await client.get(`${s.url}/rss/cs.LG`);
    expect(res.body).toBe(FEED);
    expect(s.requests).toHaveLength(2);
    expect(gaps(s)[0]).toBeGreaterThanOrEqual(1000);
    expect(client.stats()).toMatchObject({ total: 2, retries: 1 });
  });

  it('retries a 429 without Retry-After with growing backoff', async () => {
    const s = await serve({ '/api/query': [{ status: 429 }, { status: 429 }, { body: '<feed/>' }] });
    const client = createArxivClient({ minIntervalMs: 0, backoffMs: 150 });
    await expect(client.get(`${s.url}/api/query`)).resolves.toMatchObject({ status: 200 });
    const [first, second] = gaps(s);
    expect(first).toBeGreaterThanOrEqual(150);
    expect(second).toBeGreaterThanOrEqual(300);
  });

  it('fails at once when Retry-After is longer than the limit', async () => {
    const s = await serve({ '/list/cs.LG/new': { status: 503, headers: { 'retry-after': '3600' } } });
    const err = await failure(createArxivClient({ minIntervalMs: 0 }).get(`${s.url}/list/cs.LG/new`));
    expect(err.code).toBe('E_FETCH');
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/asks to retry after 3600 s, more than the 600 s limit; try again later$/);
    expect(s.requests).toHaveLength(1);
  });

  it('gives up after the configured number of retries on a persistent 5xx', async () => {
    const s = await serve({ '/rss/cs.LG': { status: 502 } });
    const err = await failure(createArxivClient({ minIntervalMs: 0, retries: 2, backoffMs: 10 }).get(`${s.url}/rss/cs.LG`));
    expect(err.message).toBe(`[fetch] HTTP 502 from ${s.url}/rss/cs.LG (gave up after 3 attempts)`);
    expect(s.requests).toHaveLength(3);
  });

  it('times out a response whose headers come too late', async () => {
    const s = await serve({ '/rss/cs.LG': { delayMs: 2000, body: FEED } });
    const err = await failure(createArxivClient({ minIntervalMs: 0, timeoutMs: 200, retries: 1, backoffMs: 10 }).get(`${s.url}/rss/cs.LG`));
    expect(err.code).toBe('E_FETCH');
    expect(err.message).toMatch(/no complete answer from .* within 0\.2 s \(waiting for headers\) \(gave up after 2 attempts\)$/);
    expect(s.requests).toHaveLength(2);
  });

  it('times out a body that stalls after the headers', async () => {
    const s = await serve({ '/rss/cs.LG': { bodyDelayMs: 2000, body: FEED } });
    const err = await failure(createArxivClient({ minIntervalMs: 0, timeoutMs: 300, retries: 0 }).get(`${s.url}/rss/cs.LG`));
    expect(err.code).toBe('E_FETCH');
    expect(err.message).toMatch(/within 0\.3 s \(after \d+ bytes of the body\)$/);
  });

  it('reports a body cut off by a dropped connection as E_PARSE, after retrying', async () => {
    const s = await serve({ '/rss/cs.LG': { cutAfterBytes: 3000, body: FEED } });
    const err = await failure(createArxivClient({ minIntervalMs: 0, retries: 1, backoffMs: 10 }).get(`${s.url}/rss/cs.LG`));
    expect(err.code).toBe('E_PARSE');
    expect(err.message).toMatch(/was cut off after 3000 bytes \(connection closed\) \(gave up after 2 attempts\)$/);
    expect(s.requests).toHaveLength(2);
  });

  it('reports a connection dropped before the headers as E_FETCH', async () => {
    const s = await serve({ '/rss/cs.LG': { hangUp: true } });
    const err = await failure(createArxivClient({ minIntervalMs: 0, retries: 1, backoffMs: 10 }).get(`${s.url}/rss/cs.LG`));
    expect(err.code).toBe('E_FETCH');
    expect(err.message).toMatch(/could not reach 127\.0\.0\.1:\d+: .* \(gave up after 2 attempts\)$/);
  });

  it('recovers when a retry succeeds after a cut', async () => {
    const s = await serve({ '/rss/cs.LG': [{ cutAfterBytes: 100, body: FEED }, { body: FEED }] });
    const res = await createArxivClient({ minIntervalMs: 0, backoffMs: 10 }).get(`${s.url}/rss/cs.LG`);
    expect(res.body).toBe(FEED);
  });

  it('follows a redirect itself, through the paced queue, counting each hop', async () => {
    const s = await serve({ '/rss/cs.LG': { status: 301, headers: { location: '/moved/rss/cs.LG' } }, '/moved/rss/cs.LG': { body: FEED } });
    const client = createArxivClient({ minIntervalMs: 200 });
    const res = await client.get(`${s.url}/rss/cs.LG`);
    expect(res.body).toBe(FEED);
    expect(s.requests.map((r) => r.path)).toEqual(['/rss/cs.LG', '/moved/rss/cs.LG']);
    expect(gaps(s)[0]).toBeGreaterThanOrEqual(200);
    expect(client.stats()).toMatchObject({ total: 2, retries: 0 });
  });

  it('stops at a redirect loop in one line, without retrying', async () => {
    const s = await serve({ '/rss/cs.LG': { status: 302, headers: { location: '/rss/cs.LG' } } });
    const err = await failure(createArxivClient({ minIntervalMs: 0, retries: 3, backoffMs: 10 }).get(`${s.url}/rss/cs.LG`));
    expect(err.code).toBe('E_FETCH');
    expect(err.message).toBe(`[fetch] ${s.url}/rss/cs.LG redirects in a loop (back to ${s.url}/rss/cs.LG after 1 hop); not following`);
    expect(s.requests).toHaveLength(1);
  });

  it('follows at most 5 redirects', async () => {
    const hops = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((n): [string, Route] => [`/r${n}`, { status: 307, headers: { location: `/r${n + 1}` } }]));
    const s = await serve(hops);
    const client = createArxivClient({ minIntervalMs: 0, retries: 3, backoffMs: 10 });
    const err = await failure(client.get(`${s.url}/r0`));
    expect(err.message).toBe(`[fetch] ${s.url}/r0 redirects more than 5 times (last to ${s.url}/r6); not following`);
    expect(s.requests).toHaveLength(6);
    expect(client.stats().total).toBe(6);
  });

  it('decodes a body by its Content-Type charset, else its XML declaration', async () => {
    const latin1 = (xml: string) => Buffer.from(xml, 'latin1');
    const s = await serve({
      '/header': { bytes: latin1('<rss><title>J\u00fcrgen</title></rss>'), headers: { 'content-type': 'application/rss+xml; charset=ISO-8859-1' } },
      '/declared': { bytes: latin1("<?xml version='1.0' encoding='ISO-8859-1'?><rss>J\u00fcrgen</rss>"), headers: { 'content-type': 'application/xml' } },
    });
    const client = createArxivClient({ minIntervalMs: 0 });
    expect((await client.get(`${s.url}/header`)).body).toContain('Jürgen');
    expect((await client.get(`${s.url}/declared`)).body).toContain('Jürgen');
  });

  it('refuses bytes that are not valid in the encoding, and gzip sent without Content-Encoding', async () => {
    const bad = Buffer.from('<rss>J\u00fcrgen</rss>');
    bad[bad.indexOf(0xc3) + 1] = 0xff;
    const s = await serve({ '/bad': { bytes: bad }, '/gz': { bytes: gzipSync('<rss/>') } });
    const client = createArxivClient({ minIntervalMs: 0, backoffMs: 10 });
    const err = await failure(client.get(`${s.url}/bad`));
    expect(err).toMatchObject({ code: 'E_PARSE', message: `[fetch] response from ${s.url}/bad is not valid UTF-8, the encoding its Content-Type names` });
    const gz = await failure(client.get(`${s.url}/gz`));
    expect(gz.message).toBe(`[fetch] response from ${s.url}/gz is gzip-compressed data sent without a Content-Encoding header`);
    expect(s.requests).toHaveLength(2);
  });

  it('sends one request at a time, spaced, even when called concurrently', async () => {
    const s = await serve({ '*': { delayMs: 100, body: 'ok' } });
    const client = createArxivClient({ minIntervalMs: 250, contact: 'digest@example.org' });
    const bodies = await Promise.all([1, 2, 3].map((n) => client.get(`${s.url}/x${n}`).then((r) => r.body)));
    expect(bodies).toEqual(['ok', 'ok', 'ok']);
    expect(s.requests.map((r) => r.path)).toEqual(['/x1', '/x2', '/x3']);
    // Spacing counts from the previous answer, which the server sends 100 ms after the request arrives.
    for (const gap of gaps(s)) expect(gap).toBeGreaterThanOrEqual(350);
    expect(s.requests[0]!.headers['user-agent']).toMatch(/^preprint-digest\/\S+ \(\+https:\/\/github\.com\/preprint-digest\/preprint-digest; mailto:digest@example\.org\)$/);
  });
});
