/**
 * A local HTTP server for the chat tests (node:http on 127.0.0.1, port 0): records every request with the time
 * it arrived and answers from a script, so tests can check payloads, retries and their spacing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request was complete. */
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export interface TestHttp {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** `reply` gets each request and its 0-based number. */
export async function startHttp(reply: (req: Recorded, n: number) => Reply): Promise<TestHttp> {
  const requests: Recorded[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
      requests.push(rec);
      const answer = reply(rec, requests.length - 1);
      if (answer.hang) {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status ?? 200, { 'content-type': 'text/plain; charset=utf-8', ...answer.headers });
      res.end(answer.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
