import { parse as parseHtml } from 'node-html-parser';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEmail, renderNoAnnouncementEmail } from '../../src/channels/email-html.js';
import { sendDigestEmail, smtpOptionsFromUrl } from '../../src/channels/email.js';
import { DeliveryError } from '../../src/channels/errors.js';
import { ConfigError } from '../../src/errors.js';
import { ACKNOWLEDGEMENT } from '../../src/render/markdown.js';
import { HOSTILE_TITLE, HOSTILE_TLDR, digest, entry, hostileDay, lowScoredDay, paper, rankedDay, summary } from './digests.js';
import { SMTP_PASS, SMTP_USER, closedPort, silentServer, startSmtp } from './smtp.js';
import type { TestSmtp } from './smtp.js';

const FROM = 'Preprint Digest <digest@example.org>';
const TO = ['ada@example.org', 'Alan Turing <alan@example.net>', 'grace@example.com'];
const SITE = 'https://someone.github.io/preprint-digest/';

function smtpUrl(port: number, pass = SMTP_PASS): string {
  return `smtp://${SMTP_USER}:${encodeURIComponent(pass)}@127.0.0.1:${port}?starttls=never`;
}

async function caught(promise: Promise<unknown>): Promise<DeliveryError> {
  const err = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(err instanceof DeliveryError)) throw err;
  return err;
}

describe('sendDigestEmail against a real SMTP server', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it('delivers one multipart/alternative message with text and HTML parts to every recipient', async () => {
    const message = renderEmail(hostileDay(), { siteUrl: SITE });
    const sent = await sendDigestEmail(message, smtpOptionsFromUrl(smtpUrl(smtp.port)), TO, FROM);
    expect(sent.accepted.sort()).toEqual(['ada@example.org', 'alan@example.net', 'grace@example.com']);
    const mail = smtp.received.at(-1);
    if (!mail) throw new Error('nothing arrived');
    expect(mail.from).toBe('digest@example.org');
    expect(mail.rcpt.sort()).toEqual(['ada@example.org', 'alan@example.net', 'grace@example.com']);
    expect(smtp.logins).toContain(SMTP_USER);
    const raw = mail.raw.toString('utf8');
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/im);
    const parsed = await PostalMime.parse(mail.raw);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.subject).toBe('preprint-digest 2026-02-02: 6 papers (cs.LG, stat.ML)');
    expect(parsed.to?.map((a) => a.address)).toEqual(['ada@example.org', 'alan@example.net', 'grace@example.com']);
    expect(parsed.text?.trimEnd()).toBe(message.text.trimEnd());
    expect(parsed.html?.trim()).toBe(message.html.trim());
  });

  it('the HTML part shows hostile strings as text: no element of theirs, the text intact', async () => {
    const mail = smtp.received.at(-1);
    const parsed = await PostalMime.parse(mail?.raw ?? '');
    const doc = parseHtml(parsed.html ?? '');
    expect(doc.querySelectorAll('script, img, b, style, link, iframe')).toHaveLength(0);
    expect(doc.text).toContain(HOSTILE_TITLE);
    expect(doc.text).toContain(HOSTILE_TLDR);
    // Styles are inline (mail clients drop <style>), and every link goes where we sent it.
    for (const a of doc.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https:\/\/(arxiv\.org|someone\.github\.io)\//);
    expect(parsed.text).toContain(`1. ${HOSTILE_TITLE}`);
    expect(parsed.text).toContain(ACKNOWLEDGEMENT);
  });

  it('sends the no-announcement email when asked to', async () => {
    const message = renderNoAnnouncementEmail('2026-01-31', ['cs.LG', 'stat.ML'], { siteUrl: SITE });
    await sendDigestEmail(message, smtpOptionsFromUrl(smtpUrl(smtp.port)), ['ada@example.org'], FROM);
    const parsed = await PostalMime.parse(smtp.received.at(-1)?.raw ?? '');
    expect(parsed.subject).toBe('preprint-digest 2026-01-31: no announcement (cs.LG, stat.ML)');
    expect(parsed.text).toContain('arXiv made no announcement in cs.LG, stat.ML for 2026-01-31');
    expect(parsed.html).toContain('Sunday to Thursday at 20:00 US Eastern time');
  });

  it('a refused login is a one-line auth error naming the server, never the password', async () => {
    const before = smtp.received.length;
    const err = await caught(sendDigestEmail(renderEmail(hostileDay()), smtpOptionsFromUrl(smtpUrl(smtp.port, 'wrong-password')), TO, FROM));
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/^\[email\] SMTP login refused by 127\.0\.0\.1: 535\b/);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toContain('wrong-password');
    expect(String((err.cause as Error).stack)).not.toContain('wrong-password');
    expect(smtp.received.length).toBe(before);
  });

  it('an unreachable port is a one-line "cannot reach" error', async () => {
    const port = await closedPort();
    const err = await caught(sendDigestEmail(renderEmail(hostileDay()), smtpOptionsFromUrl(smtpUrl(port)), TO, FROM));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(`[email] cannot reach SMTP server 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(err.message).not.toContain(SMTP_PASS);
  });

  it('a server that never greets times out with the same "cannot reach" wording', async () => {
    const silent = await silentServer();
    try {
      const options = { ...smtpOptionsFromUrl(smtpUrl(silent.port)), timeoutMs: 300 };
      const err = await caught(sendDigestEmail(renderEmail(hostileDay()), options, TO, FROM));
      expect(err.kind).toBe('timeout');
      expect(err.message).toMatch(new RegExp(`^\\[email\\] cannot reach SMTP server 127\\.0\\.0\\.1:${silent.port}: timed out`));
    } finally {
      await silent.close();
    }
  });

  it('a server that takes the message but never confirms it: may have been delivered, not "cannot reach"', async () => {
    const stalling = await startSmtp({ stallAfterData: true });
    try {
      const options = { ...smtpOptionsFromUrl(smtpUrl(stalling.port)), timeoutMs: 300 };
      const err = await caught(sendDigestEmail(renderEmail(hostileDay()), options, TO, FROM));
      expect(stalling.received).toHaveLength(1);
      expect(err.kind).toBe('timeout');
      expect(err.message).toBe(`[email] SMTP server 127.0.0.1:${stalling.port} did not confirm the message within 0.3 s after it was sent; it may have been delivered, check before sending again`);
    } finally {
      await stalling.close();
    }
  });

  it('starttls=required against a server without STARTTLS says so', async () => {
    const url = smtpUrl(smtp.port).replace('starttls=never', 'starttls=required');
    const err = await caught(sendDigestEmail(renderEmail(hostileDay()), smtpOptionsFromUrl(url), TO, FROM));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(`[email] SMTP server 127.0.0.1:${smtp.port} does not offer STARTTLS, which starttls=required asks for`);
  });

  it('smtps:// against a server without TLS on that port explains the handshake failure', async () => {
    const url = smtpUrl(smtp.port).replace('smtp://', 'smtps://');
    const err = await caught(sendDigestEmail(renderEmail(hostileDay()), smtpOptionsFromUrl(url), TO, FROM));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(`[email] TLS handshake with 127.0.0.1:${smtp.port} failed: the server does not speak TLS on this port; use smtp:// with STARTTLS?`);
  });

  it('checks recipients before connecting', async () => {
    const options = smtpOptionsFromUrl(smtpUrl(smtp.port));
    await expect(sendDigestEmail(renderEmail(hostileDay()), options, [], FROM)).rejects.toThrow(ConfigError);
    await expect(sendDigestEmail(renderEmail(hostileDay()), options, ['a@b.c\r\nBcc: x@y.z'], FROM)).rejects.toThrow(/is not an email address/);
    await expect(sendDigestEmail(renderEmail(hostileDay()), options, ['not-an-address'], FROM)).rejects.toThrow(ConfigError);
  });
});

