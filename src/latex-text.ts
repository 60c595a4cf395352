/**
 * Text-mode LaTeX in titles, abstracts and summaries (`\textbf{BFR}`, `\emph{not}`, `50\%`, ``` ``quoted'' ```)
 * read as what it means, not as source: each output (Markdown, the reader, email) gets runs of text with a style
 * and renders them its own way. Math spans are left whole for the math renderers; a macro this module does not
 * know (`\ORDebug{}`) stays as written, and so does a formatting macro whose braces do not close. Pure and
 * DOM-free: the reader's bundle uses it too.
 */
import { splitMath } from './math-split.js';

export interface TextStyle {
  bold: boolean;
  italic: boolean;
  mono: boolean;
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

/** Index of the `}` closing the `{` at `open`, or -1 (a `\{` or `\}` does not count). */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Text-mode escapes and TeX quotes in a run of plain text: `\%` → %, ``` ``a'' ``` → “a”. */
function unescape(text: string): string {
  return text.replace(/\\([%&#_])/g, '$1').replace(/``(?=\S)([^`']*?\S)''/g, '“$1”');
}

function parseText(text: string, style: TextStyle, out: LatexRun[]): void {
  let from = 0;
  for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 1)) {
    MACRO_AT.lastIndex = i;
    const m = MACRO_AT.exec(text);
    const adds = m ? MACROS[m[1]!] : undefined;
    const close = m && adds ? closingBrace(text, i + m[0].length - 1) : -1;
    if (close < 0) continue;
    push(out, unescape(text.slice(from, i)), style);
    parseText(text.slice(i + m![0].length, close), { ...style, ...adds }, out);
    from = close + 1;
    i = close;
  }
  push(out, unescape(text.slice(from)), style);
}

function push(out: LatexRun[], text: string, style: TextStyle): void {
  if (!text) return;
  const last = out.at(-1);
  if (last?.kind === 'text' && last.bold === style.bold && last.italic === style.italic && last.mono === style.mono) last.text += text;
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
