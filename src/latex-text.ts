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
 * Text-mode escapes, TeX quotes and dashes in a run of plain text: `\%` → %, ``` ``a'' ``` → “a”,
 * `Kullback--Leibler` and `3--5` → en dash, `a---b` → em dash; only between two letters or digits, so a spaced
 * ` -- `, a `--flag`, a `-->` or a Markdown-looking `---` stays as written.
 */
function unescape(text: string): string {
  return text
    .replace(/\\([%&#_])/g, '$1')
    .replace(/``(?=\S)([^`']*?\S)''/g, '“$1”')
    .replace(/(?<=[\p{L}\p{N}])---(?=[\p{L}\p{N}])/gu, '—')
    .replace(/(?<=[\p{L}\p{N}])--(?=[\p{L}\p{N}])/gu, '–');
}

function parseText(text: string, style: TextStyle, out: LatexRun[]): void {
  let from = 0;
  for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 1)) {
    MACRO_AT.lastIndex = i;
    const m = MACRO_AT.exec(text);
    const adds = m ? MACROS[m[1]!] : undefined;
    const end = m && adds ? groupEnd(text, i + m[0].length - 1) : null;
    if (end === null) continue;
    push(out, unescape(text.slice(from, i)), style);
    parseText(text.slice(i + m![0].length, end - 1), { ...style, ...adds }, out);
    from = end;
    i = end - 1;
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
