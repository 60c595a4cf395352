/**
 * Author names from arXiv's metadata records (OAI-PMH `arXiv`/`arXivRaw`, the Kaggle snapshot), which keep the
 * submitter's TeX: accents as `\'a` or `{\"o}`, affiliations in parentheses, "and" before the last name.
 * Names come out as the feeds print them ("Forenames Keyname Suffix") so that ranking matches them alike.
 */
import { oneLine } from '../sources/_xml.js';

// Accent commands → Unicode combining marks; NFC then composes letter + mark into one character.
const SYMBOL_ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
};
const LETTER_ACCENTS: Record<string, string> = {
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
};
const LETTERS: Record<string, string> = { ss: 'ß', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', ae: 'æ', AE: 'Æ', aa: 'å', AA: 'Å', oe: 'œ', OE: 'Œ', i: 'i', j: 'j' };

const SYMBOL_RE = /\\(['`^"~=.])\s*\{?\s*(\\?[A-Za-z])\}?/g;
const LETTER_RE = /\\([uvHckr])(?:\s+|\{\s*)(\\?[A-Za-z])\}?/g;
const NAMED_RE = /\\(ss|ae|AE|aa|AA|oe|OE|[oOlLij])(?![A-Za-z])\s?/g;

/** TeX accents and special letters in a name → Unicode; braces dropped. Text without a backslash is returned as is. */
export function texToUnicode(text: string): string {
  if (!text.includes('\\') && !text.includes('{')) return text;
  const base = (letter: string) => (letter.startsWith('\\') ? (LETTERS[letter.slice(1)] ?? letter.slice(1)) : letter);
  return text
    .replace(SYMBOL_RE, (_, accent: string, letter: string) => base(letter) + (SYMBOL_ACCENTS[accent] ?? ''))
    .replace(LETTER_RE, (_, accent: string, letter: string) => base(letter) + (LETTER_ACCENTS[accent] ?? ''))
    .replace(NAMED_RE, (_, name: string) => LETTERS[name] ?? name)
    .replace(/[{}]/g, '')
    .normalize('NFC');
}

/** "Forenames Keyname Suffix" from the structured parts (any may be empty). */
export function authorName(keyname: string, forenames = '', suffix = ''): string {
  return oneLine(texToUnicode([forenames, keyname, suffix].filter((s) => s.trim() !== '').join(' ')));
}

/** The text with every parenthesised part (affiliations, possibly nested) removed. */
function dropParentheses(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

/**
 * Split an authors string ("A. Smith, B. Jones (MIT) and C. Lee") into names: affiliations in parentheses
 * dropped, "and" and commas as separators, a lone suffix ("Jr.") kept with the name before it.
 */
export function splitAuthors(raw: string): string[] {
  const text = oneLine(dropParentheses(texToUnicode(raw)));
  const names: string[] = [];
  for (const part of text.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*/)) {
    const name = part.trim();
    if (name === '') continue;
    if (SUFFIX.test(name) && names.length > 0) names[names.length - 1] += ` ${name}`;
    else names.push(name);
  }
  return names;
}
