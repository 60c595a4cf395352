/**
 * One paper's block in the Markdown digest: the reference's 21-line template, plus (with `extras`) a links
 * line, the arXiv comment and a replacement / first-listed note between `Main category:` and `TL;DR:`.
 * Every line we add is its own paragraph with a label, so line-oriented parsers of the reference keep working.
 */
import type { DigestEntry, SummaryMeta, SummaryResult } from '../types.js';
import { escapeAuthor, escapeInline, escapeRich } from './escape.js';
import { markdownDestination, paperLinks } from './links.js';
import type { PaperLinks } from './links.js';

/**
 * Render entry number `n` (global numbering). Ends with `</details>` and a newline.
 * @param extras add the lines the reference does not have (links, comment, notes, cross-list mark)
 */
export function renderEntry(entry: DigestEntry, n: number, extras: boolean): string {
  const { paper } = entry;
  const links = paperLinks(paper);
  const title = escapeRich(paper.title) || '(untitled)';
  const lines = [
    `### [${n}] [${title}](${links.abs})`,
    authorsLine(paper.authors),
    '',
    mainCategoryLine(entry, extras),
    '',
    ...(extras ? extraLines(entry, links) : []),
    ...summaryLines(entry),
  ];
  return `${lines.join('\n')}\n`;
}

/** The reference joins names with "," and no space; we keep that (a comma inside a name is `&#44;`). */
function authorsLine(authors: string[]): string {
  const names = authors.map(escapeAuthor).filter((name) => name.length > 0);
  return names.length > 0 ? `*${names.join(',')}*` : '*(no authors listed)*';
}

function mainCategoryLine(entry: DigestEntry, extras: boolean): string {
  const main = `Main category: ${escapeInline(entry.paper.primaryCategory)}`;
  return extras && entry.crossList ? `${main} (cross-listed in ${escapeInline(entry.section)})` : main;
}

function extraLines(entry: DigestEntry, links: PaperLinks): string[] {
  const lines: string[] = [];
  const linkParts = [`[pdf](${links.pdf})`, `[html](${links.html})`];
  if (links.code) linkParts.push(`[code](${markdownDestination(links.code)})`);
  lines.push(linkParts.join(' · '), '');
  const comment = escapeInline(entry.paper.comment ?? '');
  if (comment) lines.push(`Comment: ${comment}`, '');
  const notes: string[] = [];
  if (entry.announceType === 'replace' || entry.announceType === 'replace-cross') {
    notes.push(`Announce type: ${entry.announceType} (v${entry.paper.version})`);
  }
  if (entry.firstSeen) notes.push(`First listed: ${escapeInline(entry.firstSeen)}`);
  if (notes.length > 0) lines.push(notes.join(' · '), '');
  return lines;
}

function summaryLines(entry: DigestEntry): string[] {
  const result = entry.summary;
  const abstract = `Abstract: ${escapeRich(entry.paper.abstract)}`;
  // A failed summary has no fields worth showing; the details block still carries the abstract.
  if (!result || result.meta.status === 'failed') {
    return [`TL;DR: ${unavailableLabel(result)}`, '', '', ...details([abstract])];
  }
  const s = result.summary;
  return [
    `TL;DR: ${fallbackLabel(result.meta)}${escapeRich(s.tldr)}`,
    '',
    '',
    ...details([
      `Motivation: ${escapeRich(s.motivation)}`,
      '',
      `Method: ${escapeRich(s.method)}`,
      '',
      `Result: ${escapeRich(s.result)}`,
      '',
      `Conclusion: ${escapeRich(s.conclusion)}`,
      '',
      abstract,
    ]),
  ];
}

function details(body: string[]): string[] {
  return ['<details>', '  <summary>Details</summary>', ...body, '', '</details>'];
}

/** Visible label before a fallback TL;DR; empty for `ok` (a built-in note such as a language is said once). */
function fallbackLabel(meta: SummaryMeta): string {
  if (meta.status !== 'fallback') return '';
  const reason = meta.reason ? escapeInline(meta.reason) : '';
  const what = meta.summarizer === 'builtin' ? 'built-in summary; LLM failed' : 'fallback summary';
  return reason ? `*(${what}: ${reason})* ` : `*(${what})* `;
}

function unavailableLabel(result: SummaryResult | null): string {
  const reason = result ? result.meta.reason : 'no summary was made';
  const text = reason ? escapeInline(reason) : '';
  return text ? `*Summary unavailable (${text}).*` : '*Summary unavailable.*';
}
