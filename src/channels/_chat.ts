/**
 * What every chat message says, before any service's syntax: a heading, the day's counts, a link to the reader,
 * the top papers (title, authors, TL;DR, reasons when ranked) and how many more there are. Plain text only.
 */
import { ACKNOWLEDGEMENT } from '../render/markdown.js';
import { absUrl } from '../papers/ids.js';
import type { Digest } from '../types.js';
import { authorLine, plainText, summaryView, tldrText, truncate } from './_text.js';
import { readerUrl } from './reader-link.js';
import { allEntries, papers, sectionCounts, topEntries } from './select.js';
import type { TopOptions } from './select.js';

export interface ChatOptions extends TopOptions {
  /** Published site, for "Open the reader" and per-paper reader links; without it only arXiv links are shown. */
  siteUrl?: string;
  /** @default 'preprint-digest' */
  title?: string;
}

export interface ChatPaper {
  /** 1-based rank in the message. */
  n: number;
  title: string;
  authors: string;
  tldr: string;
  abs: string;
  /** The paper in the reader, or '' without a site URL. */
  reader: string;
  /** "0.83 · matched "diffusion" · follows A. Author", or '' for an unranked digest. */
  why: string;
}

export interface ChatDigest {
  heading: string;
  /** "12 papers (cs.LG 9 · stat.ML 3) · top 10 for you" */
  intro: string;
  reader: string;
  papers: ChatPaper[];
  /** Qualified papers not in `papers` (cut by the limit), for the "…and N more" line. */
  more: number;
  acknowledgement: string;
}

export function chatDigest(digest: Digest, options: ChatOptions = {}): ChatDigest {
  const selection = topEntries(digest, options);
  const total = allEntries(digest).length;
  const counts = sectionCounts(digest);
  const shown = selection.entries.length;
  const which = selection.ranked ? (shown > 0 ? `top ${shown} for you` : `no paper reaches the minimum score ${options.minScore}`) : shown < total ? `first ${shown}` : '';
  const intro = [`${papers(total)}${counts ? ` (${counts})` : ''}`, which].filter(Boolean).join(' · ');
  const site = options.siteUrl ?? '';
  return {
    heading: `${plainText(options.title ?? 'preprint-digest')} · ${digest.date}`,
    intro,
    reader: site ? readerUrl(site, digest.date) : '',
    papers: selection.entries.map((entry, i) => ({
      n: i + 1,
      title: plainText(entry.paper.title) || '(untitled)',
      authors: authorLine(entry.paper.authors),
      tldr: tldrText(summaryView(entry)),
      abs: absUrl(entry.paper.id),
      reader: site ? readerUrl(site, digest.date, entry.paper.id) : '',
      why: entry.relevance ? whyLine(entry.relevance.score, entry.relevance.reasons) : '',
    })),
    more: selection.more,
    acknowledgement: ACKNOWLEDGEMENT,
  };
}

function whyLine(score: number, reasons: readonly string[]): string {
  return [score.toFixed(2), ...reasons.map(plainText).filter(Boolean)].join(' · ');
}

/**
 * The longest prefix of `text` (cut with "…") whose escaped form is at most `max` long. Escaping can lengthen
 * text, so the cut is found on the escaped length, and a cut never lands inside an escape sequence.
 */
export function fitEscaped(text: string, max: number, escape: (s: string) => string): string {
  const length = [...text].length;
  let n = Math.min(length, max);
  for (;;) {
    const cut = n >= length ? text : truncate(text, n);
    const escaped = escape(cut);
    if (escaped.length <= max) return escaped;
    if (n <= 1) return '';
    // An escape sequence is at most 6 characters (`&quot;`), so this never overshoots by much.
    n = Math.max(1, n - Math.max(1, Math.ceil((escaped.length - max) / 6)));
  }
}
