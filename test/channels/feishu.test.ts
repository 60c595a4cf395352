import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/channels/errors.js';
import { FEISHU_MAX_BYTES, feishuMessage, sendFeishu } from '../../src/channels/feishu.js';
import type { FeishuElement, FeishuPayload } from '../../src/channels/feishu.js';
import { HOSTILE_AUTHOR, HOSTILE_TITLE, HOSTILE_TLDR, bigDay, hostileDay, rankedDay } from './digests.js';
import { startHttp } from './http.js';
import type { TestHttp } from './http.js';

const SITE = 'https://someone.github.io/preprint-digest/';
const SECRET = 'bot-signing-secret';
const NOW = new Date('2026-02-02T02:00:00Z');

/** The bot's check, as Feishu documents it: base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")). */
function feishuServer(secret: string, now: Date) {
  return startHttp((req) => {
    const body = JSON.parse(req.body) as FeishuPayload;
    const json = (code: number, msg: string) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, msg, data: {} }) });
    if (Buffer.byteLength(req.body) > FEISHU_MAX_BYTES) return json(9499, 'request body too large');
    if (body.msg_type !== 'post' || !Array.isArray(body.content?.post?.zh_cn?.content)) return json(9499, 'Bad Request');
    const expected = createHmac('sha256', `${body.timestamp ?? ''}\n${secret}`).digest('base64');
    const fresh = Math.abs(Number(body.timestamp) - now.getTime() / 1000) < 3600;
    if (body.sign !== expected || !fresh) return json(19021, 'sign match fail or timestamp is not within one hour from current time');
    return json(0, 'success');
  });
}

function elements(payload: FeishuPayload): FeishuElement[] {
  return payload.content.post.zh_cn.content.flat();
}

describe('feishuMessage', () => {
  let server: TestHttp | undefined;
  afterEach(() => server?.close());

  it('is signed with timestamp + sign that the bot accepts', async () => {
    server = await feishuServer(SECRET, NOW);
    const payload = feishuMessage(hostileDay(), { siteUrl: SITE, secret: SECRET, now: () => NOW });
    expect(payload.timestamp).toBe(String(NOW.getTime() / 1000));
    expect(payload.sign).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const result = await sendFeishu(`${server.url}/open-apis/bot/v2/hook/0000-SECRET`, payload);
    expect(JSON.parse(result.body)).toMatchObject({ code: 0 });
  });

  it('a wrong secret is refused with the bot\'s message', async () => {
    server = await feishuServer(SECRET, NOW);
    const payload = feishuMessage(hostileDay(), { secret: 'other-secret', now: () => NOW });
    const err = await sendFeishu(`${server.url}/open-apis/bot/v2/hook/0000-SECRET`, payload).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).message).toMatch(/^\[feishu\] webhook at 127\.0\.0\.1:\d+ refused the message: code 19021: sign match fail/);
    expect((err as DeliveryError).message).not.toContain('SECRET');
  });

  it('has no signature fields without a secret', () => {
    const payload = feishuMessage(hostileDay());
    expect(payload).not.toHaveProperty('sign');
    expect(payload).not.toHaveProperty('timestamp');
  });

  it('puts every string in literal text or link elements, hostile ones unchanged', () => {
    const payload = feishuMessage(hostileDay(), { siteUrl: SITE });
    expect(payload.content.post.zh_cn.title).toBe('preprint-digest · 2026-02-02');
    const els = elements(payload);
    for (const el of els) {
      expect(['text', 'a']).toContain(el.tag);
      expect(Object.keys(el).sort()).toEqual(el.tag === 'a' ? ['href', 'tag', 'text'] : ['tag', 'text']);
      if (el.tag === 'a') expect(el.href).toMatch(/^https:\/\//);
    }
    const texts = els.map((e) => e.text);
    expect(texts).toContain(`1. ${HOSTILE_TITLE}`);
    expect(texts).toContain(`${HOSTILE_AUTHOR}, Bob`);
    expect(texts).toContain(HOSTILE_TLDR);
    expect(els.find((e) => e.text === `1. ${HOSTILE_TITLE}`)).toMatchObject({ tag: 'a', href: 'https://arxiv.org/abs/2602.00001' });
    expect(els).toContainEqual({ tag: 'a', text: 'Open the reader', href: `${SITE}index.html?day=2026-02-02` });
    expect(texts.at(-1)).toBe('Thank you to arXiv for use of its open access interoperability.');
  });

  it('shows reasons for the For-you papers on a ranked day', () => {
    const day = rankedDay();
    const texts = elements(feishuMessage(day, { limit: 2 })).map((e) => e.text);
    expect(texts).toContain(`1. A study of ${day.forYou?.[0]}`);
    expect(texts).toContain(`Why: 0.75 · matched "diffusion" in ${day.forYou?.[0]} · follows A. <Author>`);
    expect(texts).toContain('…and 4 more papers.');
  });

  it('a 400-paper day stays under the 20 KB body limit, signed, and counts what it left out', async () => {
    server = await feishuServer(SECRET, NOW);
    const payload = feishuMessage(bigDay(400), { siteUrl: SITE, limit: 400, secret: SECRET, now: () => NOW });
    await sendFeishu(`${server.url}/hook`, payload);
    const body = server.requests[0]?.body ?? '';
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(FEISHU_MAX_BYTES);
    expect(Buffer.byteLength(body)).toBeGreaterThan(FEISHU_MAX_BYTES * 0.8);
    const texts = elements(JSON.parse(body) as FeishuPayload).map((e) => e.text);
    const shown = texts.filter((t) => /^\d+\. /.test(t)).length;
    expect(texts).toContain(`…and ${400 - shown} more papers in the reader.`);
  });
});
