/**
 * BibTeX field values as text: LaTeX accents composed, commands dropped, math spans kept as written, and author
 * lists split into "First Last" names.
 */
// \"o → ö, \'{e} → é, {\o} → ø: the accents and letters names in author lists use most.
const ACCENTS: Record<string, string> = { '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307', c: '\u0327', v: '\u030c', u: '\u0306', H: '\u030b', k: '\u0328' };
const LETTERS: Record<string, string> = { o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', i: 'ı' };

// $…$ and $$…$$ (not an escaped \$): math is kept as written, the reader and the ranker read it as TeX.
const MATH = /((?<!\\)\$\$[\s\S]*?(?<!\\)\$\$|(?<!\\)\$(?:\\.|[^$\\])+\$)/;

/**
 * BibTeX value → plain text: accents composed, commands dropped, braces removed, whitespace collapsed; math
 * spans kept as written (`$\ell_1$` lost its command, giving `$_1$`).
 */
export function latexToText(value: string): string {
  return value
    .split(MATH)
    .map((part, i) => (i % 2 === 1 ? part : textOf(part)))
    .join('')
    .replace(/\s+/g, ' ')
    .normalize('NFC')
    .trim();
}

function textOf(value: string): string {
  return value
    .replace(/\\([."'`^~=]|[cvuHk](?![A-Za-z]))\s*\{?\s*\\?([A-Za-z])\}?/g, (_, accent: string, letter: string) => letter + (ACCENTS[accent] ?? ''))
    .replace(/\\(ss|ae|AE|oe|OE|aa|AA|[oOlLi])(?![A-Za-z])\s*/g, (_, name: string) => LETTERS[name] ?? name)
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/\\[A-Za-z]+\*?\s*/g, '')
    .replace(/[{}]/g, '')
    .replace(/~/g, ' ');
}

/** `Lovelace, Ada and Turing, Alan M.` → `['Ada Lovelace', 'Alan M. Turing']` (braced "and" stays inside a name). */
export function splitAuthors(value: string): string[] {
  // Mask braced text so that only top-level "and" separates names.
  let depth = 0;
  const masked = [...value].map((ch) => {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    return depth > 0 ? '_' : ch;
  });
  const names: string[] = [];
  let start = 0;
  for (const m of masked.join('').matchAll(/\s+and\s+/gi)) {
    names.push(value.slice(start, m.index));
    start = m.index + m[0].length;
  }
  names.push(value.slice(start));
  return names.map((n) => flipName(latexToText(n))).filter((n) => n !== '' && n.toLowerCase() !== 'others');
}

function flipName(name: string): string {
  const parts = name.split(',').map((s) => s.trim());
  if (parts.length === 2) return `${parts[1]} ${parts[0]}`.trim();
  if (parts.length === 3) return `${parts[2]} ${parts[0]} ${parts[1]}`.trim();
  return name;
}
