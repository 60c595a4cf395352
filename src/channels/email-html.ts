/**
 * The day's digest as an email: subject, plain-text part and HTML part (inline styles, every string escaped).
 * Ranked digests open with "For you": the top papers with their reasons and all five summary fields; then every
 * delivered paper under its category. Pure; `sendDigestEmail` in `email.ts` sends it.
 */
import { ACKNOWLEDGEMENT as ACK, digestNote } from '../render/markdown.js';
import type { Digest, DigestEntry } from '../types.js';
import { escapeHtml as h, plainText, truncate } from './_text.js';
import { readerUrl, siteBase } from './reader-link.js';
import { entryHtml, entryText } from './email-entry.js';
import type { EntryContext } from './email-entry.js';
import { S, emailPage } from './email-layout.js';
import { allEntries, deliveredEntries, morePapers, papers, sectionCounts, topEntries } from './select.js';
import type { SelectOptions } from './select.js';

export interface EmailOptions extends SelectOptions {
  /** Published reader, linked at the top and from every paper. */
  siteUrl?: string;
  /** @default 'preprint-digest' */
  title?: string;
  /**
   * Show Motivation, Method, Result and Conclusion for every paper, not only those in "For you". Off by default:
   * Gmail clips messages past ~100 KB, and a 200-paper day with all fields is larger.
   * @default false
   */
  details?: boolean;
  /** List at most this many papers under the categories (the rest are counted, with a link to the reader). */
  maxEntries?: number;
  /**
   * How many "For you" papers to show in full.
   * @default all the ranking picked (`--top`)
   */
  forYouLimit?: number;
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

interface Model {
  subject: string;
  heading: string;
  intro: string;
  reader: string;
  forYou: DigestEntry[];
  sections: { category: string; total: number; items: DigestEntry[] }[];
  notes: string[];
  /** Why the day is known to lack papers: said at the top, as the Markdown does. */
  incomplete: string[];
  footer: string[];
  ctx: EntryContext;
}

const RECONSTRUCTED =
  'Rebuilt from submission dates through the arXiv export API: the announcement feed was not available, so the list may differ from what arXiv announced.';

const INCOMPLETE = 'Incomplete day: this digest lacks papers arXiv announced.';

function model(digest: Digest, options: EmailOptions): Model {
  const title = plainText(options.title ?? 'preprint-digest') || 'preprint-digest';
  const total = allEntries(digest).length;
  const counts = sectionCounts(digest);
  const top = topEntries(digest, { minScore: options.minScore, limit: options.forYouLimit ?? digest.forYou?.length ?? 0 });
  const delivered = deliveredEntries(digest, options);
  const listed = options.maxEntries === undefined ? delivered : delivered.slice(0, Math.max(0, options.maxEntries));
  // A threshold nothing reaches must not read like an ordinary day that lists nothing.
  const none = delivered.length === 0 && total > 0 ? `the minimum score ${options.minScore}` : '';
  const notes: string[] = [];
  if (none) notes.push(`None of the day's ${papers(total)} reaches ${none}; all are in the reader.`);
  else if (total > delivered.length) notes.push(`${papers(total - delivered.length)} below the relevance threshold ${options.minScore} not listed.`);
  if (delivered.length > listed.length) notes.push(`${morePapers(delivered.length - listed.length)} in the reader.`);
  const cats = digest.categories.map(plainText).join(', ');
  return {
    subject: truncate(`${title} ${digest.date}: ${papers(total)}${none ? `, none at ${none}` : ''}${cats ? ` (${cats})` : ''}`, 200),
    heading: `${title} · ${digest.date}`,
    intro: `${papers(total)}${counts ? ` (${counts})` : ''}${none ? ` · no paper reaches ${none}` : ''}`,
    reader: options.siteUrl ? readerUrl(options.siteUrl, digest.date) : '',
    forYou: top.ranked ? top.entries : [],
    sections: digest.sections
      .map((s) => ({ category: plainText(s.category), total: s.entries.length, items: listed.filter((e) => e.section === s.category) }))
      .filter((s) => s.items.length > 0),
    notes,
    incomplete: (digest.incomplete ?? []).map(plainText),
    footer: [digestNote(digest, allEntries(digest)), ...(digest.reconstructed ? [RECONSTRUCTED] : [])],
    ctx: { date: digest.date, site: options.siteUrl ?? '', full: options.details ?? false },
  };
}

function readerLink(m: Model, label: string): string {
  return m.reader ? ` <a href="${h(m.reader)}" style="${S.link}">${label}</a>` : '';
}

function htmlPart(m: Model): string {
  const full = { ...m.ctx, full: true };
  return emailPage(m.subject, [
    `<h1 style="${S.h1}">${h(m.heading)}</h1>`,
    `<p style="${S.muted}">${h(m.intro)}${m.reader ? ' ·' : ''}${readerLink(m, 'Open the reader')}</p>`,
    ...(m.incomplete.length > 0 ? [`<p><strong>${INCOMPLETE}</strong></p><ul>${m.incomplete.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`] : []),
    ...(m.forYou.length > 0 ? [`<h2 style="${S.h2}">For you</h2>`, ...m.forYou.map((e) => entryHtml(e, full))] : []),
    ...m.sections.flatMap((s) => [`<h2 style="${S.h2}">${h(s.category)} (${s.total})</h2>`, ...s.items.map((e) => entryHtml(e, m.ctx))]),
    ...m.notes.map((n) => `<p style="${S.muted}">${h(n)}${readerLink(m, 'Open the reader')}</p>`),
    `<hr style="${S.hr}">`,
    ...m.footer.map((line) => `<p style="${S.small}">${h(line)}</p>`),
    `<p style="${S.small}">${h(ACK)}</p>`,
  ]);
}

function textPart(m: Model): string {
  const full = { ...m.ctx, full: true };
  const lines = [
    m.heading,
    m.intro,
    ...(m.reader ? [`Reader: ${m.reader}`] : []),
    ...(m.incomplete.length > 0 ? ['', INCOMPLETE, ...m.incomplete.map((n) => `- ${n}`)] : []),
    ...(m.forYou.length > 0 ? ['', 'FOR YOU', '', ...m.forYou.map((e, i) => entryText(e, i + 1, full))] : []),
    ...m.sections.flatMap((s) => ['', `== ${s.category} (${s.total}) ==`, '', ...s.items.map((e, i) => entryText(e, i + 1, m.ctx))]),
    ...m.notes.map((n) => `${n}${m.reader ? ` ${m.reader}` : ''}`),
    '',
    '-- ',
    ...m.footer,
    ACK,
  ];
  return `${lines.join('\n')}\n`;
}

export function renderEmail(digest: Digest, options: EmailOptions = {}): EmailMessage {
  const m = model(digest, options);
  return { subject: m.subject, text: textPart(m), html: htmlPart(m) };
}

/** The message for a day without an announcement (the caller decides whether to send it: `noAnnouncementEmail`). */
export function renderNoAnnouncementEmail(
  date: string | null,
  categories: readonly string[],
  options: Pick<EmailOptions, 'siteUrl' | 'title'> = {},
): EmailMessage {
  const title = plainText(options.title ?? 'preprint-digest') || 'preprint-digest';
  const cats = categories.map(plainText).join(', ') || 'the configured categories';
  const day = date ? plainText(date) : 'today';
  const subject = truncate(`${title} ${day}: no announcement (${cats})`, 200);
  const lines = [
    `arXiv made no announcement in ${cats} for ${day}, so there is no digest.`,
    'arXiv announces new papers Sunday to Thursday at 20:00 US Eastern time; there are none on Friday and Saturday evenings or on holidays.',
  ];
  const site = options.siteUrl ? siteBase(options.siteUrl) : '';
  const html = emailPage(subject, [
    `<h1 style="${S.h1}">${h(`${title} · ${day}`)}</h1>`,
    ...lines.map((l) => `<p style="${S.p}">${h(l)}</p>`),
    ...(site ? [`<p style="${S.p}"><a href="${h(site)}" style="${S.link}">Earlier days in the reader</a></p>`] : []),
    `<hr style="${S.hr}">`,
    `<p style="${S.small}">${h(ACK)}</p>`,
  ]);
  const text = [`${title} · ${day}`, '', ...lines, ...(site ? ['', `Earlier days: ${site}`] : []), '', '-- ', ACK];
  return { subject, text: `${text.join('\n')}\n`, html };
}
