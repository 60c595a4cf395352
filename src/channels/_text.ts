/**
 * Text helpers shared by the delivery channels (feeds, email, chat): every string from arXiv or a summarizer is
 * untrusted, so each channel cleans it with `plainText` and then escapes it for its own syntax.
 */
import { latexPlain, latexRuns } from '../latex-text.js';
import { cleanText } from '../render/escape.js';
import type { DigestEntry, SummaryField } from '../types.js';

/** Noncharacters and lone surrogates: not allowed in XML 1.0 and unsendable as UTF-8. */
const NOT_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * One line of clean text: no controls, no bidi overrides, no line breaks, nothing XML forbids; text-mode LaTeX
 * formatting read as plain text (`\textbf{BFR}` → BFR, `50\%` → 50%; math spans as written).
 */
export function plainText(text: string | null | undefined): string {
  return text ? latexPlain(cleanText(text.replace(NOT_XML, ''))) : '';
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for HTML text and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}

/**
 * One line of untrusted text as escaped HTML, cleaned as `plainText` cleans it, with text-mode LaTeX formatting
 * shown as such: `\textbf{BFR}` → `<b>BFR</b>`, `\emph{}` → `<i>`, `\texttt{}` → `<code>` (math spans as written).
 * For the HTML parts of email and feeds, whose readers render inline elements but no LaTeX.
 */
export function richHtml(text: string | null | undefined): string {
  if (!text) return '';
  return latexRuns(cleanText(text.replace(NOT_XML, '')))
    .map((run) => {
      if (run.kind === 'math') return escapeHtml(run.source);
      let out = escapeHtml(run.text);
      if (run.mono) out = `<code>${out}</code>`;
      if (run.italic) out = `<i>${out}</i>`;
      return run.bold ? `<b>${out}</b>` : out;
    })
    .join('');
}

/**
 * Cut to at most `max` characters (code points), ending with "…" when cut: at a word boundary when one is near
 * the end, and never inside a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  let head = chars.slice(0, Math.max(0, max - 1)).join('');
  const space = head.lastIndexOf(' ');
  if (space > 0 && head.length - space <= 30) head = head.slice(0, space);
  return `${head.trimEnd()}…`;
}

/** Shorten an author list for compact channels: "A, B, C et al." */
export function authorLine(authors: readonly string[], max = 5): string {
  const names = authors.map(plainText).filter((n) => n.length > 0);
  if (names.length === 0) return '(no authors listed)';
  return names.length > max ? `${names.slice(0, max).join(', ')} et al.` : names.join(', ');
}

/** Built once: a formatter costs far more than a format call, and every feed item needs one. */
const NEW_YORK_HOUR = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });

/**
 * The instant of an announcement date: 00:00 in New York, as arXiv's own feeds date it. The offset is found
 * with Intl so daylight saving time needs no table.
 */
export function announcedAt(date: string): Date {
  for (const offset of ['-05:00', '-04:00']) {
    const candidate = new Date(`${date}T00:00:00${offset}`);
    if (Number(NEW_YORK_HOUR.format(candidate)) === 0) return candidate;
  }
  return new Date(`${date}T05:00:00Z`);
}

export const FIELD_LABELS: Record<SummaryField, string> = {
  tldr: 'TL;DR',
  motivation: 'Motivation',
  method: 'Method',
  result: 'Result',
  conclusion: 'Conclusion',
};

/** What a channel shows of an entry's summary: a status note (fallback or unavailable) and the cleaned fields. */
export interface SummaryView {
  /** Null for an `ok` summary; else e.g. "built-in summary; LLM failed: timeout" or "Summary unavailable (…)". */
  note: string | null;
  /** False when there is no summary to show (failed or missing): only `note` is meaningful. */
  available: boolean;
  fields: Record<SummaryField, string>;
  /** The same fields as escaped HTML with their formatting (`richHtml`), for HTML parts. */
  html: Record<SummaryField, string>;
}

const EMPTY_FIELDS: Record<SummaryField, string> = { tldr: '', motivation: '', method: '', result: '', conclusion: '' };

/** The same labels as the Markdown digest, as plain text. */
export function summaryView(entry: DigestEntry): SummaryView {
  const result = entry.summary;
  if (!result || result.meta.status === 'failed') {
    const reason = plainText(result ? result.meta.reason : 'no summary was made');
    const note = reason ? `Summary unavailable (${reason}).` : 'Summary unavailable.';
    return { note, available: false, fields: EMPTY_FIELDS, html: EMPTY_FIELDS };
  }
  const s = result.summary;
  const fields = mapFields((f) => plainText(s[f]));
  const html = mapFields((f) => richHtml(s[f]));
  if (result.meta.status !== 'fallback') return { note: null, available: true, fields, html };
  const what = result.meta.summarizer === 'builtin' ? 'built-in summary; LLM failed' : 'fallback summary';
  const reason = plainText(result.meta.reason);
  return { note: reason ? `${what}: ${reason}` : what, available: true, fields, html };
}

function mapFields(value: (field: SummaryField) => string): Record<SummaryField, string> {
  return { tldr: value('tldr'), motivation: value('motivation'), method: value('method'), result: value('result'), conclusion: value('conclusion') };
}

/** The TL;DR line as plain text, with the fallback note in parentheses or the unavailable note. */
export function tldrText(view: SummaryView): string {
  if (!view.available) return view.note ?? '';
  return view.note ? `(${view.note}) ${view.fields.tldr}` : view.fields.tldr;
}
