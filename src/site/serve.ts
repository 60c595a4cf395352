/**
 * `serveSite`: a small static file server for a built reader, bound to 127.0.0.1 unless told otherwise.
 * GET/HEAD only, files under the site folder only (no traversal, no symlinks out, no dotfiles, no listings),
 * explicit MIME types, the reader's CSP as a header too, gzip for text when the client accepts it.
 * Given the store's search, it also answers `GET /api/search` over the whole archive (src/site/api.ts).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { UsageError } from '../errors.js';
import { API_SEARCH_PATH, handleApiSearch } from './api.js';
import type { ArchiveSearch } from './api.js';
import { CONTENT_SECURITY_POLICY } from './html.js';

export interface ServeOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Archive search for `/api/search` (the store's); without it the route answers 404 like a static host. */
  search?: ArchiveSearch;
  /** One line per server-side problem. @default stderr */
  log?: (line: string) => void;
}

export interface SiteServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:8765/`. */
  url: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.txt', '.xml', '.svg']);

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(`${text}\n`);
}

/** Map a request path to a file inside `root`, or null when it is outside, hidden or malformed. */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s.startsWith('.'))) return null; // also rejects `..`
  const file = path.resolve(root, ...segments);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function locate(root: string, urlPath: string): Promise<string | null> {
  let file = resolveRequestPath(root, urlPath);
  if (!file) return null;
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const real = await realpath(file);
    if (!real.startsWith(root + path.sep) || !(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

async function handle(root: string, options: ServeOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed');
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === API_SEARCH_PATH && options.search) {
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    return handleApiSearch(options.search, req, res, url, log);
  }
  const file = await locate(root, url.pathname);
  if (!file) return send(res, 404, 'not found');
  const info = await stat(file);
  const ext = path.extname(file).toLowerCase();
  const headers: Record<string, string> = {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
    'last-modified': info.mtime.toUTCString(),
    'referrer-policy': 'no-referrer',
  };
  if (ext === '.html') headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  if (!Number.isNaN(since) && Math.floor(info.mtimeMs / 1000) <= Math.floor(since / 1000)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) headers['content-encoding'] = 'gzip';
  else headers['content-length'] = String(info.size);
  headers.vary = 'accept-encoding';
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
}

/** Why the server could not listen, said in terms of `--host` and `--port`; an unexpected failure stays as it is. */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new UsageError(`port ${port} on ${host} is in use; pick another with --port`);
    case 'EACCES':
      return new UsageError(`port ${port} on ${host} needs privileges; pick one above 1023 with --port`);
    case 'EADDRNOTAVAIL':
      return new UsageError(`${host} is not an address of this machine; pick another with --host (default 127.0.0.1)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new UsageError(`cannot resolve the host name ${host}; pick another with --host (default 127.0.0.1)`);
    default:
      return err;
  }
}

/** Serve the built site in `dir`; resolves once listening. */
export async function serveSite(dir: string, options: ServeOptions = {}): Promise<SiteServer> {
  let root: string;
  try {
    root = await realpath(path.resolve(dir));
    await stat(path.join(root, 'index.html'));
  } catch {
    throw new UsageError(`no site in ${dir} (index.html is missing); build one with \`preprint-digest site --out ${dir}\``);
  }
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(root, options, req, res).catch(() => (res.headersSent ? res.destroy() : send(res, 500, 'internal error')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, host, options.port ?? 0)));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
