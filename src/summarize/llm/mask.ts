/**
 * Input hygiene before an abstract reaches a model: strip invisible and bidi characters (prompt smuggling),
 * and replace LaTeX by opaque tokens `⟦M1⟧`, `⟦M2⟧` … so no backslash can be mangled by JSON escaping and
 * math comes back exactly as written.
 */
import { groupEnd } from '../../latex-text.js';

// Format (zero-width, bidi, BOM, tags, soft hyphen), private-use and lone surrogates; variation selectors
// and Hangul fillers render as nothing too and are used to hide text.
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cs}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u115F\u1160\u3164\uFFA0\uFDD0-\uFDEF\uFFFE\uFFFF]/gu;
const CONTROL_EXCEPT_NEWLINE = /(?!\n)\p{Cc}/gu;

/** Strip invisible, bidi-control, private-use and control characters (keeping \n); normalise whitespace. */
export function sanitizeInput(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\x85]/g, '\n')
    .replace(/[\t\v\f]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(CONTROL_EXCEPT_NEWLINE, '')
    .replace(/\p{Zs}+/gu, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface MaskedText {
  masked: string;
  /** The distinct tokens in order of first use. */
  tokens: string[];
  /** token → the exact source span it stands for. */
  table: Map<string, string>;
}

/**
 * Replace math spans (`$$…$$`, `$…$`, `\(…\)`, `\[…\]`, `\begin{x}…\end{x}`) and LaTeX commands outside math
 * (`\textbf{…}`, `\%`, `\$` …) by tokens; identical spans share a token. A `$` without a closing partner (a
 * price, "$108M") stays text. No span crosses a line break (abstracts are one line; callers may join title and
 * abstract with "\n" and split the masked text there). `⟦`/`⟧` already in the input are masked too, so the
 * masked text holds no token-like string of its own.
 */
export function maskMath(text: string): MaskedText {
  const parts: string[] = [];
  const table = new Map<string, string>();
  const bySpan = new Map<string, string>();
  let plain = 0;
  let i = 0;
  while (i < text.length) {
    const end = spanEnd(text, i);
    if (end === null) {
      i++;
      continue;
    }
    const span = text.slice(i, end);
    let token = bySpan.get(span);
    if (!token) {
      token = `⟦M${bySpan.size + 1}⟧`;
      bySpan.set(span, token);
      table.set(token, span);
    }
    parts.push(text.slice(plain, i), token);
    plain = i = end;
  }
  parts.push(text.slice(plain));
  return { masked: parts.join(''), tokens: [...table.keys()], table };
}

/**
 * Put the spans back. A token may be used twice or not at all (`missing`); tokens not in the table were
 * invented by the model (`unknown`) and are left as they are.
 */
export function restoreMath(text: string, table: ReadonlyMap<string, string>): { text: string; missing: string[]; unknown: string[] } {
  const seen = new Set<string>();
  const unknown = new Set<string>();
  // A replacer function: a span is inserted as is, `$&` or `$$` in it mean nothing.
  const restored = text.replace(/⟦M\d+⟧/g, (token) => {
    const span = table.get(token);
    if (span === undefined) {
      unknown.add(token);
      return token;
    }
    seen.add(token);
    return span;
  });
  return { text: restored, missing: [...table.keys()].filter((t) => !seen.has(t)), unknown: [...unknown] };
}

/** End of the maskable span starting at `i`, or null when `text[i]` is plain text. */
function spanEnd(text: string, i: number): number | null {
  const c = text[i];
  if (c === '⟦' || c === '⟧') return i + (/^⟦M\d+⟧/.exec(text.slice(i, i + 24))?.[0].length ?? 1);
  if (c === '$') return text[i + 1] === '$' ? displayDollarEnd(text, i) : inlineDollarEnd(text, i);
  if (c !== '\\') return null;
  const next = text[i + 1];
  if (next === '(') return closeAfter(text, i + 2, '\\)') ?? i + 2;
  if (next === '[') return closeAfter(text, i + 2, '\\]') ?? i + 2;
  if (next === undefined) return i + 1;
  if (!/[A-Za-z]/.test(next)) return i + 2; // control symbol: \% \$ \& \\ \{ \, …
  return commandEnd(text, i);
}

/** `$$…$$`; an unclosed `$$` is text. */
function displayDollarEnd(text: string, i: number): number | null {
  const close = closeAfter(text, i + 2, '$$');
  return close !== null && close > i + 4 ? close : null;
}

/**
 * Inline `$…$` by Pandoc's rule: the opening `$` is followed by a non-space, the closing one is preceded by a
 * non-space and not followed by a digit; no line break inside (so "$5 and $10" stays text).
 */
function inlineDollarEnd(text: string, i: number): number | null {
  if (i + 1 >= text.length || /\s/.test(text[i + 1]!)) return null;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '\n') return null;
    else if (c === '$' && j > i + 1 && !/\s/.test(text[j - 1]!) && !/\d/.test(text[j + 1] ?? '')) return j + 1;
  }
  return null;
}

/** Index just after `closer` on the same line, skipping backslash escapes; null if absent. */
function closeAfter(text: string, from: number, closer: string): number | null {
  for (let j = from; j < text.length; j++) {
    if (text.startsWith(closer, j)) return j + closer.length;
    if (text[j] === '\\') j++;
    else if (text[j] === '\n') return null;
  }
  return null;
}

/** `\name*` with its `{…}` and `[…]` arguments; a whole `\begin{env}…\end{env}` block when closed. */
function commandEnd(text: string, i: number): number {
  const name = /^\\[A-Za-z]+\*?/.exec(text.slice(i, i + 64))![0];
  let j = i + name.length;
  for (;;) {
    const c = text[j];
    const close = c === '{' ? groupEnd(text, j, '{', '}') : c === '[' ? groupEnd(text, j, '[', ']') : null;
    if (close === null) break;
    j = close;
  }
  if (name === '\\begin' && j > i + name.length) {
    const end = `\\end${text.slice(i + name.length, text.indexOf('}', i) + 1)}`;
    const at = text.indexOf(end, j);
    if (at >= 0 && !text.slice(j, at).includes('\n')) return at + end.length;
  }
  return j;
}

