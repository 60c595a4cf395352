// OAI-PMH harvests against a local fake repository (real HTTP on 127.0.0.1) into real SQLite files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfill, chooseVia, harvest, harvestStateKey, OaiError, parseTargets } from '../../src/backfill/index.js';
import { exitCodeFor } from '../../src/errors.js';
import { createArxivClient } from '../../src/sources/http.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startArxivServer } from '../helpers/arxiv-server.js';
import type { ArxivServer } from '../helpers/arxiv-server.js';
import { fakeRecords, oaiErrorXml, oaiRoute } from './oai-server.js';

let dir: string;
let server: ArxivServer | null = null;
const stores: Store[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-harvest-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await server?.close();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

async function store(): Promise<Store> {
  const s = await openStore(path.join(dir, 'digest.sqlite'));
  stores.push(s);
  return s;
}

const client = (minIntervalMs = 0) => createArxivClient({ minIntervalMs, retries: 2, backoffMs: 20 });
const base = { set: 'cs:cs:LG', from: '2024-01-01', until: '2024-01-31' };

async function allIds(s: Store): Promise<string[]> {
  return (await s.listPapers({ limit: 10_000 })).map((p) => p.id);
}

describe('harvest', () => {
  it('follows resumption tokens page by page into the store, then clears its state', async () => {
    const records = fakeRecords(23);
    server = await startArxivServer({ '/oai': oaiRoute(records, { pageSize: 5 }) });
    const s = await store();
    const pages: number[] = [];
    const r = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s, onPage: (p) => void pages.push(p.papers) });
    expect(r).toMatchObject({ pages: 5, papers: 23, complete: true, resumed: false });
    expect(pages).toEqual([5, 5, 5, 5, 3]);
    expect((await allIds(s)).sort()).toEqual(records.map((x) => x.id).sort());
    const [first, ...rest] = server.requests;
    expect(first?.query).toEqual({ verb: 'ListRecords', metadataPrefix: 'arXivRaw', set: 'cs:cs:LG', from: '2024-01-01', until: '2024-01-31' });
    for (const req of rest) expect(Object.keys(req.query).sort()).toEqual(['resumptionToken', 'verb']);
    expect(await s.getState(harvestStateKey(base.set, base.from, base.until))).toBeNull();
    const p = (await s.getPapers(['2401.10001'])).get('2401.10001');
    expect(p).toMatchObject({ version: 2, authors: ['Ada Fixture', 'Bo Test', 'C. Díaz'], primaryCategory: 'cs.LG' });
  });

  it('stopped after page 2, the next run resumes from the saved token and ends with every record once', async () => {
    const records = fakeRecords(23);
    server = await startArxivServer({ '/oai': oaiRoute(records, { pageSize: 5 }) });
    const s = await store();
    const stop = new AbortController();
    const onPage = (p: { page: number }) => void (p.page === 2 && stop.abort());
    const first = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s, signal: stop.signal, onPage });
    expect(first).toMatchObject({ pages: 2, papers: 10, complete: false });
    const saved = await s.getState(harvestStateKey(base.set, base.from, base.until));
    expect(saved).toMatch(/skip%3D10/);
    expect(await s.countPapers()).toBe(10);

    const before = server.requests.length;
    const second = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s });
    expect(second).toMatchObject({ pages: 3, papers: 13, complete: true, resumed: true });
    expect(server.requests[before]?.query).toEqual({ verb: 'ListRecords', resumptionToken: saved });
    const ids = await allIds(s);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    expect(first.papers + second.papers).toBe(23);
  });

  it('an expired token on resume starts the list again from the last completely stored datestamp', async () => {
    const records = fakeRecords(30, '2024-01-01', 6);
    let expireBefore = 0;
    server = await startArxivServer({ '/oai': oaiRoute(records, { pageSize: 7, expireTokensBefore: () => expireBefore }) });
    const s = await store();
    const stop = new AbortController();
    await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s, signal: stop.signal, onPage: (p) => void (p.page === 2 && stop.abort()) });
    expireBefore = server.requests.length; // every token issued so far is now refused (midnight passed)
    const before = server.requests.length;
    const r = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s });
    expect(r).toMatchObject({ complete: true, restarts: 1, resumed: true });
    const restart = server.requests[before + 1]?.query;
    // Page 2 (records 7–13; five a day) ended inside 2024-01-03: restart there (inclusive), not at the original from.
    expect(restart).toMatchObject({ metadataPrefix: 'arXivRaw', from: '2024-01-03', until: '2024-01-31' });
    expect(new Set(await allIds(s)).size).toBe(30);
  });

  it('a restart after an expired token counts the records it reads again once', async () => {
    const records = fakeRecords(30, '2024-01-01', 6);
    let expireBefore = 0;
    server = await startArxivServer({ '/oai': oaiRoute(records, { pageSize: 7, expireTokensBefore: () => expireBefore }) });
    const s = await store();
    // After page 3, every token issued so far is refused: the harvest starts again inside page 3's last day.
    let read = 0;
    const onPage = (p: { page: number; papers: number }) => {
      read += p.papers;
      if (p.page === 3) expireBefore = server!.requests.length;
    };
    const r = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s, onPage });
    expect(read).toBeGreaterThan(30);
    expect(r).toMatchObject({ complete: true, restarts: 1, papers: 30 });
  });

  it('noRecordsMatch is an empty, complete harvest; deleted records are counted and skipped', async () => {
    server = await startArxivServer({ '/oai': oaiRoute([]) });
    const s = await store();
    const empty = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s });
    expect(empty).toMatchObject({ pages: 1, papers: 0, complete: true });
    const records = fakeRecords(4);
    records[1] = { ...records[1]!, deleted: true };
    server.route('/oai', oaiRoute(records));
    const r = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s });
    expect(r).toMatchObject({ papers: 3, deleted: 1, complete: true });
  });

  it('an OAI error other than noRecordsMatch fails with its code (exit 4)', async () => {
    server = await startArxivServer({ '/oai': { body: oaiErrorXml('badArgument', 'Illegal date') } });
    const s = await store();
    const err = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OaiError);
    expect((err as OaiError).oaiCode).toBe('badArgument');
    expect((err as Error).message).toMatch(/badArgument: Illegal date/);
    expect(exitCodeFor(err)).toBe(4);
  });

  it('honours 503 Retry-After before asking again', async () => {
    const route = oaiRoute(fakeRecords(8), { pageSize: 5 });
    let calls = 0;
    server = await startArxivServer({
      '/oai': (req, call) => (++calls === 2 ? { status: 503, headers: { 'retry-after': '1' }, body: 'busy' } : route(req, call)),
    });
    const s = await store();
    const r = await harvest({ ...base, client: client(), oaiUrl: `${server.url}/oai`, store: s });
    expect(r).toMatchObject({ papers: 8, complete: true });
    const [, refused, retried] = server.requests;
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(995);
  });

  it('keeps the configured interval between requests', async () => {
    server = await startArxivServer({ '/oai': oaiRoute(fakeRecords(20), { pageSize: 5 }) });
    const s = await store();
    await harvest({ ...base, client: client(150), oaiUrl: `${server.url}/oai`, store: s });
    const at = server.requests.map((r) => r.at);
    expect(at).toHaveLength(4);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(148);
  });
});

