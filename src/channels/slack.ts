/**
 * Slack incoming-webhook message in Block Kit: a header, the day's counts with a reader link, one section per
 * top paper (reasons in a context block when ranked), and a top-level `text` fallback for notifications.
 * Limits (Slack docs): 50 blocks per message, 3000 characters per section text, 150 per header.
 */
import type { Digest } from '../types.js';
import { chatDigest, fitEscaped } from './_chat.js';
import type { ChatOptions, ChatPaper } from './_chat.js';
import { morePapers } from './select.js';
import { postWebhook } from './webhook.js';
import type { WebhookOptions, WebhookResult } from './webhook.js';

export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION = 3000;
export const SLACK_MAX_HEADER = 150;
/** Slack truncates `text` past 40,000 characters; a notification shows far less, so we keep it short. */
export const SLACK_MAX_FALLBACK = 3000;

type Text = { type: 'mrkdwn'; text: string } | { type: 'plain_text'; text: string; emoji: false };
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: false } }
  | { type: 'section'; text: Text }
  | { type: 'context'; elements: Text[] }
  | { type: 'divider' };

export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
  /** No link previews for the arXiv links: ten unfurls would bury the message. */
  unfurl_links: false;
  unfurl_media: false;
}

const ZWSP = '\u200B';

/**
 * Slack's mrkdwn escaping: `&`, `<`, `>` become entities (the only ones Slack decodes). Slack has no escape for
 * `*`, `_`, `~` and `` ` ``; a zero-width space on both sides makes each one intraword, where Slack never starts
 * or ends formatting, so a title such as `*bold*` shows its asterisks.
 */
export function escapeSlack(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (ch) => `${ZWSP}${ch}${ZWSP}`);
}

/** A URL inside `<url|label>`: the characters that would end or split the link are percent-encoded. */
function slackUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

function mrkdwn(text: string): Text {
  return { type: 'mrkdwn', text };
}

export function slackMessage(digest: Digest, options: ChatOptions = {}): SlackPayload {
  const chat = chatDigest(digest, options);
  const readerLink = chat.reader ? ` · <${slackUrl(chat.reader)}|Open the reader>` : '';
  const head: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: fitPlain(chat.heading, SLACK_MAX_HEADER), emoji: false } },
    { type: 'section', text: mrkdwn(`${fitEscaped(chat.intro, SLACK_MAX_SECTION - 200, escapeSlack)}${readerLink}`) },
    { type: 'divider' },
  ];
  // Room for the "…and N more" and acknowledgement blocks at the end.
  const budget = SLACK_MAX_BLOCKS - head.length - 2;
  const body: SlackBlock[] = [];
  let shown = 0;
  for (const paper of chat.papers) {
    const blocks = paperBlocks(paper);
    if (body.length + blocks.length > budget) break;
    body.push(...blocks);
    shown++;
  }
  const more = chat.more + chat.papers.length - shown;
  const tail: SlackBlock[] = [];
  if (more > 0) tail.push({ type: 'context', elements: [mrkdwn(`…and ${morePapers(more)}${chat.reader ? ' in the reader' : ''}.`)] });
  tail.push({ type: 'context', elements: [mrkdwn(escapeSlack(chat.acknowledgement))] });
  const fallback = [chat.heading, chat.intro, ...chat.papers.slice(0, shown).map((p) => `${p.n}. ${p.title}`)].join('\n');
  return {
    text: fitEscaped(fallback, SLACK_MAX_FALLBACK, escapeSlack),
    blocks: [...head, ...body, ...tail],
    unfurl_links: false,
    unfurl_media: false,
  };
}

function paperBlocks(paper: ChatPaper): SlackBlock[] {
  const link = paper.reader ? ` · <${slackUrl(paper.reader)}|reader>` : '';
  const title = `*<${slackUrl(paper.abs)}|${paper.n}. ${fitEscaped(paper.title, 600, escapeSlack)}>*${link}`;
  const authors = fitEscaped(paper.authors, 400, escapeSlack);
  const room = SLACK_MAX_SECTION - title.length - authors.length - 2;
  const text = `${title}\n${authors}\n${fitEscaped(paper.tldr, room, escapeSlack)}`;
  const blocks: SlackBlock[] = [{ type: 'section', text: mrkdwn(text) }];
  if (paper.why) blocks.push({ type: 'context', elements: [mrkdwn(fitEscaped(`Why: ${paper.why}`, SLACK_MAX_SECTION, escapeSlack))] });
  return blocks;
}

function fitPlain(text: string, max: number): string {
  return fitEscaped(text, max, (s) => s);
}

/** Post a Slack payload to an incoming webhook URL (the URL is a secret: errors name its host only). */
export function sendSlack(webhookUrl: string, payload: SlackPayload, options: Omit<WebhookOptions, 'channel'> = {}): Promise<WebhookResult> {
  return postWebhook(webhookUrl, payload, { ...options, channel: 'slack' });
}
