/**
 * Text-mode LaTeX in titles, abstracts and summaries (`\textbf{BFR}`, `\emph{not}`, `50\%`, ``` ``quoted'' ```)
 * read as what it means, not as source: each output (Markdown, the reader, email) gets runs of text with a style
 * and renders them its own way. Math spans are left whole for the math renderers; a macro this module does not
 * know (`\ORDebug{}`) stays as written, and so does a formatting macro whose braces do not close. URLs are kept
 * exactly as written. Pure and DOM-free: the reader's bundle uses it too.
 */
import { readUrl, unescape } from './latex-escapes.js';
import { splitMath } from './math-split.js';

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

/** Formatting macros and what each adds to the style ({}: shown plainly, macro dropped). */
const MACROS: Record<string, Partial<TextStyle>> = {
  textbf: { bold: true },
  textit: { italic: true },
  emph: { italic: true },
  textsl: { italic: true },
  texttt: { mono: true },
  textsc: {},
  textrm: {},
  textsf: {},
  textup: {},
  textmd: {},
  textnormal: {},
  text: {},
  mbox: {},
  underline: {},
};

const MACRO_AT = /\\([a-zA-Z]+)\s*\{/y;
const ARGUMENT_AT = /\s*\{/y;

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

/** The text of each `{…}` argument at `at` and after it, and the index after the last; null when one is missing. */
function argumentsAt(text: string, at: number, count: number): { args: string[]; end: number } | null {
  const args: string[] = [];
  for (let k = 0; k < count; k++) {
    ARGUMENT_AT.lastIndex = at;
    const open = ARGUMENT_AT.exec(text) ? ARGUMENT_AT.lastIndex - 1 : -1;
    const end = open < 0 ? null : groupEnd(text, open);
    if (end === null) return null;
    args.push(text.slice(open + 1, end - 1));
    at = end;
  }
  return { args, end: at };
}

interface Macro {
  name: string;
  args: string[];
  end: number;
}

/** A macro this module reads (formatting, `\url`, `\href`) at `i` with all its arguments, else null. */
function macroAt(text: string, i: number): Macro | null {
  MACRO_AT.lastIndex = i;
  const name = MACRO_AT.exec(text)?.[1] ?? '';
  const count = MACROS[name] || name === 'url' ? 1 : name === 'href' ? 2 : 0;
  const found = count ? argumentsAt(text, i + 1 + name.length, count) : null;
  return found ? { name, ...found } : null;
}

/**
 * A macro's runs: formatting adds to the style. `\url{u}` is u as written; `\href{u}{t}` is t then " (u)", or
 * only u when t is u without its scheme. The URL is in the text so every output shows where a link points (and
 * Markdown and mail readers autolink it); the runs also carry it as `href` for outputs that make links.
 */
function readMacro({ name, args }: Macro, style: TextStyle, out: LatexRun[]): void {
  const [first = '', second] = args;
  const adds = MACROS[name];
  if (adds) {
    parseText(first, { ...style, ...adds }, out);
    return;
  }
  const href = readUrl(first.trim());
  const linked = { ...style, href };
  const label: LatexRun[] = [];
  if (second !== undefined) parseText(second, linked, label);
  if (second === undefined || readsAs(label, href)) push(out, href, linked);
  else {
    for (const run of label) if (run.kind === 'text') push(out, run.text, { bold: run.bold, italic: run.italic, mono: run.mono, href });
    push(out, ` (${href})`, linked);
  }
}

/** Whether link text is its URL, perhaps without the scheme (`\href{https://x.org/a}{x.org/a}`). */
function readsAs(label: LatexRun[], href: string): boolean {
  const bare = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return bare(label.map((r) => (r.kind === 'text' ? r.text : r.source)).join('')) === bare(href);
}

function parseText(text: string, style: TextStyle, out: LatexRun[]): void {
  let from = 0;
  for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 1)) {
    const macro = macroAt(text, i);
    if (!macro) continue;
    push(out, unescape(text.slice(from, i)), style);
    readMacro(macro, style, out);
    from = macro.end;
    i = macro.end - 1;
  }
  push(out, unescape(text.slice(from)), style);
}

function push(out: LatexRun[], text: string, style: TextStyle): void {
  if (!text) return;
  const last = out.at(-1);
  const same = last?.kind === 'text' && last.bold === style.bold && last.italic === style.italic && last.mono === style.mono && last.href === style.href;
  if (same) last.text += text;
  else out.push({ kind: 'text', text, ...style });
}

/** `text` as styled runs of text and whole math spans, in order. */
export function latexRuns(text: string): LatexRun[] {
  const out: LatexRun[] = [];
  for (const seg of splitMath(text)) {
    if (seg.kind === 'math') out.push(seg);
    else parseText(seg.text, PLAIN, out);
  }
  return out;
}

/** `text` with its formatting macros dropped and escapes read (math spans as written): for plain-text outputs. */
export function latexPlain(text: string): string {
  return latexRuns(text)
    .map((r) => (r.kind === 'math' ? r.source : r.text))
    .join('');
}
