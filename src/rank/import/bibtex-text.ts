/**
 * BibTeX field values as text: LaTeX accents composed, commands dropped, math spans kept as written, and author
 * lists split into "First Last" names.
 */
import { readAccents } from '../../latex-escapes.js';

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
  // Accents and letters (\"o → ö, \'{e} → é, {\o} → ø) as every other output reads them (latex-escapes.ts).
  return readAccents(value)
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
