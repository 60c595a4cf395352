/**
 * Author names from arXiv's metadata records (OAI-PMH `arXiv`/`arXivRaw`, the Kaggle snapshot), which keep the
 * submitter's TeX: accents as `\'a` or `{\"o}`, affiliations in parentheses, "and" before the last name.
 * Names come out as the feeds print them ("Forenames Keyname Suffix") so that ranking matches them alike.
 */
import { readAccents } from '../latex-escapes.js';
import { oneLine } from '../sources/_xml.js';

/**
 * TeX accents and special letters in a name → Unicode; braces dropped (a name's braces only protect its case or
 * spacing). Read twice so that a brace left half-open (`\'{e`) still gives its letter. Text without a backslash is
 * returned as is.
 */
export function texToUnicode(text: string): string {
  if (!text.includes('\\') && !text.includes('{')) return text;
  return readAccents(readAccents(text).replace(/[{}]/g, '')).normalize('NFC');
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
