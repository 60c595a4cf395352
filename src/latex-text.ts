/**
 * Text-mode LaTeX in titles, abstracts and summaries (`\textbf{BFR}`, `{\em not}`, `50\%`, `Schr\"odinger`,
 * ``` ``quoted'' ```) read as what it means, not as source: each output (Markdown, the reader, email) gets runs of
 * text with a style and renders them its own way. Math spans are left whole for the math renderers, also inside a
 * formatting macro (`\textbf{$k$-means}`); a macro this module does not know (`\ORDebug{}`) stays as written, and
 * so does a formatting macro whose braces do not close. URLs are kept exactly as written. Time is linear in the
 * length. Pure and DOM-free: the reader's bundle uses it too.
 */
import { readUrl, unescape } from './latex-escapes.js';
import { MACROS, braceCloses, declarationAt, macroAt, own } from './latex-macros.js';
import type { Macro, Source } from './latex-macros.js';
import { mathRanges } from './math-split.js';

export interface TextStyle {
  bold: boolean;
  italic: boolean;
  mono: boolean;
  /**
   * The URL of a `\url{…}` or `\href{…}{…}` this text belongs to, whatever its scheme (an output that makes links
   * must allow only http(s)). The URL is always in the text as well, so an output may ignore this.
   */
  href?: string;
}

export type LatexRun = ({ kind: 'text'; text: string } & TextStyle) | { kind: 'math'; tex: string; display: boolean; source: string };

const PLAIN: TextStyle = { bold: false, italic: false, mono: false };

/** Deeper nesting is read as written (math still found): hostile input cannot exhaust the stack. */
const MAX_DEPTH = 32;

/**
 * Index after the group opened at `i` (`{…}`, `[…]`), nesting and skipping escapes (`\{`); null when it does not
 * close on this line. Shared with the LLM stage's math masking.
 */
export function groupEnd(text: string, i: number, open = '{', close = '}'): number | null {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return null;
    if (c === '\\') j++;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  return null;
}

/**
 * A macro's runs: formatting adds to the style. `\url{u}` is u as written; `\href{u}{t}` is t then " (u)", or
 * only u when t is u without its scheme. The URL is in the text so every output shows where a link points (and
 * Markdown and mail readers autolink it); the runs also carry it as `href` for outputs that make links.
 */
function readMacro(src: Source, { name, args }: Macro, style: TextStyle, depth: number, out: LatexRun[]): void {
  const [[open, close] = [0, 0], second] = args;
  const adds = own(MACROS, name);
  if (adds) {
    parse(src, open + 1, close, { ...style, ...adds }, depth + 1, out);
    return;
  }
  const href = readUrl(src.text.slice(open + 1, close).trim());
  const linked = { ...style, href };
  const label: LatexRun[] = [];
  if (second) parse(src, second[0] + 1, second[1], linked, depth + 1, label);
  if (!second || readsAs(label, href)) push(out, href, linked);
  else {
    for (const run of label) {
      if (run.kind === 'math') out.push(run);
      else push(out, run.text, { bold: run.bold, italic: run.italic, mono: run.mono, href });
    }
    push(out, ` (${href})`, linked);
  }
}

/** Whether link text is its URL, perhaps without the scheme (`\href{https://x.org/a}{x.org/a}`). */
function readsAs(label: LatexRun[], href: string): boolean {
  const bare = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return bare(label.map((r) => (r.kind === 'text' ? r.text : r.source)).join('')) === bare(href);
}

/**
 * The runs of `text.slice(from, to)` in `style`. Each character is looked at once: a macro's arguments are read
 * in place and the scan goes on after them.
 */
function parse(src: Source, from: number, to: number, style: TextStyle, depth: number, out: LatexRun[]): void {
  const { text } = src;
  let plain = from;
  for (let i = from; i < to; ) {
    const math = src.math.get(i);
    const macro = math || depth >= MAX_DEPTH ? null : text[i] === '\\' ? macroAt(src, i, to) : null;
    const group = math || macro || depth >= MAX_DEPTH || text[i] !== '{' ? null : declarationAt(src, i, to, style);
    if (!math && !macro && !group) {
      i++;
      continue;
    }
    push(out, unescape(text.slice(plain, i)), style);
    if (math) out.push({ kind: 'math', tex: math.tex, display: math.display, source: text.slice(math.start, math.end) });
    else if (macro) readMacro(src, macro, style, depth, out);
    else if (group) parse(src, group.from, group.close, group.style, depth + 1, out);
    i = math ? math.end : macro ? macro.end : (group?.close ?? i) + 1;
    plain = i;
  }
  push(out, unescape(text.slice(plain, to)), style);
}

function push(out: LatexRun[], text: string, style: TextStyle): void {
  if (!text) return;
  const last = out.at(-1);
  const same = last?.kind === 'text' && last.bold === style.bold && last.italic === style.italic && last.mono === style.mono && last.href === style.href;
  if (same) last.text += text;
  else out.push({ kind: 'text', text, ...style });
}

/** `text` as styled runs of text and whole math spans, in order; math inside a macro is styled around, not split. */
export function latexRuns(text: string): LatexRun[] {
  // No backslash, dollar or brace: no math, macro or group to find (most titles and author names), so no tables.
  if (!/[\\${]/.test(text)) {
    const out: LatexRun[] = [];
    push(out, unescape(text), PLAIN);
    return out;
  }
  const ranges = mathRanges(text);
  const src: Source = { text, math: new Map(ranges.map((r) => [r.start, r])), closes: braceCloses(text, ranges) };
  const out: LatexRun[] = [];
  parse(src, 0, text.length, PLAIN, 0, out);
  return out;
}

/** `text` with its formatting macros dropped and escapes read (math spans as written): for plain-text outputs. */
export function latexPlain(text: string): string {
  return latexRuns(text)
    .map((r) => (r.kind === 'math' ? r.source : r.text))
    .join('');
}
