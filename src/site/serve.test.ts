/**
 * serveSite against a real socket: MIME types, headers, conditional and compressed responses, and every way
 * out of the site folder we could think of (raw request paths, since fetch would normalise them).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { serveSite } from './index.js';
import type { SiteServer } from './index.js';
import { resolveRequestPath } from './serve.js';

let dir: string;
let root: string;
let server: SiteServer;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(rawPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: rawPath, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-serve-'));
  root = path.join(dir, 'site');
  mkdirSync(path.join(root, 'data/days'), { recursive: true });
  mkdirSync(path.join(root, 'assets/fonts'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>site</title>');
  writeFileSync(path.join(root, 'data/days/2026-01-30.json'), JSON.stringify({ date: '2026-01-30', pad: 'x'.repeat(5000) }));
  writeFileSync(path.join(root, 'assets/reader.js'), 'export {};');
  writeFileSync(path.join(root, 'assets/reader.css'), 'body{}');
  writeFileSync(path.join(root, 'assets/fonts/a.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(root, '.nojekyll'), '');
  writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
  server = await serveSite(root);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serveSite', () => {
  it('listens on 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves index.html for the root with the CSP header', async () => {
    const res = await raw('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.toString()).toContain('<title>site</title>');
  });

  it.each([
    ['/data/days/2026-01-30.json', 'application/json; charset=utf-8'],
    ['/assets/reader.js?v=abc', 'text/javascript; charset=utf-8'],
    ['/assets/reader.css', 'text/css; charset=utf-8'],
    ['/assets/fonts/a.woff2', 'font/woff2'],
  ])('serves %s as %s', async (p, type) => {
    const res = await raw(p);
    expect([res.status, res.headers['content-type']]).toEqual([200, type]);
  });

  it('compresses text when asked and answers 304 when unchanged', async () => {
    const gz = await raw('/data/days/2026-01-30.json', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString()).date).toBe('2026-01-30');
    const again = await raw('/data/days/2026-01-30.json', { headers: { 'if-modified-since': String(gz.headers['last-modified']) } });
    expect([again.status, again.body.length]).toEqual([304, 0]);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await raw('/assets/reader.css', { method: 'HEAD' });
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, '6', 0]);
    const post = await raw('/', { method: 'POST' });
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  it.each([
    '/../secret.txt',
    '/data/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/data%2F..%2F..%2Fsecret.txt',
    '/..%5csecret.txt',
    '/index.html%00.json',
    '/link.txt',
    '/.nojekyll',
    '/%',
    '/missing.json',
  ])('never serves anything outside the site: %s', async (p) => {
    const res = await raw(p);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('SECRET');
  });

  it('maps request paths inside the root only', () => {
    expect(resolveRequestPath(root, '/data/days/x.json')).toBe(path.join(root, 'data/days/x.json'));
    expect(resolveRequestPath(root, '/a/%2e%2e/%2e%2e/b')).toBeNull();
    expect(resolveRequestPath(root, '/a\\..\\b')).toBeNull();
  });

  it('refuses a folder without a site, and a port in use', async () => {
    await expect(serveSite(dir)).rejects.toThrow(UsageError);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    await expect(serveSite(root, { port })).rejects.toThrow(`port ${port} on 127.0.0.1 is in use`);
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('says which --host cannot be bound, in one line', async () => {
    // 192.0.2.1 is a documentation address (TEST-NET-1): never one of this machine's.
    await expect(serveSite(root, { host: '192.0.2.1' })).rejects.toThrow(/^192\.0\.2\.1 is not an address of this machine; pick another with --host/);
    await expect(serveSite(root, { host: '999.1.1.1' })).rejects.toThrow(/^cannot resolve the host name 999\.1\.1\.1/);
  });
});
