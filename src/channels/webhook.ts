/**
 * Incoming webhooks (Slack, Feishu/Lark): POST the payload, accept a 2xx answer unless its JSON body reports an
 * error code (Feishu answers HTTP 200 with `{"code": 19021, "msg": "sign match fail …"}`).
 */
import { bodyExcerpt, hostOf, postJson } from './_http.js';
import type { HttpOptions } from './_http.js';
import { DeliveryError } from './errors.js';
import type { DeliveryChannel } from './errors.js';

export interface WebhookOptions extends HttpOptions {
  /** Names the channel in error messages. @default 'webhook' */
  channel?: DeliveryChannel;
}

export interface WebhookResult {
  status: number;
  body: string;
  attempts: number;
}

export async function postWebhook(url: string, payload: unknown, options: WebhookOptions = {}): Promise<WebhookResult> {
  const channel = options.channel ?? 'webhook';
  const host = hostOf(url);
  if (!/^https?:\/\//i.test(url)) throw new DeliveryError(channel, 'rejected', `webhook URL must be http(s), got host ${host}`);
  const answer = await postJson(channel, url, payload, options);
  const { status, body } = answer;
  if (status === 429) throw new DeliveryError(channel, 'rate-limited', `webhook at ${host} is rate-limiting (429) after ${answer.attempts} attempts`, { status });
  if (status === 401 || status === 403) throw new DeliveryError(channel, 'auth', `webhook at ${host} refused the request (${status}): ${bodyExcerpt(body)}`, { status });
  if (status < 200 || status >= 300) throw new DeliveryError(channel, 'rejected', `webhook at ${host} answered ${status}: ${bodyExcerpt(body)}`, { status });
  const code = bodyErrorCode(body);
  if (code) throw new DeliveryError(channel, 'rejected', `webhook at ${host} refused the message: ${code}`, { status });
  return answer;
}

/** "code 19021: sign match fail …" when a JSON body carries a non-zero `code` (or legacy `StatusCode`). */
function bodyErrorCode(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const code = record.code ?? record.StatusCode;
  if (code === undefined || code === 0 || code === '0') return null;
  const msg = record.msg ?? record.StatusMessage ?? '';
  return `code ${String(code)}${msg ? `: ${bodyExcerpt(String(msg))}` : ''}`;
}
