/**
 * Text-mode escapes, TeX quotes and dashes read as the characters they stand for, except inside URLs, which are
 * addresses and stay as written (only their escapes are read). Pure; used by latex-text.ts.
 */

/** Text-mode escapes read as their character (`\%` → %), in prose and URLs alike. */
function readEscapes(text: string): string {
  return text.replace(/\\([%&#_])/g, '$1');
}

/** A URL as LaTeX writes it (`\url{x.edu/\~{}me/a\_b}`) as the address it is (`x.edu/~me/a_b`). */
export function readUrl(text: string): string {
  return readEscapes(text).replace(/\\~(?:\{\})?/g, '~');
}

/**
 * A URL in prose, with a scheme, `www.` or a domain and a path (`github.com/a/b--c`): a `--` or ``` `` ``` in it
 * is part of the address, not a dash or a quote.
 */
const URL_IN_TEXT = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|(?<![\w@.-])(?:[a-z0-9-]+\.)+[a-z]{2,}\/)[^\s<>"]*/gi;

/**
 * Text-mode escapes, TeX quotes and dashes in a run of plain text: `\%` → %, ``` ``a'' ``` → “a”,
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
  return readEscapes(text)
    .replace(/``(?=\S)([^`']*?\S)''/g, '“$1”')
    .replace(/(?<=[\p{L}\p{N}])---(?=[\p{L}\p{N}])/gu, '—')
    .replace(/(?<=[\p{L}\p{N}])--(?=[\p{L}\p{N}])/gu, '–');
}
