import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/channels/errors.js';
import { postWebhook } from '../../src/channels/webhook.js';
import { startHttp } from './http.js';
import type { TestHttp } from './http.js';
import { closedPort } from './smtp.js';

const SECRET_PATH = '/services/T0SECRET/B0SECRET/xoxSECRETxox';

async function caught(promise: Promise<unknown>): Promise<DeliveryError> {
  const err = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(err instanceof DeliveryError)) throw err;
  return err;
}

describe('postWebhook', () => {
  let server: TestHttp | undefined;
  afterEach(() => server?.close());

  it('retries once after a 429, waiting the Retry-After the server asked for', async () => {
    server = await startHttp((_req, n) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' } : { body: 'ok' }));
    const result = await postWebhook(`${server.url}/hook`, { text: 'hi' });
    expect(result).toMatchObject({ status: 200, attempts: 2 });
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(second?.body).toBe('{"text":"hi"}');
  });

  it('retries a 5xx once and then fails with the status, naming the host but not the secret path', async () => {
    server = await startHttp(() => ({ status: 503, body: 'upstream down' }));
    const err = await caught(postWebhook(`${server.url}${SECRET_PATH}`, {}, { channel: 'slack', defaultRetryMs: 10 }));
    expect(server.requests).toHaveLength(2);
    expect(err.kind).toBe('rejected');
    expect(err.status).toBe(503);
    expect(err.message).toBe(`[slack] webhook at ${new URL(server.url).host} answered 503: upstream down`);
    expect(err.message).not.toContain('SECRET');
  });

  it('does not wait for a Retry-After longer than allowed; fails as rate-limited', async () => {
    server = await startHttp(() => ({ status: 429, headers: { 'retry-after': '3600' }, body: 'slow down' }));
    const err = await caught(postWebhook(`${server.url}/hook`, {}, { maxRetryAfterMs: 2000 }));
    expect(server.requests).toHaveLength(1);
    expect(err.kind).toBe('rate-limited');
  });

  it('does not retry a 4xx: a revoked Slack webhook is one request and a clear error', async () => {
    server = await startHttp(() => ({ status: 404, body: 'no_service' }));
    const err = await caught(postWebhook(`${server.url}${SECRET_PATH}`, {}, { channel: 'slack' }));
    expect(server.requests).toHaveLength(1);
    expect(err.message).toMatch(/^\[slack\] webhook at 127\.0\.0\.1:\d+ answered 404: no_service$/);
  });

  it('a 403 is an auth failure', async () => {
    server = await startHttp(() => ({ status: 403, body: 'invalid_token' }));
    const err = await caught(postWebhook(`${server.url}/x`, {}, { channel: 'slack' }));
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/refused the request \(403\): invalid_token$/);
  });

  it('treats a 200 whose JSON body carries an error code as a refusal (Feishu style)', async () => {
    server = await startHttp(() => ({ body: '{"code":19024,"msg":"Key Words Not Found","data":{}}', headers: { 'content-type': 'application/json' } }));
    const err = await caught(postWebhook(`${server.url}/open-apis/bot/v2/hook/SECRET`, {}, { channel: 'feishu' }));
    expect(err.message).toMatch(/^\[feishu\] webhook at 127\.0\.0\.1:\d+ refused the message: code 19024: Key Words Not Found$/);
  });

  it('does not follow a redirect (fetch would resend the POST as an empty GET): a 3xx fails naming where it points', async () => {
    const moved = (host: string | undefined) => `http://${host ?? ''}/moved${SECRET_PATH}`;
    server = await startHttp((req) => (req.method === 'POST' ? { status: 302, headers: { location: moved(req.headers.host) }, body: '' } : { body: 'ok' }));
    const err = await caught(postWebhook(`${server.url}${SECRET_PATH}`, { text: 'hi' }, { channel: 'slack' }));
    expect(server.requests.map((r) => r.method)).toEqual(['POST']);
    expect(err.kind).toBe('rejected');
    expect(err.status).toBe(302);
    expect(err.message).toMatch(/^\[slack\] webhook at 127\.0\.0\.1:\d+ answered 302 redirecting to http:\/\/127\.0\.0\.1:\d+\/…; redirects are not followed/);
    expect(err.message).not.toContain('SECRET');
  });

  it('times out a server that never answers', async () => {
    server = await startHttp(() => ({ hang: true }));
    const err = await caught(postWebhook(`${server.url}/hook`, {}, { timeoutMs: 300 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/no answer from 127\.0\.0\.1:\d+ within 0\.3 s$/);
  });

  it('a port fetch refuses to use keeps its reason', async () => {
    const err = await caught(postWebhook(`http://127.0.0.1:6000${SECRET_PATH}`, {}));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe('[webhook] cannot reach 127.0.0.1:6000: bad port (fetch refuses to connect to this port; use another)');
  });

  it('an unreachable host is one line that names the host only', async () => {
    const port = await closedPort();
    const err = await caught(postWebhook(`http://127.0.0.1:${port}${SECRET_PATH}`, {}));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(`[webhook] cannot reach 127.0.0.1:${port}: ECONNREFUSED`);
    expect(err.cause).toBeUndefined();
  });
});
