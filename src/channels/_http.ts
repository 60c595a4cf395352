/**
 * POST JSON for the chat channels: a timeout on every attempt, one retry on 429/5xx that honours Retry-After,
 * and errors that name the host only (webhook URLs and bot tokens are secrets; neither appears in a message).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { plainText, truncate } from './_text.js';
import { DeliveryError } from './errors.js';
import type { DeliveryChannel } from './errors.js';

export interface HttpOptions {
  /**
   * Per attempt, connection and answer together.
   * @default 15000
   */
  timeoutMs?: number;
  /**
   * Longest Retry-After we wait before the one retry; a longer one fails at once as rate-limited.
   * @default 30000
   */
  maxRetryAfterMs?: number;
  /** Wait when a 429/5xx gives no Retry-After. @default 1000 */
  defaultRetryMs?: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  attempts: number;
}

/** POST `payload` as JSON. Resolves with any HTTP answer (the caller judges it); rejects only on no answer. */
export async function postJson(channel: DeliveryChannel, url: string, payload: unknown, options: HttpOptions = {}): Promise<HttpAnswer> {
  const host = hostOf(url);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const body = JSON.stringify(payload);
  for (let attempt = 1; ; attempt++) {
    const answer = await attemptPost(channel, url, host, body, timeoutMs);
    const retryable = answer.status === 429 || answer.status >= 500;
    if (!retryable || attempt >= 2) return { ...answer, attempts: attempt };
    const wait = retryDelayMs(answer.headers, answer.body) ?? options.defaultRetryMs ?? 1000;
    if (wait > (options.maxRetryAfterMs ?? 30_000)) return { ...answer, attempts: attempt };
    await sleep(wait);
  }
}

async function attemptPost(channel: DeliveryChannel, url: string, host: string, body: string, timeoutMs: number) {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      // Following would resend the POST as a GET without the message, and the final 200 would look delivered.
      redirect: 'manual',
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      throw redirected(channel, url, host, res);
    }
    return { status: res.status, headers: res.headers, body: await res.text() };
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    // No `cause`: undici's errors can carry the request URL, which holds the webhook secret or the bot token.
    if (isTimeout(err)) throw new DeliveryError(channel, 'timeout', `no answer from ${host} within ${timeoutMs / 1000} s`);
    throw new DeliveryError(channel, 'unreachable', `cannot reach ${host}: ${networkCode(err)}`);
  }
}

/**
 * A 3xx answer: the URL has moved (often http → https). The Location is named by its origin only: its path is
 * usually the same secret webhook path or bot token.
 */
function redirected(channel: DeliveryChannel, url: string, host: string, res: Response): DeliveryError {
  const location = res.headers.get('location');
  let target = 'nowhere (no Location)';
  try {
    if (location) {
      const to = new URL(location, url);
      target = `${to.origin}${to.pathname === '/' && !to.search ? '/' : '/…'}`;
    }
  } catch {
    target = 'an invalid Location';
  }
  const what = channel === 'telegram' ? 'Bot API at' : 'webhook at';
  const message = `${what} ${host} answered ${res.status} redirecting to ${target}; redirects are not followed (the message would arrive as an empty GET): use the URL it points to`;
  return new DeliveryError(channel, 'rejected', message, { status: res.status });
}

/** Retry-After in seconds or as an HTTP date; Telegram puts it in the body as `parameters.retry_after`. */
export function retryDelayMs(headers: Headers, body: string): number | null {
  const header = headers.get('retry-after');
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header.trim())) return Math.ceil(Number(header) * 1000);
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  try {
    const retry = (JSON.parse(body) as { parameters?: { retry_after?: unknown } }).parameters?.retry_after;
    if (typeof retry === 'number' && retry >= 0) return Math.ceil(retry * 1000);
  } catch {
    // not JSON: no hint
  }
  return null;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/** ECONNREFUSED, ENOTFOUND …: undici wraps them as `TypeError: fetch failed` with the system error as cause. */
function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; errors?: { code?: unknown }[]; message?: unknown } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (typeof code === 'string') return code;
  // fetch's blocked ports (6000 X11, 6665–6669 IRC …) fail before any connection, with only this cause.
  if (cause?.message === 'bad port') return 'bad port (fetch refuses to connect to this port; use another)';
  return err instanceof Error ? err.message : String(err);
}

/** A server's error body as one short line for a message. */
export function bodyExcerpt(body: string): string {
  return truncate(plainText(body), 200) || '(empty body)';
}
