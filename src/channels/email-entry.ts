/**
 * One paper in the email, as HTML and as plain text: title link, authors and category, reasons when ranked,
 * TL;DR (with the fallback or unavailable label), the other four fields when `full`, and links.
 */
import { paperLinks } from '../render/links.js';
import { saysNotStated } from '../not-stated.js';
import { SUMMARY_FIELDS } from '../types.js';
import type { DigestEntry } from '../types.js';
import { FIELD_LABELS, authorLine, escapeHtml as h, plainText, richHtml, summaryView, tldrText } from './_text.js';
import { readerUrl } from './reader-link.js';
import { S } from './email-layout.js';
import { textLang } from '../text-lang.js';

export interface EntryContext {
  date: string;
  /** Site URL for reader links, or ''. */
  site: string;
  /** Show all five summary fields. */
  full: boolean;
}

const REST = SUMMARY_FIELDS.filter((f) => f !== 'tldr');

function metaLine(entry: DigestEntry): string {
  const parts = [authorLine(entry.paper.authors, 8), plainText(entry.paper.primaryCategory)];
  if (entry.crossList) parts.push(`cross-listed in ${plainText(entry.section)}`);
  if (entry.announceType === 'replace' || entry.announceType === 'replace-cross') parts.push(`replaced (v${entry.paper.version})`);
  return parts.join(' · ');
}

/** "Why: matched "diffusion"; follows A. Author (score 0.83)", or null for an unranked entry. */
export function whyLine(entry: DigestEntry): string | null {
  const rel = entry.relevance;
  if (!rel) return null;
  const reasons = rel.reasons.map(plainText).filter(Boolean);
  const library = rel.inLibrary ? ' · in your library' : '';
  return `Why: ${reasons.length ? reasons.join('; ') : 'no specific reason'} (score ${rel.score.toFixed(2)})${library}`;
}

function links(entry: DigestEntry, ctx: EntryContext): [string, string][] {
  const l = paperLinks(entry.paper);
  const out: [string, string][] = [['pdf', l.pdf], ['html', l.html]];
  if (l.code) out.push(['code', l.code]);
  const reader = ctx.site ? readerUrl(ctx.site, ctx.date, entry.paper.id) : '';
  if (reader) out.push(['reader', reader]);
  return out;
}

/** Summary text in a span with its language and direction (the labels and notes around it are English). */
function inLanguage(html: string, language: string | undefined): string {
  const { lang, dir } = textLang(language);
  return `<span lang="${h(lang)}" dir="${dir}">${html}</span>`;
}

export function entryHtml(entry: DigestEntry, ctx: EntryContext): string {
  const view = summaryView(entry);
  const why = whyLine(entry);
  const language = entry.summary?.meta.language;
  const note = view.note ? `<em>${h(view.available ? `(${view.note})` : view.note)}</em>` : '';
  const tldr = view.available ? `${note}${note ? ' ' : ''}${inLanguage(view.html.tldr, language)}` : note;
  const rest = ctx.full && view.available
    ? REST.map((f) => `<p style="${saysNotStated(view.fields[f]) ? S.muted : S.p}"><strong>${FIELD_LABELS[f]}:</strong> ${inLanguage(view.html[f], language)}</p>`)
    : [];
  const linkLine = links(entry, ctx).map(([label, url]) => `<a href="${h(url)}" style="${S.link}">${label}</a>`);
  return [
    `<div style="${S.entry}">`,
    `<p style="${S.title}"><a href="${h(paperLinks(entry.paper).abs)}" style="${S.link}">${richHtml(entry.paper.title) || '(untitled)'}</a></p>`,
    `<p style="${S.muted}">${h(metaLine(entry))}</p>`,
    ...(why ? [`<p style="${S.why}">${h(why)}</p>`] : []),
    `<p style="${S.p}"><strong>TL;DR:</strong> ${tldr}</p>`,
    ...rest,
    `<p style="${S.small}">${linkLine.join(' · ')}</p>`,
    '</div>',
  ].join('\n');
}

export function entryText(entry: DigestEntry, n: number, ctx: EntryContext): string {
  const view = summaryView(entry);
  const why = whyLine(entry);
  return [
    `${n}. ${plainText(entry.paper.title) || '(untitled)'}`,
    `   ${metaLine(entry)}`,
    `   ${paperLinks(entry.paper).abs}`,
    ...(why ? [`   ${why}`] : []),
    `   TL;DR: ${tldrText(view)}`,
    ...(ctx.full && view.available ? REST.map((f) => `   ${FIELD_LABELS[f]}: ${view.fields[f]}`) : []),
    `   ${links(entry, ctx).map(([label, url]) => `${label}: ${url}`).join(' | ')}`,
    '',
  ].join('\n');
}
