import { parse as parseHtml } from 'node-html-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/channels/errors.js';
import { TELEGRAM_MAX_LENGTH, sendTelegram, telegramMessage } from '../../src/channels/telegram.js';
import { HOSTILE_AUTHOR, HOSTILE_TITLE, HOSTILE_TLDR, bigDay, hostileDay, lowScoredDay, rankedDay } from './digests.js';
import { startHttp } from './http.js';
import type { TestHttp } from './http.js';
import { closedPort } from './smtp.js';

const SITE = 'https://someone.github.io/preprint-digest/';
const TOKEN = '123456789:AAFakeTokenForTests_0123456789abcdefgh';
const ALLOWED = new Set(['b', 'i', 'a']);

/** Telegram's HTML rules: allowed tags only, balanced, `a` with an href only, every `&` an entity. */
function expectTelegramHtml(message: string): void {
  const stack: string[] = [];
  for (const m of message.matchAll(/<(\/?)([a-zA-Z-]+)([^>]*)>/g)) {
    const [, close, tag = '', attrs = ''] = m;
    expect(ALLOWED.has(tag), `tag <${tag}>`).toBe(true);
    if (close) expect(stack.pop()).toBe(tag);
    else {
      stack.push(tag);
      expect(attrs).toMatch(tag === 'a' ? /^ href="https:\/\/[^"<>]+"$/ : /^$/);
    }
  }
  expect(stack).toEqual([]);
  expect(message.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]/);
  expect(message).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
}

/** What the chat shows: tags gone, entities decoded. */
function visible(message: string): string {
  return parseHtml(message).text;
}

function botServer(): Promise<TestHttp> {
  let id = 100;
  return startHttp((req) => {
    const json = (status: number, body: object) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (req.path !== `/bot${TOKEN}/sendMessage`) return json(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const body = JSON.parse(req.body) as { chat_id: unknown; text: string; parse_mode: string };
    if (body.parse_mode !== 'HTML' || body.chat_id !== '@digest') return json(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    if (body.text.length > TELEGRAM_MAX_LENGTH) return json(400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    return json(200, { ok: true, result: { message_id: ++id } });
  });
}

describe('telegramMessage / sendTelegram', () => {
  let server: TestHttp | undefined;
  afterEach(() => server?.close());

  it('sends an HTML message with allowed tags only; hostile text shows as written', async () => {
    server = await botServer();
    const messages = telegramMessage(hostileDay(), { siteUrl: SITE });
    expect(messages).toHaveLength(1);
    const result = await sendTelegram({ token: TOKEN, chatId: '@digest', apiUrl: server.url }, messages);
    expect(result.messageIds).toEqual([101]);
    const sent = JSON.parse(server.requests[0]?.body ?? '{}') as { text: string; link_preview_options: unknown };
    expect(sent.link_preview_options).toEqual({ is_disabled: true });
    expectTelegramHtml(sent.text);
    const text = visible(sent.text);
    expect(text).toContain(`1. ${HOSTILE_TITLE}`);
    expect(text).toContain(`${HOSTILE_AUTHOR}, Bob`);
    expect(text).toContain(HOSTILE_TLDR);
    expect(text.startsWith('preprint-digest · 2026-02-02\n6 papers (cs.LG 5 · stat.ML 1)\nOpen the reader')).toBe(true);
    expect(text.trimEnd().endsWith('Thank you to arXiv for use of its open access interoperability.')).toBe(true);
  });

  it('shows For-you papers with reasons on a ranked day', () => {
    const day = rankedDay();
    const [message = ''] = telegramMessage(day, { limit: 3 });
    expect(visible(message)).toContain(`1. A study of ${day.forYou?.[0]}`);
    expect(visible(message)).toContain('Why: 0.75 · matched "diffusion"');
    expect(message).toContain('follows A. &lt;Author&gt;');
  });

  it('a ranked day with nothing at the minimum score says so instead of "top 0 for you"', () => {
    const [message = ''] = telegramMessage(lowScoredDay(), { minScore: 0.9 });
    expect(message).toContain('12 papers (cs.LG 12) · no paper reaches the minimum score 0.9');
    expect(message).not.toMatch(/top 0/);
  });

  it('splits a 400-paper day at paper boundaries into at most 3 messages of at most 4096 characters', async () => {
    server = await botServer();
    const messages = telegramMessage(bigDay(400), { siteUrl: SITE, limit: 400 });
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(TELEGRAM_MAX_LENGTH);
      expectTelegramHtml(m);
    }
    const all = messages.map(visible).join('\n');
    const numbers = [...all.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(all).toContain(`…and ${400 - numbers.length} more papers in the reader.`);
    // Cut summaries end with an ellipsis, outside any tag.
    expect(messages[0]).toMatch(/ and more detail…\n\n<b>2\. /);
    const result = await sendTelegram({ token: TOKEN, chatId: '@digest', apiUrl: server.url }, messages);
    expect(result.messageIds).toEqual([101, 102, 103]);
    expect(server.requests.map((r) => (JSON.parse(r.body) as { text: string }).text)).toEqual(messages);
  });

  it('a refused token is an auth error that never shows the token', async () => {
    server = await botServer();
    const wrong = '987654321:AAWrongTokenWrongTokenWrongToken00';
    const err = await sendTelegram({ token: wrong, chatId: '@digest', apiUrl: server.url }, 'hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).kind).toBe('auth');
    expect((err as DeliveryError).message).toMatch(/^\[telegram\] bot token refused by 127\.0\.0\.1:\d+ \(401\): Unauthorized$/);
    expect((err as DeliveryError).message).not.toContain('AAWrong');
  });

  it('reports a refused chat with the Bot API description', async () => {
    server = await botServer();
    const err = (await sendTelegram({ token: TOKEN, chatId: 42, apiUrl: server.url }, 'hi').catch((e: unknown) => e)) as DeliveryError;
    expect(err.kind).toBe('rejected');
    expect(err.message).toMatch(/sendMessage refused by 127\.0\.0\.1:\d+ \(400\): Bad Request: chat not found$/);
  });

  it('honours retry_after in a 429 body, then sends', async () => {
    server = await startHttp((_req, n) =>
      n === 0
        ? { status: 429, body: JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }) }
        : { body: JSON.stringify({ ok: true, result: { message_id: 7 } }) },
    );
    const result = await sendTelegram({ token: TOKEN, chatId: '@digest', apiUrl: server.url }, 'hi');
    expect(result.messageIds).toEqual([7]);
    const [a, b] = server.requests;
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('unreachable API and malformed token: errors without the token', async () => {
    const port = await closedPort();
    const err = (await sendTelegram({ token: TOKEN, chatId: '@digest', apiUrl: `http://127.0.0.1:${port}` }, 'hi').catch((e: unknown) => e)) as DeliveryError;
    expect(err.message).toBe(`[telegram] cannot reach 127.0.0.1:${port}: ECONNREFUSED`);
    const bad = (await sendTelegram({ token: 'not a token/../x', chatId: '@digest', apiUrl: `http://127.0.0.1:${port}` }, 'hi').catch((e: unknown) => e)) as DeliveryError;
    expect(bad.kind).toBe('auth');
    expect(bad.message).not.toContain('not a token');
  });
});
