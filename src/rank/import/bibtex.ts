/**
 * A BibTeX reader for library imports (Zotero, JabRef, Google Scholar, arXiv's own "Export BibTeX"): entries,
 * braced / quoted / numeric / macro values joined with `#`, `@string` macros, `@comment` and `@preamble`
 * skipped, text outside entries and %-comment lines ignored (an "@" there starts nothing). Errors name the line.
 * LaTeX is reduced to plain text (accents kept).
 */
import { UsageError } from '../../errors.js';
import { lineIndex } from '../profile.js';
import { clip } from './types.js';

export interface BibEntry {
  type: string;
  key: string;
  /** Field names lowercased; values as plain text. */
  fields: Record<string, string>;
  /** Line of the entry's `@`. */
  line: number;
}

const MONTHS: Record<string, string> = {
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June',
  jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December',
};

/** Parse every entry; `where` (the file name) prefixes errors. */
export function parseBibtex(text: string, where: string): BibEntry[] {
  const p: Parser = bibParser(text, where);
  const lineOf = p.lineOf;
  const entries: BibEntry[] = [];
  for (let at = nextEntry(text, 0); at >= 0; at = nextEntry(text, p.pos)) {
    p.pos = at + 1;
    const line = lineOf(at);
    const type = p.ident('an entry type after "@"').toLowerCase();
    p.skipSpace();
    const open = text[p.pos] as '{' | '(';
    const close = open === '{' ? '}' : ')';
    if (type === 'comment' || type === 'preamble') {
      p.pos = p.balanced(open, close, `@${type}`) + 1;
      continue;
    }
    p.pos++;
    if (type === 'string') {
      const name = p.ident('a macro name').toLowerCase();
      p.expect('=', `after @string ${name}`);
      p.macros.set(name, p.value());
      p.expect(close, `to close @string ${name}`);
      continue;
    }
    entries.push({ ...p.entryBody(close, type), type, line });
  }
  return entries;
}

// "@type{" or "@type(": anything else with an "@" (an e-mail address, a handle) is text between entries.
const ENTRY_START = /@[ \t]*[A-Za-z][^\s"#%'(),={}]*\s*[{(]/y;

/**
 * Offset of the next "@" that starts an entry, from `from` on, or -1. As in BibTeX, text outside entries is a
 * comment, and so is a line starting with "%" ("% Library of Jane <jane@example.org>", "%@article{…}").
 */
function nextEntry(text: string, from: number): number {
  for (let at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', at + 1)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (text.slice(lineStart, at).trimStart().startsWith('%')) continue;
    ENTRY_START.lastIndex = at;
    if (ENTRY_START.test(text)) return at;
  }
  return -1;
}

interface Parser {
  pos: number;
  /** Line of an offset (indexed once per text). */
  lineOf(offset: number): number;
  macros: Map<string, string>;
  fail(what: string, at?: number): never;
  skipSpace(): void;
  ident(what: string): string;
  expect(ch: string, why: string): void;
  balanced(open: string, close: string, what: string): number;
  value(): string;
  entryBody(close: string, type: string): Omit<BibEntry, 'type' | 'line'>;
}

function bibParser(text: string, where: string): Parser {
  const macros = new Map(Object.entries(MONTHS));
  const p: Parser = {
    pos: 0,
    lineOf: lineIndex(text),
    macros,
    fail(what: string, at = p.pos): never {
      throw new UsageError(`${where} line ${p.lineOf(at)}: ${what}`);
    },
    skipSpace() {
      while (p.pos < text.length && /\s/.test(text[p.pos] ?? '')) p.pos++;
    },
    ident(what: string): string {
      p.skipSpace();
      const m = /^[^\s"#%'(),={}]+/.exec(text.slice(p.pos, p.pos + 200));
      if (!m) return p.fail(`expected ${what}`);
      p.pos += m[0].length;
      return m[0];
    },
    expect(ch: string, why: string) {
      p.skipSpace();
      if (text[p.pos] !== ch) p.fail(`expected "${ch}" ${why}, found ${describe(text[p.pos])}`);
      p.pos++;
    },
    /** Index of the delimiter closing the group opened at p.pos (braces nest inside either kind). */
    balanced(open: string, close: string, what: string): number {
      const start = p.pos;
      let depth = 0;
      for (let i = p.pos; i < text.length; i++) {
        const ch = text[i];
        if (ch === '\\') i++;
        else if (ch === open || (ch === '{' && open !== '{')) depth++;
        else if (ch === close || (ch === '}' && close !== '}')) depth--;
        if (depth === 0) return i;
      }
      return p.fail(`${what} is never closed (unbalanced braces)`, start);
    },
    value(): string {
      const parts: string[] = [];
      for (;;) {
        p.skipSpace();
        parts.push(valuePart(p, text));
        p.skipSpace();
        if (text[p.pos] !== '#') return parts.join('');
        p.pos++;
      }
    },
    entryBody: (close, type) => entryBody(p, text, close, type),
  };
  return p;
}

function entryBody(p: Parser, text: string, close: string, type: string): Omit<BibEntry, 'type' | 'line'> {
  p.skipSpace();
  const key = /^[^\s,{}()]*/.exec(text.slice(p.pos, p.pos + 300))?.[0] ?? '';
  p.pos += key.length;
  const fields: Record<string, string> = {};
  for (;;) {
    p.skipSpace();
    if (text[p.pos] === close) break;
    if (text[p.pos] !== ',') p.fail(`expected "," or "${close}" in @${clip(type)}{${clip(key)}, found ${describe(text[p.pos])}`);
    p.pos++;
    p.skipSpace();
    if (text[p.pos] === close) break;
    const name = p.ident(`a field name in @${clip(type)}{${clip(key)}`).toLowerCase();
    p.expect('=', `after field "${clip(name)}" in @${clip(type)}{${clip(key)}`);
    fields[name] = p.value();
  }
  p.pos++;
  return { key, fields };
}

function valuePart(p: Parser, text: string): string {
  const ch = text[p.pos];
  if (ch === '{') {
    const end = p.balanced('{', '}', 'a braced value');
    const raw = text.slice(p.pos + 1, end);
    p.pos = end + 1;
    return raw;
  }
  if (ch === '"') {
    const start = p.pos;
    let depth = 0;
    for (let i = p.pos + 1; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) {
        p.pos = i + 1;
        return text.slice(start + 1, i);
      }
    }
    return p.fail('a quoted value is never closed', start);
  }
  const word = /^[A-Za-z0-9_:.+/-]+/.exec(text.slice(p.pos, p.pos + 200))?.[0];
  if (!word) return p.fail(`expected a value, found ${describe(ch)}`);
  p.pos += word.length;
  if (/^\d+$/.test(word)) return word;
  const macro = p.macros.get(word.toLowerCase());
  if (macro === undefined) return p.fail(`unknown macro "${clip(word)}" (quote or brace text values)`);
  return macro;
}

function describe(ch: string | undefined): string {
  return ch === undefined ? 'the end of the file' : JSON.stringify(ch);
}
