/**
 * Input hygiene before an abstract reaches a model: strip invisible and bidi characters (prompt smuggling),
 * and replace LaTeX by opaque tokens `⟦M1⟧`, `⟦M2⟧` … so no backslash can be mangled by JSON escaping and
 * math comes back exactly as written.
 */
import { latexRuns } from '../../latex-text.js';
import { mathRanges } from '../../math-split.js';

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
 * Replace math spans (`$$…$$`, `$…$`, `\(…\)`, `\[…\]`: exactly those the renderers treat as math, by
 * math-split.ts's rules, so a price such as "$108M" or an escaped `\$` stays text), `\begin{x}…\end{x}` and LaTeX
 * commands outside math (`\textbf{…}`, `\%`, `\$` …) by tokens; identical spans share a token. No span crosses a
 * line break (abstracts are one line; callers may join title and abstract with "\n" and split the masked text
 * there). `⟦`/`⟧` already in the input are masked too, so the masked text holds no token-like string of its own.
 * `restoreMath` gives the text back exactly.
 */
export function maskMath(text: string): MaskedText {
  const masker = createMasker();
  masker.lines(text, (line) => {
    let at = 0;
    for (const r of mathRanges(line)) {
      masker.text(line.slice(at, r.start));
      masker.span(line.slice(r.start, r.end));
      at = r.end;
    }
    masker.text(line.slice(at));
  });
  return masker.done();
}

/**
 * What the model reads: like `maskMath`, but text-mode LaTeX outside math is read as its words first
 * (`\emph{new}` → new, `50\%` → 50%, `\$5` → $5; latex-text.ts), since the model must see them and the summary
 * carries them as plain text. Math spans are found in the source as written, before escapes are read, so
 * `\$1.2M … $x$` masks `$x$` only. `restoreMath` gives back the read text with its math as written.
 */
export function maskReadable(text: string): MaskedText {
  const masker = createMasker();
  masker.lines(text, (line) => {
    let plain = '';
    for (const run of latexRuns(line)) {
      if (run.kind === 'text') {
        plain += run.text;
        continue;
      }
      masker.text(plain);
      masker.span(run.source);
      plain = '';
    }
    masker.text(plain);
  });
  return masker.done();
}

interface Masker {
  /** Mask each line of `text` with `each`, keeping the line breaks. */
  lines(text: string, each: (line: string) => void): void;
  /** A whole span (a formula) as one token. */
  span(span: string): void;
  /** Text outside math: commands, control symbols and token brackets become tokens, the rest stays. */
  text(text: string): void;
  done(): MaskedText;
}

function createMasker(): Masker {
  const parts: string[] = [];
  const table = new Map<string, string>();
  const bySpan = new Map<string, string>();
  const span = (s: string): void => {
    let token = bySpan.get(s);
    if (!token) {
      token = `⟦M${bySpan.size + 1}⟧`;
      bySpan.set(s, token);
      table.set(token, s);
    }
    parts.push(token);
  };
  const text = (s: string): void => {
    let plain = 0;
    const groups = { '{': closers(s, '{', '}'), '[': closers(s, '[', ']'), next: nextOf(s) };
    for (let i = 0; i < s.length; ) {
      const end = spanEnd(s, i, groups);
      if (end === null) {
        i++;
        continue;
      }
      parts.push(s.slice(plain, i));
      span(s.slice(i, end));
      plain = i = end;
    }
    parts.push(s.slice(plain));
  };
  const lines = (s: string, each: (line: string) => void): void => {
    s.split('\n').forEach((line, n) => {
      if (n > 0) parts.push('\n');
      each(line);
    });
  };
  return { lines, span, text, done: () => ({ masked: parts.join(''), tokens: [...table.keys()], table }) };
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

/** Where each `{…}` / `[…]` group closes, and the next `needle` at or after `from`. */
type Groups = Record<'{' | '[', Int32Array> & { next(needle: string, from: number): number };

/** `text.indexOf` for searches that only move forward: the last answer is reused while it still lies ahead. */
function nextOf(text: string): Groups['next'] {
  const last = new Map<string, number>();
  return (needle, from) => {
    const known = last.get(needle);
    if (known !== undefined && (known < 0 || known >= from)) return known;
    const at = text.indexOf(needle, from);
    last.set(needle, at);
    return at;
  };
}

/**
 * For each `open`, the index after its `close` on the same line (-1: none), as `groupEnd` finds it but in one pass
 * for all of them: asking `groupEnd` at every command read an abstract of unclosed `\emph{a ` to its end each time.
 */
function closers(text: string, open: string, close: string): Int32Array {
  const ends = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') stack.length = 0;
    else if (c === '\\') i++;
    else if (c === open) stack.push(i);
    else if (c === close && stack.length > 0) ends[stack.pop() as number] = i + 1;
  }
  return ends;
}

/** End of the maskable span starting at `i` in text outside math, or null when `text[i]` is plain text. */
function spanEnd(text: string, i: number, groups: Groups): number | null {
  const c = text[i];
  if (c === '⟦' || c === '⟧') return i + (/^⟦M\d+⟧/.exec(text.slice(i, i + 24))?.[0].length ?? 1);
  if (c !== '\\') return null;
  const next = text[i + 1];
  if (next === undefined) return i + 1;
  if (!/[A-Za-z]/.test(next)) return i + 2; // control symbol: \% \$ \& \\ \{ \, and an unclosed \( or \[
  return commandEnd(text, i, groups);
}

/** `\name*` with its `{…}` and `[…]` arguments; a whole `\begin{env}…\end{env}` block when closed. */
function commandEnd(text: string, i: number, groups: Groups): number {
  const name = /^\\[A-Za-z]+\*?/.exec(text.slice(i, i + 64))![0];
  let j = i + name.length;
  for (;;) {
    const c = text[j];
    const close = c === '{' || c === '[' ? (groups[c][j] ?? -1) : -1;
    if (close < 0) break;
    j = close;
  }
  if (name === '\\begin' && j > i + name.length) {
    const end = `\\end${text.slice(i + name.length, text.indexOf('}', i) + 1)}`;
    const at = groups.next(end, j);
    const line = groups.next('\n', j);
    if (at >= 0 && (line < 0 || line > at)) return at + end.length;
  }
  return j;
}

