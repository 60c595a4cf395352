/**
 * Escaping for text that comes from a paper or a summarizer (all of it untrusted) before it goes into Markdown.
 *
 * Every field is written on one line after a label of ours (`TL;DR: `, `Abstract: `, `### [n] [`), so it can
 * never begin a Markdown block: newlines are collapsed and line-start syntax (`#`, `>`, `-`, `1.`) is harmless.
 * What remains is inline syntax, and that is neutralised with numeric character references (`&#42;`), not
 * backslashes, because the first field inside `<details>` sits in a raw HTML block where Markdown backslash
 * escapes are not processed (a `\*` would show its backslash) while character references work in both.
 *
 * LaTeX math (`$…$`) gets the same treatment on purpose. GitHub runs its Markdown inline parser inside math
 * before MathJax sees the text: it eats the backslash of `\{`, and `\hat{x}_{1}…y}_{2}` turns into emphasis.
 * Character references are decoded by that parser, so `$\hat{x}&#95;{1}$` reaches MathJax as `\hat{x}_{1}` and
 * renders right, while other renderers show the LaTeX as written. `$` itself is left alone, so math is still
 * recognised, and the common `x_i` (underscore between letters/digits, which cannot form emphasis) stays as is.
 * Fields are escaped on their own: each one starts and ends without an open delimiter.
 */
import { latexPlain, latexRuns } from '../latex-text.js';
import type { TextStyle } from '../latex-text.js';

/** Whitespace and line-like controls that become a plain space (tab, newlines, NEL, line/paragraph separators). */
const SPACE_LIKE = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * C0/C1 controls, DEL, bidi overrides/isolates and BOM, which can reorder or hide what a reader sees, and the
 * invisible separators (zero-width space, word joiner, invisible operators) that can disguise a word from a
 * search or a filter. Zero-width (non-)joiners stay: scripts and emoji need them.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Remove control characters and collapse all line breaks and runs of spaces into single spaces. */
export function cleanText(text: string): string {
  return text.replace(SPACE_LIKE, ' ').replace(CONTROLS, '').replace(/ {2,}/g, ' ').trim();
}

const CHARACTER_REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '[': '&#91;',
  ']': '&#93;',
  '`': '&#96;',
  '*': '&#42;',
};

const ALNUM = /^[\p{L}\p{N}]$/u;
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && ALNUM.test(ch);
}

/**
 * A `_` right after a letter or digit can at most close emphasis (`x_i`, `snake_case`, `y_{j}`), and a `~` after
 * `/` before a letter or digit can at most open strikethrough (`/~user/` in URLs). Every other `_` and `~` is
 * encoded, so no `_` opener and no `~` closer is ever left: neither emphasis nor strikethrough can form, while
 * identifiers, subscripts and home-page URLs read as written.
 */
function keepsDelimiter(ch: '_' | '~', prev: string | undefined, next: string | undefined): boolean {
  return ch === '_' ? isAlnum(prev) : prev === '/' && isAlnum(next);
}

function escapeChar(ch: string, prev: string | undefined, next: string | undefined): string {
  const reference = CHARACTER_REFERENCES[ch];
  if (reference) return reference;
  if (ch === '_' || ch === '~') return keepsDelimiter(ch, prev, next) ? ch : `&#${ch.charCodeAt(0)};`;
  // A backslash before ASCII punctuation would be eaten as an escape, and at the end of a line it is a hard
  // line break; elsewhere (`\alpha`) it is literal.
  if (ch === '\\' && (next === undefined || ASCII_PUNCTUATION.test(next))) return '&#92;';
  return ch;
}

/**
 * Escape one field for inline Markdown: cleaned (one line, no controls), HTML-inert (`& < >`), and unable to
 * make links, images, footnotes (`[ ]`), code spans, emphasis or strikethrough of its own. Safe in paragraphs,
 * link text and raw HTML blocks; renders as the original text.
 */
export function escapeInline(text: string): string {
  return escapeChars(cleanText(text));
}

function escapeChars(text: string): string {
  const chars = [...text];
  return chars.map((ch, i) => escapeChar(ch, chars[i - 1], chars[i + 1])).join('');
}

/**
 * `escapeInline` for text that may carry text-mode LaTeX (titles, abstracts, summaries): `\textbf{…}`,
 * `\emph{…}`, `\texttt{…}` become `<b>`, `<i>`, `<code>` around the escaped text (inline HTML that renders in
 * link text, paragraphs and the raw `<details>` block alike), `50\%` reads 50% (latex-text.ts). Math spans are
 * escaped as before; a `$` outside them is encoded, so no renderer pairs it into math the reader does not show.
 */
export function escapeRich(text: string): string {
  return latexRuns(cleanText(text))
    .map((run) => (run.kind === 'math' ? escapeChars(run.source) : styled(run)))
    .join('');
}

function styled(run: { text: string } & TextStyle): string {
  let out = escapeChars(run.text).replace(/\$/g, '&#36;');
  if (run.mono) out = `<code>${out}</code>`;
  if (run.italic) out = `<i>${out}</i>`;
  if (run.bold) out = `<b>${out}</b>`;
  return out;
}

/**
 * Escape one author name for the `*a,b,c*` line: its TeX read as the channels read it (`M\\"uller` → Müller), then
 * as `escapeInline`, with every `_` encoded too (the line is emphasis already), and `,` written as `&#44;` so a
 * tool splitting the raw line on "," still gets one name per author while the rendered name shows its comma.
 */
export function escapeAuthor(name: string): string {
  return escapeInline(latexPlain(cleanText(name))).replace(/_/g, '&#95;').replace(/,/g, '&#44;');
}

/** Escape a value for a single-quoted HTML attribute (section anchors). */
export function escapeAttribute(value: string): string {
  return cleanText(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
