/**
 * Scenarios that answer with an HTTP fault: mode and parameter rejections, rate limits, quota, moderation,
 * server errors and connection faults. Texts are the providers' own (sources in ../shared/docs/llm.md §1–§4).
 * Mode rejections only hit the rejected mode, so a client can step down the ladder and get an answer.
 */
import { mentionsJson } from './prompt.js';
import { ANSWER, byMode } from './scripts.js';
import type { Behaviour, Script } from './types.js';

export interface ErrorFields {
  type?: string;
  code?: string | null;
  param?: string | null;
  headers?: Record<string, string>;
}

/** An OpenAI-shaped error: `{ "error": { "message", "type", "param", "code" } }`. */
export function openAiError(status: number, message: string, f: ErrorFields = {}): Behaviour {
  const error = { message, type: f.type ?? 'invalid_request_error', param: f.param ?? null, code: f.code ?? null };
  return { kind: 'error', status, body: { error }, ...(f.headers ? { headers: f.headers } : {}) };
}

/** DeepSeek writes `invalid_request_error` as the code too. */
const deepSeek = (status: number, message: string, type = 'invalid_request_error'): Behaviour =>
  openAiError(status, message, { type, code: 'invalid_request_error' });

const rateLimited = (wait: string, headers: Record<string, string>): Behaviour =>
  openAiError(429, `Rate limit reached for requests per min (RPM). Please try again in ${wait}.`, {
    type: 'requests',
    code: 'rate_limit_exceeded',
    headers,
  });

export const faultScenarios = {
  /** DeepSeek: json_schema → 400 "This response_format type is unavailable now". */
  jsonSchemaRejectedDeepSeek: (): Script => byMode({ json_schema: deepSeek(400, 'This response_format type is unavailable now') }),
  /** OpenAI (older models): json_schema → 400; with `alsoJsonObject`, json_object too (old/Azure deployments). */
  jsonSchemaRejectedOpenAI: (o: { alsoJsonObject?: boolean } = {}): Script => {
    const reject = (mode: string) =>
      openAiError(400, `Invalid parameter: 'response_format' of type '${mode}' is not supported with this model.`, { param: 'response_format' });
    return byMode({ json_schema: reject('json_schema'), ...(o.alsoJsonObject ? { json_object: reject('json_object') } : {}) });
  },
  /** DeepSeek (older): json_schema → 422 "Failed to deserialize …". */
  mode422: (): Script =>
    byMode({
      json_schema: deepSeek(422, 'Failed to deserialize the JSON body into the target type: response_format: `json_schema` is unavailable now'),
    }),
  /** OpenRouter with `provider.require_parameters`: json_schema → 404 (with the option: only when it is set). */
  openRouterNoEndpoints: (o: { onlyWithRequireParameters?: boolean } = {}): Script => {
    const notFound = openAiError(404, 'No endpoints found that can handle the requested parameters.', { type: 'not_found', code: '404' });
    return byMode({
      json_schema: (req) => (o.onlyWithRequireParameters && req.body.provider?.require_parameters !== true ? ANSWER : notFound),
    });
  },
  /** Reasoning-class models: any `max_tokens` → 400 unsupported_parameter. */
  maxTokensUnsupported: (): Script => (req) =>
    req.body.max_tokens === undefined
      ? ANSWER
      : openAiError(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", {
          param: 'max_tokens',
          code: 'unsupported_parameter',
        }),
  /** Reasoning-class models: a `temperature` other than 1 → 400 unsupported_value. */
  temperatureUnsupported: (): Script => (req) =>
    req.body.temperature === undefined || req.body.temperature === 1
      ? ANSWER
      : openAiError(
          400,
          `Unsupported value: 'temperature' does not support ${req.body.temperature} with this model. Only the default (1) value is supported.`,
          { param: 'temperature', code: 'unsupported_value' },
        ),
  /** DeepSeek: json_object without the word "json" in any message → 400. */
  needsJsonWord: (): Script => (req) =>
    req.mode === 'json_object' && !mentionsJson(req.body)
      ? deepSeek(400, "Prompt must contain the word 'json' in some form to use 'response_format' of type 'json_object'.")
      : ANSWER,

  /** 429 with `retry-after` in seconds. */
  rateLimitRetryAfter: (seconds = 1): Behaviour => rateLimited(`${seconds}s`, { 'retry-after': String(seconds) }),
  /** 429 with `retry-after-ms`. */
  rateLimitRetryAfterMs: (ms = 200): Behaviour => rateLimited(`${ms}ms`, { 'retry-after-ms': String(ms) }),
  /** 429 with only OpenAI's `x-ratelimit-*` headers (Go-style durations), no retry-after. */
  rateLimitResetHeaders: (o: { requests?: string; tokens?: string } = {}): Behaviour =>
    rateLimited(o.tokens ?? '1s', {
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': o.requests ?? '300ms',
      'x-ratelimit-limit-tokens': '150000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': o.tokens ?? '1s',
    }),
  /** OpenAI quota/billing 429 (`code` may be credit_balance_exhausted, organization_spend_limit_exceeded …). */
  quota: (code = 'insufficient_quota'): Behaviour =>
    openAiError(429, 'You exceeded your current quota, please check your plan and billing details.', { type: 'insufficient_quota', code }),
  /** DeepSeek 402 Insufficient Balance. */
  payment402: (): Behaviour => deepSeek(402, 'Insufficient Balance', 'unknown_error'),
  unauthorized401: (): Behaviour =>
    openAiError(401, 'Incorrect API key provided: sk-fake. You can find your API key at https://platform.openai.com/account/api-keys.', {
      code: 'invalid_api_key',
    }),
  /** DeepSeek moderation: 400 "Content Exists Risk". */
  moderation: (): Behaviour => deepSeek(400, 'Content Exists Risk'),
  server500: (): Behaviour =>
    openAiError(500, 'The server had an error while processing your request. Sorry about that!', { type: 'server_error' }),
  server503: (): Behaviour =>
    openAiError(503, 'The server is overloaded due to high traffic. Please try again later.', { type: 'server_error', code: 'server_overloaded' }),
  /** Connection reset before any byte. */
  reset: (): Behaviour => ({ kind: 'reset' }),
  /** Headers only after `ms` (test client timeouts with a short configured timeout). */
  slowHeaders: (ms: number, then: Behaviour = ANSWER): Behaviour => ({ kind: 'slowHeaders', ms, then }),
  hang: (): Behaviour => ({ kind: 'hang' }),
};
