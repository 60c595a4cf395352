/**
 * How latex-text.ts finds the macros it reads: the text is read once up front (its math spans, where each `{`
 * closes), so finding a macro's arguments is a lookup, not a scan to the end of an unclosed abstract.
 */
import type { MathRange } from './math-split.js';
import type { TextStyle } from './latex-text.js';

/** Formatting macros and what each adds to the style ({}: shown plainly, macro dropped). */
export const MACROS: Record<string, Partial<TextStyle>> = {
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

/** `{\em …}`, `{\bf …}` and the like: a declaration at the start of a group styles the rest of the group. */
const DECLARATIONS: Record<string, Partial<TextStyle>> = {
  em: { italic: true },
  it: { italic: true },
  itshape: { italic: true },
  sl: { italic: true },
  slshape: { italic: true },
  bf: { bold: true },
  bfseries: { bold: true },
  tt: { mono: true },
  ttfamily: { mono: true },
  rm: {},
  sf: {},
  sc: {},
  scshape: {},
  upshape: {},
  normalfont: {},
};

/** A table's own entry (`\\constructor` is no macro of ours). */
export function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

const MACRO_AT = /\\([a-zA-Z]+)\s*\{/y;
const ARGUMENT_AT = /\s*\{/y;
const DECLARATION_AT = /\s*\\([a-zA-Z]+)(?![a-zA-Z])\s*/y;

/** The text read once: its math spans by start, and where each `{` closes. */
export interface Source {
  text: string;
  math: Map<number, MathRange>;
  closes: Int32Array;
}

/**
 * For each `{`, the index of its `}` on the same line (-1: none), as `groupEnd` finds it but in one pass for all
 * braces (asking `groupEnd` at every macro read an unclosed abstract to its end each time). Math spans are
 * skipped whole, so a macro's braces close around the math inside it (`\textbf{$k$-means}`).
 */
export function braceCloses(text: string, math: MathRange[]): Int32Array {
  const closes = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  let m = 0;
  for (let i = 0; i < text.length; i++) {
    const span = math[m];
    if (span && i >= span.start) {
      i = span.end - 1;
      m++;
    } else if (text[i] === '\n') open.length = 0;
    else if (text[i] === '\\') i++;
    else if (text[i] === '{') open.push(i);
    else if (text[i] === '}' && open.length > 0) closes[open.pop() as number] = i;
  }
  return closes;
}

/** The `{…}` arguments at `at` and after it, as [open, close] pairs, and the index after the last; null when one is missing. */
function argumentsAt(src: Source, at: number, count: number, to: number): { args: [number, number][]; end: number } | null {
  const args: [number, number][] = [];
  for (let k = 0; k < count; k++) {
    ARGUMENT_AT.lastIndex = at;
    const open = ARGUMENT_AT.exec(src.text) ? ARGUMENT_AT.lastIndex - 1 : -1;
    const close = open < 0 ? -1 : src.closes[open] ?? -1;
    if (close < 0 || close >= to) return null;
    args.push([open, close]);
    at = close + 1;
  }
  return { args, end: at };
}

export interface Macro {
  name: string;
  args: [number, number][];
  end: number;
}

/** A macro this module reads (formatting, `\url`, `\href`) at `i` with all its arguments before `to`, else null. */
export function macroAt(src: Source, i: number, to: number): Macro | null {
  MACRO_AT.lastIndex = i;
  const name = MACRO_AT.exec(src.text)?.[1] ?? '';
  const count = own(MACROS, name) || name === 'url' ? 1 : name === 'href' ? 2 : 0;
  const found = count ? argumentsAt(src, i + 1 + name.length, count, to) : null;
  return found ? { name, ...found } : null;
}

/** A group opened at `i` by declarations (`{\bf\em …}`): where its text starts, its style, and its `}`. */
export function declarationAt(src: Source, i: number, to: number, style: TextStyle): { from: number; close: number; style: TextStyle } | null {
  const close = src.closes[i] ?? -1;
  if (close < 0 || close >= to) return null;
  let from = i + 1;
  let found: TextStyle | null = null;
  for (;;) {
    DECLARATION_AT.lastIndex = from;
    const adds = own(DECLARATIONS, DECLARATION_AT.exec(src.text)?.[1] ?? '');
    if (!adds) break;
    found = { ...(found ?? style), ...adds };
    from = DECLARATION_AT.lastIndex;
  }
  return found ? { from, close, style: found } : null;
}