describe('smtpOptionsFromUrl', () => {
  it('reads user, percent-encoded password, host, port and TLS mode', () => {
    expect(smtpOptionsFromUrl(`smtp://u%40x:${encodeURIComponent(SMTP_PASS)}@mail.example.org:2525?starttls=required`)).toEqual({
      host: 'mail.example.org',
      port: 2525,
      secure: false,
      user: 'u@x',
      pass: SMTP_PASS,
      requireTLS: true,
    });
    expect(smtpOptionsFromUrl('smtps://mail.example.org')).toEqual({ host: 'mail.example.org', port: 465, secure: true });
    expect(smtpOptionsFromUrl('smtp://[::1]')).toEqual({ host: '::1', port: 587, secure: false });
  });

  it('refuses other schemes without repeating the URL (it holds the password)', () => {
    expect(() => smtpOptionsFromUrl('http://user:hunter2@host')).toThrow(ConfigError);
    expect(() => smtpOptionsFromUrl('http://user:hunter2@host')).not.toThrow(/hunter2/);
    expect(() => smtpOptionsFromUrl('smtp://h?starttls=maybe')).toThrow(/required" or "never/);
  });
});

describe('renderEmail', () => {
  it('opens a ranked day with For you: top papers best first, reasons and all five fields', () => {
    const day = rankedDay();
    const { html, text } = renderEmail(day, { siteUrl: SITE });
    const forYou = text.slice(text.indexOf('FOR YOU'), text.indexOf('== cs.LG'));
    const titles = [...forYou.matchAll(/^\d+\. (.*)$/gm)].map((m) => m[1]);
    expect(titles).toEqual((day.forYou ?? []).map((id) => `A study of ${id}`));
    expect(forYou).toContain('Why: matched "diffusion" in 2602.10005; follows A. <Author> (score 0.75)');
    expect(forYou).toContain('Conclusion: Conclusion of: TL;DR of 2602.10005.');
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('h2').map((e) => e.text)).toEqual(['For you', 'cs.LG (12)']);
    expect(doc.text).toContain('follows A. <Author>');
    // Outside For you, only the TL;DR unless details are asked for.
    const listed = text.slice(text.indexOf('== cs.LG'));
    expect(listed).not.toContain('Conclusion:');
    expect(renderEmail(day, { details: true }).text.slice(text.indexOf('== cs.LG'))).toContain('Conclusion:');
  });

  it('For you lists as many papers as the ranking picked (--top), not a fixed 10', () => {
    const day = rankedDay();
    day.forYou = day.sections.flatMap((s) => s.entries.map((e) => e.paper.id));
    const forYou = (text: string) => text.slice(text.indexOf('FOR YOU'), text.indexOf('== cs.LG'));
    expect([...forYou(renderEmail(day).text).matchAll(/^\d+\. /gm)]).toHaveLength(12);
    expect([...forYou(renderEmail(day, { forYouLimit: 3 }).text).matchAll(/^\d+\. /gm)]).toHaveLength(3);
  });

  it('maxEntries caps the papers listed under the categories and counts the rest', () => {
    const { text } = renderEmail(hostileDay(), { maxEntries: 2, siteUrl: SITE });
    expect([...text.slice(text.indexOf('== cs.LG')).matchAll(/^\d+\. /gm)]).toHaveLength(2);
    expect(text).toContain('4 more papers in the reader. https://someone.github.io/preprint-digest/index.html?day=2026-02-02');
  });

  it('--min-score leaves out papers below the threshold and says how many', () => {
    const { text } = renderEmail(rankedDay(), { minScore: 0.8, siteUrl: SITE });
    const listed = text.slice(text.indexOf('== cs.LG'));
    expect([...listed.matchAll(/^\d+\. /gm)]).toHaveLength(5);
    expect(text).toContain('7 papers below the relevance threshold 0.8 not listed.');
  });

  it('a ranked day with nothing at the minimum score says so in the subject and at the top, not just "12 papers"', () => {
    const { subject, text } = renderEmail(lowScoredDay(), { minScore: 0.9, siteUrl: SITE });
    expect(subject).toBe('preprint-digest 2026-02-03: 12 papers, none at the minimum score 0.9 (cs.LG, stat.ML)');
    expect(text.split('\n')[1]).toBe('12 papers (cs.LG 12) · no paper reaches the minimum score 0.9');
    expect(text).toContain('None of the day\'s 12 papers reaches the minimum score 0.9; all are in the reader.');
    expect(text).not.toMatch(/^\d+\. /m);
  });

  it('labels fallback and unavailable summaries and ends with the acknowledgement', () => {
    const { text, html } = renderEmail(hostileDay());
    expect(text).toContain('TL;DR: (built-in summary; LLM failed: LLM timed out <again>) Built-in fallback text.');
    expect(text).toContain('TL;DR: Summary unavailable (refused & <odd>).');
    expect(html).toContain('Summary unavailable (refused &amp; &lt;odd&gt;).');
    expect(text.trimEnd().endsWith(ACKNOWLEDGEMENT)).toBe(true);
    expect(parseHtml(html).text).toContain(ACKNOWLEDGEMENT);
  });

  it('a day known to lack papers says so under the intro, in both parts, the reasons escaped', () => {
    const day = { ...hostileDay(), incomplete: ['cs.LG: the listing counts 9 papers, 4 of them <missing> & more'] };
    const { text, html } = renderEmail(day);
    const lines = text.split('\n');
    expect(lines.slice(2, 5)).toEqual(['', 'Incomplete day: this digest lacks papers arXiv announced.', '- cs.LG: the listing counts 9 papers, 4 of them <missing> & more']);
    expect(html).toContain('<li>cs.LG: the listing counts 9 papers, 4 of them &lt;missing&gt; &amp; more</li>');
    expect(parseHtml(html).text.indexOf('Incomplete day')).toBeLessThan(parseHtml(html).text.indexOf(HOSTILE_TITLE.slice(0, 10)));
    expect(renderEmail(hostileDay()).text).not.toContain('Incomplete day');
  });

  it('shows text-mode LaTeX formatting as elements in the HTML part and as plain text in the text part', () => {
    const title = '\\textbf{<img src=x onerror=alert(1)>} for \\emph{fast} 5\\% $\\textbf{x}_1$';
    const day = digest('2026-02-05', [entry(paper('2602.00009', { title }), { summary: summary('We present \\texttt{Flow++} and \\textit{\\textbf{more}}.') })]);
    const { html, text } = renderEmail(day, { details: true });
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('img, script')).toHaveLength(0);
    const link = doc.querySelectorAll('a').find((a) => a.text.includes('for fast'));
    expect(link?.innerHTML).toBe('<b>&lt;img src=x onerror=alert(1)&gt;</b> for <i>fast</i> 5% $\\textbf{x}_1$');
    expect(html).toContain('We present <code>Flow++</code> and <b><i>more</i></b>.');
    expect(html).toContain('<strong>Method:</strong> <span lang="en" dir="auto">Method of: We present <code>Flow++</code>');
    expect(text).toContain('1. <img src=x onerror=alert(1)> for fast 5% $\\textbf{x}_1$');
    expect(text).toContain('TL;DR: We present Flow++ and more.');
  });
});
