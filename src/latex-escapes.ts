/**
 * Text-mode escapes, accents, TeX quotes and dashes read as the characters they stand for, except inside URLs,
 * which are addresses and stay as written (only their escapes are read). Pure; used by latex-text.ts and for the
 * author names of arXiv's metadata records (backfill/authors.ts).
 */

/** Text-mode escapes read as their character (`\%` → %, `\$` → $), in prose and URLs alike. */
function readEscapes(text: string): string {
  return text.replace(/\\([%&#_$])/g, '$1');
}

// Accent commands → Unicode combining marks; NFC then composes letter + mark into one character.
const SYMBOL_ACCENTS: Record<string, string> = { "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307' };
const LETTER_ACCENTS: Record<string, string> = { u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a' };
const LETTERS: Record<string, string> = { ss: 'ß', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', ae: 'æ', AE: 'Æ', aa: 'å', AA: 'Å', oe: 'œ', OE: 'Œ', i: 'i', j: 'j' };

const LETTER = String.raw`(\\?[A-Za-z])`;
/**
 * One accented or special letter: `\'e`, `\'{e}`, `\"{\i}`, `\c{c}`, `\v s`, `\ss`, `\o`, `\l{}`. A letter accent
 * needs a space or a brace (`\u00e9` is not `\u` on `0`), and a named letter must end its word (`\label`).
 */
const ACCENTED = String.raw`\\(?:(['\`^"~=.])\s*(?:\{\s*${LETTER}\s*\}|${LETTER})|([uvHckr])(?:\s*\{\s*${LETTER}\s*\}|\s+${LETTER})|(ss|ae|AE|aa|AA|oe|OE|[oOlLij])(?![A-Za-z])(?:\{\}|\s?))`;
/** The same inside a group of its own (`Poincar{\'e}`, `{\ss}`): the braces only protect it, so they go too. */
const BRACED_RE = new RegExp(String.raw`\{\s*${ACCENTED}\s*\}`, 'g');
const ACCENTED_RE = new RegExp(ACCENTED, 'g');

function letterOf(...[, symbol, a, b, accent, c, d, named]: (string | undefined)[]): string {
  if (named) return LETTERS[named] ?? named;
  const letter = a ?? b ?? c ?? d ?? '';
  const base = letter.startsWith('\\') ? (LETTERS[letter.slice(1)] ?? letter.slice(1)) : letter;
  return (base + (SYMBOL_ACCENTS[symbol ?? ''] ?? LETTER_ACCENTS[accent ?? ''] ?? '')).normalize('NFC');
}

/** TeX accents and special letters as Unicode (`Schr\"odinger` → Schrödinger, `{\ss}` → ß); other braces stay. */
export function readAccents(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(BRACED_RE, letterOf).replace(ACCENTED_RE, letterOf);
}

/** A URL as LaTeX writes it (`\url{x.edu/\~{}me/a\_b}`) as the address it is (`x.edu/~me/a_b`). */
export function readUrl(text: string): string {
  return readEscapes(text).replace(/\\~(?:\{\})?/g, '~');
}

/**
 * A URL in prose, with a scheme, `www.` or a domain and a path (`github.com/a/b--c`): a `--` or ``` `` ``` in it
 * is part of the address, not a dash or a quote. A scheme is at most 32 characters: unbounded, every letter of a
 * long `a-a-a-…` was tried as a scheme's start and read to the token's end (200 KB took 47 s).
 */
const URL_IN_TEXT = /(?:\b[a-z][a-z0-9+.-]{0,31}:\/\/|\bwww\.|(?<![\w@.-])(?:[a-z0-9-]+\.)+[a-z]{2,}\/)[^\s<>"]*/gi;

/**
 * Text-mode escapes, accents, TeX quotes and dashes in a run of plain text: `\%` → %, `M\"uller` → Müller, ``` ``a'' ``` → “a”,
 * `Kullback--Leibler` and `3--5` → en dash, `a---b` → em dash; only between two letters or digits, so a spaced
 * ` -- `, a `--flag`, a `-->` or a Markdown-looking `---` stays as written, and never inside a URL.
 */
export function unescape(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    out += prose(text.slice(at, m.index)) + readUrl(m[0]);
    at = m.index + m[0].length;
  }
  return out + prose(text.slice(at));
}

function prose(text: string): string {
  return readAccents(readEscapes(text))
    .replace(/``(?=\S)([^`']*?\S)''/g, '“$1”')
    .replace(/(?<=[\p{L}\p{N}])---(?=[\p{L}\p{N}])/gu, '—')
    .replace(/(?<=[\p{L}\p{N}])--(?=[\p{L}\p{N}])/gu, '–');
}
