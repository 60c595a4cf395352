/**
 * Small pieces of the arXiv client: one HTTP attempt (timeout over headers and body, body read that knows
 * how many bytes arrived before a cut), Retry-After parsing and the User-Agent string.
 */
import { SourceError } from '../errors.js';
import { packageVersion } from '../paths.js';
import { decodeBody } from './_decode.js';

const HOMEPAGE = 'https://github.com/preprint-digest/preprint-digest';

/** The package version, for the User-Agent. */
export function toolVersion(): string {
  try {
    return packageVersion();
  } catch {
    return '0.0.0';
  }
}

export function userAgent(version: string, contact?: string | null): string {
  const mail = contact?.trim() ? `; mailto:${contact.trim()}` : '';
  return `preprint-digest/${version} (+${HOMEPAGE}${mail})`;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * What one attempt produced: a response, or an error that may be retried (after `waitMs`, if the server said).
 * A redirect is an unretried error carrying its absolute `redirect` target, which the client may follow.
 */
export type Attempt =
  | { ok: true; status: number; headers: Headers; body: string }
  | { ok: false; error: SourceError; retry: boolean; waitMs: number | null; redirect?: string };

export interface AttemptResult {
  result: Attempt;
  /** `performance.now()` when the server answered (headers arrived) or the attempt failed. */
  answeredAt: number;
}
type Failure = Extract<Attempt, { ok: false }>;

export interface AttemptOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  headers: Record<string, string>;
  acceptStatus: readonly number[];
  maxRetryAfterMs: number;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function fail(code: 'E_FETCH' | 'E_PARSE', message: string, url: string, retry: boolean, status?: number): Failure {
  return { ok: false, error: new SourceError(code, message, { url, status }), retry, waitMs: null };
}

function networkFailure(err: unknown, url: string, timeoutMs: number, phase: string): Failure {
  if (err instanceof Error && err.name === 'TimeoutError') {
    return fail('E_FETCH', `no complete answer from ${url} within ${seconds(timeoutMs)} (${phase})`, url, true);
  }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const why = (cause as { code?: string })?.code ?? (cause instanceof Error ? cause.message : String(cause));
  return fail('E_FETCH', `could not reach ${new URL(url).host}: ${why}`, url, true);
}

/** Read the body chunk by chunk so a cut connection reports how much arrived; decoding waits for the whole. */
async function readBody(res: Response): Promise<{ chunks: Uint8Array[]; error?: unknown; bytes: number }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (!res.body) return { chunks, bytes };
  try {
    for await (const chunk of res.body) {
      bytes += chunk.byteLength;
      chunks.push(chunk);
    }
    return { chunks, bytes };
  } catch (error) {
    return { chunks, error, bytes };
  }
}

/** The body as text in the encoding it states (see decodeBody); a body that does not decode is not retried. */
function decoded(res: Response, chunks: Uint8Array[], url: string): Attempt {
  try {
    const body = decodeBody(Buffer.concat(chunks), res.headers.get('content-type'), `response from ${url}`, url);
    return { ok: true, status: res.status, headers: res.headers, body };
  } catch (err) {
    if (!(err instanceof SourceError)) throw err;
    return fail('E_PARSE', err.detail, url, false, res.status);
  }
}

/** One request, classified, with the time it was answered; never throws. */
export async function attempt(url: string, opts: AttemptOptions): Promise<AttemptResult> {
  let res: Response;
  try {
    // 'manual': fetch would follow up to 20 hops at once; the client follows each in its paced turn instead.
    res = await opts.fetch(url, { headers: opts.headers, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs) });
  } catch (err) {
    return { result: networkFailure(err, url, opts.timeoutMs, 'waiting for headers'), answeredAt: performance.now() };
  }
  const answeredAt = performance.now();
  return { result: await classify(res, url, opts), answeredAt };
}

const REDIRECTS = [301, 302, 303, 307, 308];

/** A 3xx with a usable Location: its absolute target; otherwise a failure naming what is wrong. */
function redirect(res: Response, url: string): Failure {
  const location = res.headers.get('location');
  let target: URL | null;
  try {
    target = location ? new URL(location, url) : null;
  } catch {
    target = null;
  }
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    return fail('E_FETCH', `HTTP ${res.status} from ${url} without a usable Location (${location ?? 'none'})`, url, false, res.status);
  }
  return { ...fail('E_FETCH', `HTTP ${res.status} from ${url} to ${target.href}`, url, false, res.status), redirect: target.href };
}

async function classify(res: Response, url: string, opts: AttemptOptions): Promise<Attempt> {
  const { status } = res;
  if (REDIRECTS.includes(status)) {
    await res.body?.cancel().catch(() => undefined);
    return redirect(res, url);
  }
  if (status === 403) {
    await res.body?.cancel().catch(() => undefined);
    return fail('E_FETCH', `arXiv denied access (HTTP 403) to ${url}; stopping, not retrying`, url, false, status);
  }
  if (status === 429 || status >= 500) {
    await res.body?.cancel().catch(() => undefined);
    const waitMs = parseRetryAfter(res.headers.get('retry-after'));
    if (waitMs !== null && waitMs > opts.maxRetryAfterMs) {
      const msg = `HTTP ${status} from ${url} asks to retry after ${seconds(waitMs)}, more than the ${seconds(opts.maxRetryAfterMs)} limit; try again later`;
      return fail('E_FETCH', msg, url, false, status);
    }
    return { ...fail('E_FETCH', `HTTP ${status} from ${url}`, url, true, status), waitMs };
  }
  if (!res.ok && !opts.acceptStatus.includes(status)) {
    await res.body?.cancel().catch(() => undefined);
    return fail('E_FETCH', `HTTP ${status} from ${url}`, url, false, status);
  }
  const read = await readBody(res);
  if (read.error === undefined) return decoded(res, read.chunks, url);
  if (read.error instanceof Error && read.error.name === 'TimeoutError') {
    return networkFailure(read.error, url, opts.timeoutMs, `after ${read.bytes} bytes of the body`);
  }
  // errors.ts files a truncated body under E_PARSE; it is still worth another try.
  return fail('E_PARSE', `response from ${url} was cut off after ${read.bytes} bytes (connection closed)`, url, true, status);
}
