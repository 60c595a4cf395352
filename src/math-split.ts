/**
 * Split text into plain runs and TeX math spans: `$$…$$`, `\[…\]` (display), `$…$`, `\(…\)` (inline).
 * Pure, so it is unit-tested in Node. `$` follows Pandoc's rule so prices stay text ("$5 and $10"): the opening
 * `$` has a non-space after it, the closing one a non-space before it and no digit after it; `\$` is a dollar.
 * Pandoc's rule alone still pairs a price with a later closing `$` ("costs $5. … while $x$"), so a span that
 * reads as a price is text too (`currency`).
 */

export type Segment = { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean; source: string };

/** A math span's place in the source text: `text.slice(start, end)` is the span with its delimiters. */
export interface MathRange {
  start: number;
  end: number;
  tex: string;
  display: boolean;
}

/** Longer spans are almost surely a stray `$`, and KaTeX time grows with length. */
const MAX_MATH = 2000;

interface Found {
  end: number;
  tex: string;
  display: boolean;
}

function closing(text: string, from: number, close: string): number {
  let i = text.indexOf(close, from);
  while (i > 0 && text[i - 1] === '\\' && close.startsWith('$')) i = text.indexOf(close, i + 1);
  return i;
}

type Find = (from: number) => number;

/**
 * `find` for one pass over a text, whose `from` never goes back: the last answer is reused while it still lies
 * ahead, so the searches of a pass together read the text about once. Searching afresh from every opener made an
 * abstract of unclosed `$a ` or `\(a ` quadratic (a 48 KB one took seconds per call).
 */
function ahead(find: Find): Find {
  let lastFrom = Infinity;
  let last = -1;
  return (from) => {
    if (from >= lastFrom && (last < 0 || last >= from)) return last;
    lastFrom = from;
    last = find(from);
    return last;
  };
}

/** The closing delimiters a pass over `text` looks for. */
interface Closers {
  /** A `$` that can close inline math: a non-space before it, no digit after it, not escaped. */
  dollar: Find;
  /** Any unescaped `$`. */
  anyDollar: Find;
  pair: Record<string, Find>;
}

function closers(text: string): Closers {
  const closesMath = (j: number): boolean => !/\s/.test(text[j - 1] ?? '') && !/\d/.test(text[j + 1] ?? '');
  const dollar = (from: number): number => {
    let j = closing(text, from, '$');
    while (j > 0 && !closesMath(j)) j = closing(text, j + 1, '$');
    return j;
  };
  const pair = (close: string): Find => ahead((from) => closing(text, from, close));
  return { dollar: ahead(dollar), anyDollar: ahead((from) => closing(text, from, '$')), pair: { '$$': pair('$$'), '\\]': pair('\\]'), '\\)': pair('\\)') } };
}

/** Prose inside a span: two plain words in a row (`per year`; `\leq k` is no word), or a new sentence. */
const PROSE = /(?<![\\\p{L}])\p{L}{2,}\s+\p{L}{2,}|[.!?]\s+\p{Lu}/u;

/**
 * A price the Pandoc rule paired with a later `$`: the span holds a `$` the rule skipped (`$5 to $10 … $x$`), or
 * it starts with a digit and runs on into prose (`$1.5 billion while x$`). Real math starting with a digit
 * (`$1$`, `$12\%$`, `$3 \times 3$`) has neither.
 */
function currency(tex: string, innerDollar: boolean): boolean {
  return innerDollar || (/^\d/.test(tex) && PROSE.test(tex));
}

function matchDollar(text: string, i: number, find: Closers): Found | null {
  if (/\s/.test(text[i + 1] ?? ' ')) return null;
  const j = find.dollar(i + 1);
  if (j < 0 || j - i > MAX_MATH) return null;
  // An unescaped `$` inside: TeX would have closed the span there, so the opener was never meant as math.
  const tex = text.slice(i + 1, j);
  return currency(tex, find.anyDollar(i + 1) < j) ? null : { end: j + 1, tex, display: false };
}

function matchAt(text: string, i: number, find: Closers): Found | null {
  const pairs: [string, string, boolean][] = [
    ['$$', '$$', true],
    ['\\[', '\\]', true],
    ['\\(', '\\)', false],
  ];
  for (const [open, close, display] of pairs) {
    if (!text.startsWith(open, i)) continue;
    const j = find.pair[close]?.(i + open.length) ?? -1;
    if (j < 0 || j - i > MAX_MATH) return null;
    const tex = text.slice(i + open.length, j);
    return tex.trim() ? { end: j + close.length, tex, display } : null;
  }
  return text[i] === '$' ? matchDollar(text, i, find) : null;
}

/**
 * Where the math spans are, by the same rules as `splitMath` (an escaped `\$` is never part of one): for code
 * that must leave math alone in the source text, such as a sentence splitter masking it.
 */
export function mathRanges(text: string): MathRange[] {
  const out: MathRange[] = [];
  const find = closers(text);
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const escapedDollar = ch === '\\' && text[i + 1] === '$';
    const found = !escapedDollar && (ch === '$' || ch === '\\') ? matchAt(text, i, find) : null;
    if (found) out.push({ start: i, end: found.end, tex: found.tex, display: found.display });
    i = found ? found.end : escapedDollar ? i + 2 : i + 1;
  }
  return out;
}

export function splitMath(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  const pushText = (s: string): void => {
    if (s) out.push({ kind: 'text', text: s.replace(/\\\$/g, '$') });
  };
  for (const r of mathRanges(text)) {
    pushText(text.slice(at, r.start));
    out.push({ kind: 'math', tex: r.tex, display: r.display, source: text.slice(r.start, r.end) });
    at = r.end;
  }
  pushText(text.slice(at));
  return out;
}

export function hasMath(text: string): boolean {
  return mathRanges(text).length > 0;
}
