import { afterEach, describe, expect, it } from 'vitest';
import { SLACK_MAX_BLOCKS, SLACK_MAX_HEADER, SLACK_MAX_SECTION, sendSlack, slackMessage } from '../../src/channels/slack.js';
import type { SlackBlock, SlackPayload } from '../../src/channels/slack.js';
import { HOSTILE_AUTHOR, HOSTILE_TITLE, HOSTILE_TLDR, bigDay, hostileDay, rankedDay } from './digests.js';
import { startHttp } from './http.js';
import type { TestHttp } from './http.js';

const SITE = 'https://someone.github.io/preprint-digest/';
const LINK = /<(https?:\/\/[^|<>\s]+)\|([^<>]*)>/g;
const ZWSP = '\u200B';

function texts(block: SlackBlock): string[] {
  if (block.type === 'section') return [block.text.text];
  if (block.type === 'context') return block.elements.map((e) => e.text);
  if (block.type === 'header') return [block.text.text];
  return [];
}

/** Slack mrkdwn rules: no raw `<` `>` outside our links, every `&` an entity, every `*_~\`` of the text made intraword. */
function expectEscaped(text: string): void {
  const labels: string[] = [];
  const outside = text.replace(LINK, (_m, _url: string, label: string) => {
    labels.push(label);
    return '';
  });
  for (const part of [outside.replace(/\*\*/g, ''), ...labels]) {
    expect(part).not.toMatch(/[<>]/);
    expect(part).not.toMatch(/&(?!amp;|lt;|gt;)/);
    for (const m of part.matchAll(/[*_~`]/g)) {
      expect(part[m.index - 1], `${m[0]} at ${m.index} in ${part}`).toBe(ZWSP);
      expect(part[m.index + 1]).toBe(ZWSP);
    }
  }
}

/** What a Slack user sees: entities decoded, zero-width spaces invisible. */
function shown(text: string): string {
  return text.replace(LINK, '$2').replace(new RegExp(ZWSP, 'g'), '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function expectWithinLimits(payload: SlackPayload): void {
  expect(payload.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
  expect(typeof payload.text).toBe('string');
  expect(payload.text.length).toBeGreaterThan(0);
  for (const block of payload.blocks) {
    expect(['header', 'section', 'context', 'divider']).toContain(block.type);
    if (block.type === 'header') {
      expect(block.text.type).toBe('plain_text');
      expect(block.text.text.length).toBeLessThanOrEqual(SLACK_MAX_HEADER);
    }
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
    for (const t of texts(block)) {
      expect(t.length).toBeGreaterThan(0);
      expect(t.length).toBeLessThanOrEqual(SLACK_MAX_SECTION);
    }
  }
}

describe('slackMessage', () => {
  let server: TestHttp | undefined;
  afterEach(() => server?.close());

  it('posts a Block Kit payload the webhook accepts: header, counts, papers, acknowledgement', async () => {
    server = await startHttp((req) => {
      const ok = req.headers['content-type']?.startsWith('application/json') && Array.isArray((JSON.parse(req.body) as SlackPayload).blocks);
      return ok ? { body: 'ok' } : { status: 400, body: 'invalid_payload' };
    });
    const payload = slackMessage(hostileDay(), { siteUrl: SITE });
    const result = await sendSlack(`${server.url}/services/T000/B000/XXXX`, payload);
    expect(result.status).toBe(200);
    const sent = JSON.parse(server.requests[0]?.body ?? '{}') as SlackPayload;
    expect(sent).toEqual(payload);
    expectWithinLimits(sent);
    expect(sent.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'preprint-digest · 2026-02-02', emoji: false } });
    expect(texts(sent.blocks[1] ?? { type: 'divider' })[0]).toBe(`6 papers (cs.LG 5 · stat.ML 1) · <${SITE}index.html?day=2026-02-02|Open the reader>`);
    expect(sent.blocks.filter((b) => b.type === 'section')).toHaveLength(7);
    expect(shown(texts(sent.blocks.at(-1) ?? { type: 'divider' })[0] ?? '')).toBe('Thank you to arXiv for use of its open access interoperability.');
    expect(sent.unfurl_links).toBe(false);
  });

  it('escapes hostile text per Slack rules and it still reads as written', () => {
    const payload = slackMessage(hostileDay(), { siteUrl: SITE });
    for (const block of payload.blocks) if (block.type !== 'header') for (const t of texts(block)) expectEscaped(t);
    expectEscaped(payload.text);
    const paper = texts(payload.blocks[3] ?? { type: 'divider' })[0] ?? '';
    expect(paper.startsWith('*<https://arxiv.org/abs/2602.00001|')).toBe(true);
    const [title, authors, tldr] = shown(paper).split('\n');
    expect(title).toBe(`*1. ${HOSTILE_TITLE}* · reader`);
    expect(authors).toBe(`${HOSTILE_AUTHOR}, Bob`);
    expect(tldr).toBe(HOSTILE_TLDR);
    expect(shown(payload.text)).toContain(`1. ${HOSTILE_TITLE}`);
  });

  it('shows the For-you papers best first, with their reasons, on a ranked day', () => {
    const day = rankedDay();
    const payload = slackMessage(day, { limit: 3 });
    const sections = payload.blocks.filter((b) => b.type === 'section').slice(1);
    const ids = sections.map((b) => /abs\/(\S+?)\|/.exec(texts(b)[0] ?? '')?.[1]);
    expect(ids).toEqual(day.forYou?.slice(0, 3));
    const why = payload.blocks.filter((b) => b.type === 'context').map((b) => shown(texts(b)[0] ?? ''));
    expect(why[0]).toBe(`Why: 0.75 · matched "diffusion" in ${day.forYou?.[0]} · follows A. <Author>`);
    expect(why).toContain('…and 3 more papers.');
    expect(texts(payload.blocks[1] ?? { type: 'divider' })[0]).toContain('top 3 for you');
  });

  it('--min-score keeps only papers at or above the threshold', () => {
    const payload = slackMessage(rankedDay(), { minScore: 0.9, limit: 10 });
    const why = payload.blocks.filter((b) => b.type === 'context').map((b) => texts(b)[0] ?? '').filter((t) => t.startsWith('Why:'));
    const scores = why.map((t) => Number(/^Why: ([\d.]+)/.exec(t)?.[1]));
    expect(scores).toEqual([0.9, 0.95, 1]);
  });

  it('a 400-paper day stays within 50 blocks and 3000 characters per section, and counts the rest', async () => {
    server = await startHttp(() => ({ body: 'ok' }));
    const payload = slackMessage(bigDay(400), { siteUrl: SITE, limit: 400 });
    await sendSlack(`${server.url}/hook`, payload);
    const sent = JSON.parse(server.requests[0]?.body ?? '{}') as SlackPayload;
    expectWithinLimits(sent);
    expect(sent.blocks).toHaveLength(SLACK_MAX_BLOCKS);
    for (const block of sent.blocks) if (block.type !== 'header') for (const t of texts(block)) expectEscaped(t);
    const shownPapers = sent.blocks.filter((b) => b.type === 'section').length - 1;
    const more = sent.blocks.map((b) => texts(b)[0] ?? '').find((t) => t.startsWith('…and'));
    expect(more).toBe(`…and ${400 - shownPapers} more papers in the reader.`);
    // Long summaries are cut with an ellipsis, never mid-entity.
    const cut = sent.blocks.filter((b) => b.type === 'section').map((b) => texts(b)[0] ?? '').filter((t) => t.endsWith('…'));
    expect(cut.length).toBeGreaterThan(0);
    for (const t of cut) expect(t.length).toBeGreaterThan(SLACK_MAX_SECTION - 50);
  });
});
