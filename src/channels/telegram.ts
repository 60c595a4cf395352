/**
 * Telegram bot messages (`sendMessage`, `parse_mode: "HTML"`): only tags Telegram allows (`b`, `i`, `a`), text
 * escaped for `<`, `>`, `&` (and `"` in links). A message may hold 4096 characters; the day is split at paper
 * boundaries into at most `maxMessages` messages, and a paper that would not fit alone is shortened before
 * escaping, so a cut never lands inside a tag or an entity.
 */
import type { Digest } from '../types.js';
import { bodyExcerpt, hostOf, postJson } from './_http.js';
import type { HttpOptions } from './_http.js';
import { chatDigest, fitEscaped } from './_chat.js';
import type { ChatOptions, ChatPaper } from './_chat.js';
import { morePapers } from './select.js';
import { DeliveryError } from './errors.js';

export const TELEGRAM_MAX_LENGTH = 4096;

const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;

/** A bot token as @BotFather issues it (DIGITS:KEY); only such a token goes into the request path. */
export function telegramTokenOk(token: string): boolean {
  return TOKEN.test(token);
}

export interface TelegramOptions extends ChatOptions {
  /** @default 3 */
  maxMessages?: number;
  /** @default TELEGRAM_MAX_LENGTH */
  maxLength?: number;
}

export function escapeTelegram(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function href(url: string): string {
  return escapeTelegram(url).replace(/"/g, '&quot;');
}

function paperBlock(p: ChatPaper, max: number): string {
  const reader = p.reader ? ` · <a href="${href(p.reader)}">reader</a>` : '';
  const title = `<b>${p.n}. <a href="${href(p.abs)}">${fitEscaped(p.title, 500, escapeTelegram)}</a></b>${reader}`;
  const authors = `<i>${fitEscaped(p.authors, 300, escapeTelegram)}</i>`;
  const why = p.why ? `\n<i>Why: ${fitEscaped(p.why, 400, escapeTelegram)}</i>` : '';
  const room = max - title.length - authors.length - why.length - 2;
  return `${title}\n${authors}\n${fitEscaped(p.tldr, Math.max(0, room), escapeTelegram)}${why}`;
}

/** The day's top papers as one or more HTML messages, each at most `maxLength` characters. */
export function telegramMessage(digest: Digest, options: TelegramOptions = {}): string[] {
  const chat = chatDigest(digest, options);
  const maxLength = options.maxLength ?? TELEGRAM_MAX_LENGTH;
  const maxMessages = Math.max(1, options.maxMessages ?? 3);
  const reader = chat.reader ? `\n<a href="${href(chat.reader)}">Open the reader</a>` : '';
  const head = `<b>${fitEscaped(chat.heading, 200, escapeTelegram)}</b>\n${escapeTelegram(chat.intro)}${reader}`;
  // Reserve room in the last message for "…and N more" and the acknowledgement.
  const tailRoom = 200;
  const blockMax = Math.min(1500, maxLength - tailRoom - 2);
  const messages: string[] = [head];
  let shown = 0;
  for (const p of chat.papers) {
    const block = paperBlock(p, blockMax);
    const last = messages.length - 1;
    const limit = messages.length === maxMessages ? maxLength - tailRoom : maxLength;
    if ((messages[last] ?? '').length + 2 + block.length <= limit) messages[last] = `${messages[last]}\n\n${block}`;
    else if (messages.length < maxMessages) messages.push(block);
    else break;
    shown++;
  }
  const more = chat.more + chat.papers.length - shown;
  const tail = [
    ...(more > 0 ? [`…and ${morePapers(more)}${chat.reader ? ' in the reader' : ''}.`] : []),
    `<i>${escapeTelegram(chat.acknowledgement)}</i>`,
  ].join('\n');
  const last = messages.length - 1;
  const withTail = `${messages[last]}\n\n${tail}`;
  if (withTail.length <= maxLength) messages[last] = withTail;
  else if (messages.length < maxMessages) messages.push(tail);
  return messages;
}

export interface TelegramTarget {
  /** Bot token from @BotFather; a secret: it is in the request path and never in an error message. */
  token: string;
  /** Chat id (number) or `@channelusername`. */
  chatId: string | number;
  /** @default 'https://api.telegram.org' */
  apiUrl?: string;
}

export interface TelegramResult {
  messageIds: number[];
}

/** Send the messages in order; stops at the first failure. */
export async function sendTelegram(target: TelegramTarget, text: string | readonly string[], options: HttpOptions = {}): Promise<TelegramResult> {
  const apiUrl = (target.apiUrl ?? 'https://api.telegram.org').replace(/\/+$/, '');
  const host = hostOf(apiUrl);
  // Checked so that it can go into the path as is; the message never repeats it.
  if (!telegramTokenOk(target.token)) throw new DeliveryError('telegram', 'auth', 'bot token is malformed (expected DIGITS:KEY from @BotFather)');
  const url = `${apiUrl}/bot${target.token}/sendMessage`;
  const messageIds: number[] = [];
  for (const message of typeof text === 'string' ? [text] : text) {
    const payload = { chat_id: target.chatId, text: message, parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
    const answer = await postJson('telegram', url, payload, options);
    const parsed = parseAnswer(answer.body);
    if (answer.status === 200 && parsed.ok) {
      messageIds.push(parsed.messageId ?? 0);
      continue;
    }
    throw telegramError(answer.status, redact(parsed.description ?? bodyExcerpt(answer.body), target.token), host);
  }
  return { messageIds };
}

function parseAnswer(body: string): { ok: boolean; description?: string; messageId?: number } {
  try {
    const json = JSON.parse(body) as { ok?: unknown; description?: unknown; result?: { message_id?: unknown } };
    return {
      ok: json.ok === true,
      ...(typeof json.description === 'string' ? { description: json.description } : {}),
      ...(typeof json.result?.message_id === 'number' ? { messageId: json.result.message_id } : {}),
    };
  } catch {
    return { ok: false };
  }
}

function telegramError(status: number, description: string, host: string): DeliveryError {
  if (status === 401 || status === 404) {
    // The Bot API answers 404 for a malformed token and 401 for a revoked one.
    return new DeliveryError('telegram', 'auth', `bot token refused by ${host} (${status}): ${description}`, { status });
  }
  if (status === 429) return new DeliveryError('telegram', 'rate-limited', `rate-limited by ${host} (429): ${description}`, { status });
  return new DeliveryError('telegram', 'rejected', `sendMessage refused by ${host} (${status}): ${description}`, { status });
}

function redact(text: string, token: string): string {
  return token ? text.split(token).join('***') : text;
}