describe('backfill', () => {
  it('auto picks the export API for a few categories and days, OAI-PMH for archives or long ranges', () => {
    expect(chooseVia(parseTargets(['cs.LG', 'stat.ML']), '2024-01-01', '2024-01-07')).toBe('api');
    expect(chooseVia(parseTargets(['cs.LG']), '2024-01-01', '2024-01-08')).toBe('oai');
    expect(chooseVia(parseTargets(['cs']), '2024-01-01', '2024-01-02')).toBe('oai');
  });

  it('harvests one set per target via OAI-PMH and rejects bad dates with a usage error', async () => {
    server = await startArxivServer({ '/oai': oaiRoute(fakeRecords(12), { pageSize: 5 }) });
    const s = await store();
    const lines: string[] = [];
    const r = await backfill({ client: client(), store: s, categories: ['cs.LG', 'stat'], from: '2024-01-01', to: '2024-01-31', via: 'auto', oaiUrl: `${server.url}/oai`, onProgress: (l) => void lines.push(l) });
    expect(r).toMatchObject({ via: 'oai', targets: ['cs:cs:LG', 'stat:stat'], papers: 24, complete: true });
    expect(new Set(server.requests.filter((q) => q.query.set).map((q) => q.query.set))).toEqual(new Set(['cs:cs:LG', 'stat:stat']));
    expect(lines[0]).toMatch(/^oai cs:cs:LG page 1: 5 papers/);
    await expect(backfill({ client: client(), store: s, categories: ['cs.LG'], from: '2024-02-30', to: '2024-03-01' })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(backfill({ client: client(), store: s, categories: ['cs.LG'], from: '2024-13-01', to: '2024-03-01' })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(backfill({ client: client(), store: s, categories: ['cs.LG'], from: '2024-03-02', to: '2024-03-01' })).rejects.toThrow(/after --to/);
  });
});
