/**
 * One digest entry as a feed item, shared by the Atom and JSON Feed writers: plain-text fields plus an HTML body
 * in which every string is escaped (feed readers render `content` as HTML).
 */
import { paperLinks } from '../render/links.js';
import { SUMMARY_FIELDS } from '../types.js';
import type { DigestEntry } from '../types.js';
import { FIELD_LABELS, announcedAt, escapeHtml, plainText, summaryView, tldrText } from './_text.js';
import { readerUrl } from './reader-link.js';

export interface FeedItemView {
  /** Stable across feeds and rebuilds: the same paper version has the same id in every feed. */
  id: string;
  title: string;
  /** Versionless abs page. */
  link: string;
  /** The paper in the reader's day page (the day listing it), when a site URL is set. */
  readerLink: string;
  authors: string[];
  categories: string[];
  date: Date;
  /** Plain-text TL;DR with the fallback note, or the unavailable note. */
  summary: string;
  contentHtml: string;
  contentText: string;
  /** BCP-47 code of the summary, when there is one. */
  language: string | null;
}

/** `urn:arxiv:2601.20868v2`: a replacement (new version) is a new item; a later cross-listing is not. */
export function feedItemId(entry: DigestEntry): string {
  return `urn:arxiv:${entry.paper.id}v${entry.paper.version}`;
}

/**
 * The day an entry is dated by in every feed: the first announcement of its version as far as the store knows.
 * A later listing of version 1 (a cross-listing) keeps the day the paper was first listed (`firstSeen`), so the
 * item's date does not move when the latest-days window slides past that day. `firstSeen` counts any version,
 * so a later version (a new item) is dated by the day that lists it.
 */
export function firstAnnounced(entry: DigestEntry, date: string): string {
  const { firstSeen } = entry;
  return entry.paper.version === 1 && firstSeen !== null && firstSeen < date ? firstSeen : date;
}

export function feedItem(entry: DigestEntry, date: string, siteUrl: string): FeedItemView {
  const { paper } = entry;
  const links = paperLinks(paper);
  const view = summaryView(entry);
  const reader = readerUrl(siteUrl, date, paper.id);
  const linkParts: [string, string][] = [['abs', links.abs], ['pdf', links.pdf], ['html', links.html]];
  if (links.code) linkParts.push(['code', links.code]);
  if (reader) linkParts.push(['reader', reader]);
  const lines = contentLines(entry, date);
  const html = [
    ...(view.note ? [`<p><em>${escapeHtml(view.note)}</em></p>`] : []),
    ...(view.available
      ? SUMMARY_FIELDS.map((f) => `<p><strong>${FIELD_LABELS[f]}:</strong> ${view.html[f]}</p>`)
      : []),
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p>${linkParts.map(([label, url]) => `<a href="${escapeHtml(url)}">${label}</a>`).join(' · ')}</p>`,
  ];
  const text = [
    ...(view.note ? [view.note] : []),
    ...(view.available ? SUMMARY_FIELDS.map((f) => `${FIELD_LABELS[f]}: ${view.fields[f]}`) : []),
    ...lines,
    ...linkParts.map(([label, url]) => `${label}: ${url}`),
  ];
  return {
    id: feedItemId(entry),
    title: plainText(paper.title) || '(untitled)',
    link: links.abs,
    readerLink: reader,
    authors: paper.authors.map(plainText).filter((a) => a.length > 0),
    categories: [...paper.categories],
    date: announcedAt(firstAnnounced(entry, date)),
    summary: tldrText(view),
    contentHtml: html.join('\n'),
    contentText: text.join('\n\n'),
    language: view.available && entry.summary ? entry.summary.meta.language : null,
  };
}

/** Category, announcement, comment and relevance lines, as plain text. */
function contentLines(entry: DigestEntry, date: string): string[] {
  const { paper } = entry;
  const lines = [`Categories: ${paper.categories.map(plainText).join(', ')} (primary ${plainText(paper.primaryCategory)})`];
  const replaced = entry.announceType === 'replace' || entry.announceType === 'replace-cross';
  lines.push(`Announced ${date} (${entry.announceType}${replaced ? `, v${paper.version}` : ''})`);
  const comment = plainText(paper.comment);
  if (comment) lines.push(`Comment: ${comment}`);
  if (entry.relevance && entry.relevance.reasons.length > 0) {
    lines.push(`Why: ${entry.relevance.reasons.map(plainText).join('; ')}`);
  }
  return lines;
}
