/**
 * A local fake arXiv for tests: one `node:http` server on 127.0.0.1, port 0, answering scripted responses
 * per path (status, headers, body or a recorded payload read in place from ../shared, delays, a socket cut
 * mid-body, a sequence for successive calls) and recording every request with its arrival time.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The shared recorded payloads (never copied into the project). */
export const SHARED_FIXTURES = new URL('../../../shared/fixtures/arxiv/', import.meta.url);
/** This project's own small fixtures. */
export const OWN_FIXTURES = new URL('../fixtures/arxiv/', import.meta.url);

export function sharedFixture(name: string): string {
  return fileURLToPath(new URL(name, SHARED_FIXTURES));
}

export function ownFixture(name: string): string {
  return fileURLToPath(new URL(name, OWN_FIXTURES));
}

export function readShared(name: string): string {
  return readFileSync(sharedFixture(name), 'utf8');
}

/** A recorded export-API exchange (`{url, status_code, body}`) as a scripted response. */
export function apiFixture(name: string): ScriptedResponse {
  const { status_code, body } = JSON.parse(readShared(name)) as { status_code: number; body: string };
  return { status: status_code, body, headers: { 'content-type': 'application/atom+xml; charset=utf-8' } };
}

export interface ScriptedResponse {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Raw body bytes, sent as they are (another encoding, gzip without a header, bad UTF-8). */
  bytes?: Uint8Array;
  /** Path of a file to serve, read at request time (e.g. `sharedFixture(…)`). */
  file?: string;
  /** Wait before sending the status line and headers. */
  delayMs?: number;
  /** Send headers (announcing the full length) and only this many body bytes, then destroy the socket. */
  cutAfterBytes?: number;
  /** Send headers and half the body, then wait this long before the rest (a stalled transfer). */
  bodyDelayMs?: number;
  /** Destroy the socket without sending anything. */
  hangUp?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Arrival time, `performance.now()` of this process. */
  at: number;
}

/** One response, a sequence (successive calls; the last repeats), or a function of the request. */
export type Route = ScriptedResponse | ScriptedResponse[] | ((req: RecordedRequest, call: number) => ScriptedResponse);

export interface ArxivServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  requests: RecordedRequest[];
  /** Add or replace the route for a path. */
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

function contentType(r: ScriptedResponse): string {
  const name = r.file ?? '';
  if (name.endsWith('.html') || r.body?.trimStart().startsWith('<html')) return 'text/html; charset=utf-8';
  if (r.body?.includes('<feed')) return 'application/atom+xml; charset=utf-8';
  return 'application/rss+xml; charset=utf-8';
}

function pick(route: Route, req: RecordedRequest, call: number): ScriptedResponse {
  if (typeof route === 'function') return route(req, call);
  if (Array.isArray(route)) return route[Math.min(call, route.length - 1)] ?? { status: 500 };
  return route;
}

export async function startArxivServer(routes: Record<string, Route> = {}): Promise<ArxivServer> {
  const table = new Map(Object.entries(routes));
  const calls = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const at = performance.now();
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: RecordedRequest = { method: req.method ?? 'GET', path: u.pathname, query: Object.fromEntries(u.searchParams), headers: req.headers, at };
    requests.push(rec);
    const route = table.get(u.pathname) ?? table.get('*');
    const call = calls.get(u.pathname) ?? 0;
    calls.set(u.pathname, call + 1);
    const r: ScriptedResponse = route ? pick(route, rec, call) : { status: 404, body: `no route for ${u.pathname}` };
    const send = () => {
      if (r.hangUp) return void req.socket.destroy();
      const body = r.bytes ? Buffer.from(r.bytes) : Buffer.from(r.file ? readFileSync(r.file) : (r.body ?? ''));
      res.writeHead(r.status ?? 200, { 'content-type': contentType(r), 'content-length': String(body.length), ...r.headers });
      if (r.bodyDelayMs !== undefined) {
        res.write(body.subarray(0, body.length >> 1));
        const t = setTimeout(() => (timers.delete(t), res.end(body.subarray(body.length >> 1))), r.bodyDelayMs);
        return void timers.add(t);
      }
      if (r.cutAfterBytes === undefined) return void res.end(body);
      // Flush the partial body, then kill the connection so the client sees a transfer cut mid-way.
      res.write(body.subarray(0, r.cutAfterBytes), () => setImmediate(() => req.socket.destroy()));
    };
    if (!r.delayMs) return send();
    const t = setTimeout(() => (timers.delete(t), send()), r.delayMs);
    timers.add(t);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, route) => void table.set(path, route),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
