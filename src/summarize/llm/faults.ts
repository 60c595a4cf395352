/**
 * Every way a chat-completions call can fail, classified once (llm.md §4.1) so the rest of the summarizer
 * only asks "retry?", "step the output mode down?", "fall back for this paper?" or "stop the run?".
 */

export type FaultKind =
  | 'rate_limit' // 429 without a quota code: wait and retry, slow down
  | 'server' // 5xx: retry with backoff
  | 'timeout' // no answer in time: retry, slow down
  | 'network' // reset, refused, DNS: retry
  | 'quota' // insufficient_quota, 402 balance: stop the run
  | 'auth' // 401/403: stop the run
  | 'not_found' // unknown model or endpoint: stop the run
  | 'moderation' // content filter (DeepSeek "Content Exists Risk", finish_reason content_filter): fall back
  | 'format_unsupported' // 400/422 about response_format: next output mode
  | 'param_unsupported' // max_tokens / temperature rejected: adjust and retry
  | 'too_large' // a body over the size cap (client.ts): fall back for this paper, asking again costs as much
  | 'bad_request'; // any other 4xx: fall back for this paper

export class LlmFault extends Error {
  readonly kind: FaultKind;
  readonly status: number | undefined;
  /** Delay the server asked for, in ms (retry-after-ms, retry-after, x-ratelimit-reset-*). */
  readonly retryAfterMs: number | undefined;
  /** For param_unsupported: which parameter. */
  readonly param: 'max_tokens' | 'temperature' | undefined;

  constructor(kind: FaultKind, message: string, extra: { status?: number; retryAfterMs?: number; param?: 'max_tokens' | 'temperature'; cause?: unknown } = {}) {
    super(message, { cause: extra.cause });
    this.name = 'LlmFault';
    this.kind = kind;
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
    this.param = extra.param;
  }

  get transient(): boolean {
    return this.kind === 'rate_limit' || this.kind === 'server' || this.kind === 'timeout' || this.kind === 'network';
  }

  /** The run cannot go on with this endpoint. */
  get stopsRun(): boolean {
    return this.kind === 'quota' || this.kind === 'auth' || this.kind === 'not_found';
  }
}

const QUOTA_CODES = /insufficient_quota|credit_balance_exhausted|spend_limit_exceeded|usage_limit_exceeded|billing/i;
const FORMAT_WORDS = /response_format|json_schema|json_object|structured output|This response_format type is unavailable/i;

/** The error text of an OpenAI-style body `{error: {message, type, code, param}}`, or the raw text. */
export function errorText(body: string): { message: string; type: string; code: string; param: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; type?: unknown; code?: unknown; param?: unknown } | string; message?: unknown };
    const e = typeof parsed.error === 'object' && parsed.error !== null ? parsed.error : { message: parsed.error ?? parsed.message };
    const s = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
    return { message: s(e.message) || body.slice(0, 200), type: s((e as { type?: unknown }).type), code: s((e as { code?: unknown }).code), param: s((e as { param?: unknown }).param) };
  } catch {
    return { message: body.trim().slice(0, 200), type: '', code: '', param: '' };
  }
}

/** Classify a non-2xx answer. */
export function classifyHttp(status: number, body: string, headers: Record<string, string | string[] | undefined>): LlmFault {
  const e = errorText(body);
  const what = `HTTP ${status}: ${oneLine(e.message)}`;
  const all = `${e.message} ${e.type} ${e.code}`;
  if (status === 429) {
    if (QUOTA_CODES.test(all)) return new LlmFault('quota', `quota exhausted (${what})`, { status });
    return new LlmFault('rate_limit', `rate limited (${what})`, { status, retryAfterMs: retryAfterMs(headers) });
  }
  if (status === 402) return new LlmFault('quota', `payment required (${what})`, { status });
  if (status === 401 || status === 403) return new LlmFault('auth', `not authorised: check OPENAI_API_KEY (${what})`, { status });
  if (/Content Exists Risk|content[_ ]filter|content management policy|flagged/i.test(all)) return new LlmFault('moderation', `rejected by the provider's moderation (${what})`, { status });
  if (status === 408) return new LlmFault('timeout', `request timeout (${what})`, { status });
  if (status >= 500) return new LlmFault('server', `server error (${what})`, { status, retryAfterMs: retryAfterMs(headers) });
  if (/unsupported_parameter|max_completion_tokens/i.test(all) && /max_tokens/i.test(all)) return new LlmFault('param_unsupported', what, { status, param: 'max_tokens' });
  if (/unsupported_value|temperature/i.test(all) && /temperature/i.test(`${e.param} ${e.message}`)) return new LlmFault('param_unsupported', what, { status, param: 'temperature' });
  if ((status === 400 || status === 422) && FORMAT_WORDS.test(all)) return new LlmFault('format_unsupported', what, { status });
  if (status === 404 && /No endpoints found/i.test(all)) return new LlmFault('format_unsupported', what, { status });
  if (status === 404) return new LlmFault('not_found', `model or endpoint not found (${what})`, { status });
  return new LlmFault('bad_request', what, { status });
}

/** Classify a thrown transport error (undici or fetch). */
export function classifyThrown(err: unknown, timeoutMs: number): LlmFault {
  const e = err as { name?: string; code?: string; message?: string };
  const name = `${e.name ?? ''} ${e.code ?? ''}`;
  if (/Timeout|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|UND_ERR_CONNECT_TIMEOUT|TimeoutError/i.test(name)) {
    return new LlmFault('timeout', `no answer within ${Math.round(timeoutMs / 1000)} s`, { cause: err });
  }
  return new LlmFault('network', `connection failed: ${oneLine(e.message ?? String(err))}${e.code ? ` (${e.code})` : ''}`, { cause: err });
}

/** Delay asked for by the server: `retry-after-ms`, `retry-after` (seconds or date), else `x-ratelimit-reset-*` (e.g. "1s", "6m0s", "200ms"). */
export function retryAfterMs(headers: Record<string, string | string[] | undefined>, now = Date.now()): number | undefined {
  const h = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const ms = Number(h('retry-after-ms'));
  if (h('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = h('retry-after');
  if (ra !== undefined) {
    const secs = Number(ra);
    if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const resets = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens'].map((n) => goDuration(h(n))).filter((x): x is number => x !== undefined);
  return resets.length > 0 ? Math.max(...resets) : undefined;
}

/** Go-style duration ("1s", "6m0s", "250ms", "0.3s") in ms. */
export function goDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = false;
  for (const m of text.matchAll(re)) {
    matched = true;
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
  }
  return matched ? total : undefined;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 200);
}
