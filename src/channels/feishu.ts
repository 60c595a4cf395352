/**
 * Feishu/Lark custom-bot message as `post` rich text: every string sits in a `text` or `a` element, which the
 * client shows literally (no Markdown, no HTML; `un_escape` stays off), so no escaping is needed or possible.
 * The request body is kept under the bot's 20 KB limit (papers dropped from the end, "…and N more" added), and
 * signed with `timestamp` + `sign` when the bot has a signing secret.
 */
import { createHmac } from 'node:crypto';
import type { Digest } from '../types.js';
import { chatDigest } from './_chat.js';
import type { ChatOptions, ChatPaper } from './_chat.js';
import { truncate } from './_text.js';
import { morePapers } from './select.js';
import { postWebhook } from './webhook.js';
import type { WebhookOptions, WebhookResult } from './webhook.js';

/** Custom-bot request bodies may be at most 20 KB (cards 30 KB); bytes of the UTF-8 JSON. */
export const FEISHU_MAX_BYTES = 20_000;

export type FeishuElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string };

export interface FeishuPayload {
  msg_type: 'post';
  content: { post: { zh_cn: { title: string; content: FeishuElement[][] } } };
  /** Seconds since the epoch, as a string; with `sign`, only when a secret is configured. */
  timestamp?: string;
  sign?: string;
}

export interface FeishuOptions extends ChatOptions {
  /** The bot's signing secret ("signature verification" in the bot settings). */
  secret?: string;
  /** Clock for the signature timestamp (tests). @default () => new Date() */
  now?: () => Date;
  /** @default FEISHU_MAX_BYTES */
  maxBytes?: number;
}

/**
 * Feishu's signature: HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an empty message, base64.
 * (The key/message order looks reversed but is what the bot checks.)
 */
export function feishuSign(timestamp: string, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

function text(t: string): FeishuElement {
  return { tag: 'text', text: t };
}

function paperLines(p: ChatPaper): FeishuElement[][] {
  const first: FeishuElement[] = [{ tag: 'a', text: `${p.n}. ${truncate(p.title, 500)}`, href: p.abs }];
  if (p.reader) first.push(text(' · '), { tag: 'a', text: 'reader', href: p.reader });
  const lines = [first, [text(truncate(p.authors, 300))], [text(truncate(p.tldr, 1500))]];
  if (p.why) lines.push([text(`Why: ${truncate(p.why, 500)}`)]);
  lines.push([text('')]);
  return lines;
}

function bytes(payload: FeishuPayload): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8');
}

export function feishuMessage(digest: Digest, options: FeishuOptions = {}): FeishuPayload {
  const chat = chatDigest(digest, options);
  const maxBytes = options.maxBytes ?? FEISHU_MAX_BYTES;
  const intro: FeishuElement[] = [text(chat.intro)];
  if (chat.reader) intro.push(text(' · '), { tag: 'a', text: 'Open the reader', href: chat.reader });
  const head = [intro, [text('')]];
  const tail = (more: number): FeishuElement[][] => [
    ...(more > 0 ? [[text(`…and ${morePapers(more)}${chat.reader ? ' in the reader' : ''}.`)]] : []),
    [text(chat.acknowledgement)],
  ];
  const build = (body: FeishuElement[][], more: number): FeishuPayload => ({
    msg_type: 'post',
    // `zh_cn` is the locale key every client falls back to; the text itself is in the digest's language.
    content: { post: { zh_cn: { title: chat.heading, content: [...head, ...body, ...tail(more)] } } },
  });
  const body: FeishuElement[][] = [];
  let shown = 0;
  for (const p of chat.papers) {
    const next = [...body, ...paperLines(p)];
    const remaining = chat.papers.length - shown - 1 + chat.more;
    // The signature fields add under 100 bytes; keep room for them.
    if (bytes(build(next, remaining)) > maxBytes - 100) break;
    body.push(...paperLines(p));
    shown++;
  }
  const payload = build(body, chat.more + chat.papers.length - shown);
  if (!options.secret) return payload;
  const timestamp = String(Math.floor((options.now ?? (() => new Date()))().getTime() / 1000));
  return { timestamp, sign: feishuSign(timestamp, options.secret), ...payload };
}

/** Post to a Feishu/Lark custom-bot webhook; a body `code` other than 0 (bad signature, keyword filter) fails. */
export function sendFeishu(webhookUrl: string, payload: FeishuPayload, options: Omit<WebhookOptions, 'channel'> = {}): Promise<WebhookResult> {
  return postWebhook(webhookUrl, payload, { ...options, channel: 'feishu' });
}
