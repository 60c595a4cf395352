/**
 * The day's digest as Markdown in the reference layout (`../shared/reference/reference-digest.md`): toc anchor,
 * "Table of Contents" with `[Total: n]` per category, one section per category with `[[Back]](#toc)`, one global
 * numbering. Pure: the caller (`writeDigest`) does the I/O.
 */
import type { Digest, DigestEntry, DigestSection } from '../types.js';
import { renderEntry } from './entry.js';
import { escapeAttribute, escapeInline, escapeRich } from './escape.js';

export interface MarkdownOptions {
  /**
   * Add what the reference lacks: pdf/html/code links, comment, replacement and first-listed notes, the
   * cross-list mark on `Main category:` and a note on the summaries at the end. Off gives the reference's
   * exact 21-line entries (fallback/failure labels and the acknowledgement are always there).
   * @default true
   */
  extras?: boolean;
}

/** arXiv asks users of its APIs to carry this line; it ends every digest. */
export const ACKNOWLEDGEMENT = 'Thank you to arXiv for use of its open access interoperability.';
/** Body of a section with no entries (the category still gets its TOC line with `[Total: 0]`). */
export const NO_PAPERS = 'No papers today.';

export function renderMarkdown(digest: Digest, options: MarkdownOptions = {}): string {
  const extras = options.extras ?? true;
  let n = 0;
  const sections = digest.sections.map((section) =>
    renderSection(
      section.category,
      section.entries.map((entry) => withRelevance(renderEntry(entry, ++n, extras), entry, extras)),
    ),
  );
  const forYou = extras && digest.forYou ? renderForYou(digest, digest.forYou) : '';
  return [renderToc(digest.sections), renderIncomplete(digest), forYou, ...sections, renderFooter(digest, extras)].join('');
}

/**
 * A day known to lack papers says so right after the table of contents, extras or not: a reader must not take
 * it as complete. An `##` heading like "For you", so parsers of the reference layout pass over it.
 */
function renderIncomplete(digest: Digest): string {
  if (!digest.incomplete?.length) return '';
  const lines = digest.incomplete.map((m) => `- ${escapeInline(m)}`);
  return `\n## Incomplete day\n\nThis digest lacks papers arXiv announced:\n\n${lines.join('\n')}\n`;
}

/** Anchor of an entry in a ranked digest (arXiv ids are safe in an attribute and a fragment). */
export function paperAnchor(id: string): string {
  return `paper-${id}`;
}

/**
 * A ranked entry gets a `Relevance: 0.83 · reason · reason` paragraph just before its TL;DR, opening with the
 * entry's anchor (the "For you" links point there). Library papers say "in your library" first.
 */
function withRelevance(rendered: string, entry: DigestEntry, extras: boolean): string {
  const r = entry.relevance;
  if (!extras || !r) return rendered;
  const at = rendered.indexOf('\nTL;DR: ');
  if (at < 0) return rendered;
  const line = [`Relevance: ${r.score.toFixed(2)}`, ...r.reasons.map(escapeInline)].join(' · ');
  const anchor = `<a id='${escapeAttribute(paperAnchor(entry.paper.id))}'></a>`;
  return `${rendered.slice(0, at + 1)}${anchor}${line}\n\n${rendered.slice(at + 1)}`;
}

/**
 * "For you": the top papers as links to their entries, after the table of contents and before the first
 * section (an `##` heading, so parsers of the reference's `#` sections and `###` entries pass over it).
 */
function renderForYou(digest: Digest, ids: readonly string[]): string {
  const entries = new Map(digest.sections.flatMap((s) => s.entries).map((e) => [e.paper.id, e]));
  const items = ids.flatMap((id, i) => {
    const e = entries.get(id);
    if (!e?.relevance) return [];
    const title = escapeRich(e.paper.title) || '(untitled)';
    // Two reasons of different kinds ("matched …", "similar to …", "terms: …") say more than two of one kind.
    const kinds = new Set<string>();
    const picked = e.relevance.reasons.filter((r) => !kinds.has(r.split(' ')[0] ?? '') && kinds.add(r.split(' ')[0] ?? ''));
    const why = picked.slice(0, 2).map(escapeInline).join('; ');
    return [`${i + 1}. [${title}](#${paperAnchor(id)}) · ${e.relevance.score.toFixed(2)}${why ? ` · ${why}` : ''}`];
  });
  const body = items.length > 0 ? items.join('\n') : 'No paper matched your interest profile today.';
  return `\n## For you\n\n${body}\n`;
}

function renderToc(sections: DigestSection[]): string {
  const bullets = sections.map(
    (s) => `- [${escapeInline(s.category)}](#${anchor(s.category)}) [Total: ${s.entries.length}]\n`,
  );
  return `<div id=toc></div>\n\n# Table of Contents\n\n${bullets.join('')}`;
}

function renderSection(category: string, entries: string[]): string {
  const head = `\n\n<div id='${escapeAttribute(category)}'></div>\n\n# ${escapeInline(category)} [[Back]](#toc)\n\n`;
  return head + (entries.length > 0 ? entries.join('\n\n') : `${NO_PAPERS}\n`);
}

/** Category ids are `[a-z-]+(\.[A-Za-z-]+)?`; anything else is percent-encoded so the link cannot break. */
function anchor(category: string): string {
  return encodeURIComponent(category).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function renderFooter(digest: Digest, extras: boolean): string {
  const lines: string[] = [];
  if (extras) {
    const entries = digest.sections.flatMap((s) => s.entries);
    lines.push('---', '', `*${escapeInline(digestNote(digest, entries))}*`, '');
    if (digest.reconstructed) {
      lines.push(
        '*Rebuilt from submission dates through the arXiv export API: the announcement feed was not available, so the list may differ from what arXiv announced.*',
        '',
      );
    }
  }
  lines.push(ACKNOWLEDGEMENT);
  return `\n\n${lines.join('\n')}\n`;
}

/** One line saying which summarizer, model and language made the summaries, and how many fell back or failed. */
export function digestNote(digest: Digest, entries: DigestEntry[]): string {
  const groups = new Map<string, number>();
  let fallbacks = 0;
  let unavailable = 0;
  for (const { summary } of entries) {
    const meta = summary?.meta;
    if (!meta || meta.status === 'failed') {
      unavailable++;
      continue;
    }
    if (meta.status === 'fallback') fallbacks++;
    const who = meta.summarizer === 'llm' ? 'LLM' : 'built-in summarizer';
    const key = `${who} ${meta.model} (${meta.language})`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const parts = [...groups].map(([key, count]) => `${key}: ${count}`);
  if (fallbacks > 0) parts.push(`fallbacks: ${fallbacks}`);
  if (unavailable > 0) parts.push(`unavailable: ${unavailable}`);
  const papers = `${entries.length} ${entries.length === 1 ? 'paper' : 'papers'}`;
  const summaries = parts.length > 0 ? ` Summaries by ${parts.join('; ')}.` : '';
  return `Digest of ${digest.date}: ${papers}.${summaries}`;
}
