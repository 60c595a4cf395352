/**
 * CSL-JSON (Zotero's "CSL JSON" export, Better BibTeX, citeproc): an array of items with `title`, `abstract`,
 * `author` ({family, given} or {literal}), `DOI`, `URL`, `number` ("arXiv:2401.12345"), `archive_location`.
 */
import { UsageError } from '../../errors.js';
import { lineIndex, parseJsonText } from '../profile.js';
import type { LibraryItem } from '../profile.js';
import { findArxivId } from './ids.js';
import type { ParsedItems } from './types.js';

interface CslName {
  family?: unknown;
  given?: unknown;
  literal?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function name(n: CslName): string {
  return str(n.literal) ?? [str(n.given), str(n.family)].filter(Boolean).join(' ');
}

/** Items of a CSL-JSON file; `where` (the file name) prefixes errors, which name the line. */
export function parseCslJson(text: string, where: string, source: string): ParsedItems {
  let data: unknown;
  try {
    data = parseJsonText(text, where);
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^\[config\] /, ''), { cause: err });
  }
  const list = Array.isArray(data) ? data : (data as { items?: unknown } | null)?.items;
  if (!Array.isArray(list)) throw new UsageError(`${where} line 1: expected a CSL-JSON array of items`);
  const starts = itemLines(text);
  const out: ParsedItems = { items: [], skipped: [] };
  list.forEach((raw, i) => {
    const at = `${where} line ${starts[i] ?? 1}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${at}: item ${i + 1} is not an object`);
    const item = raw as Record<string, unknown>;
    const title = str(item.title);
    const authors = Array.isArray(item.author) ? (item.author as CslName[]).filter((a) => a && typeof a === 'object').map(name).filter(Boolean) : [];
    const id = findArxivId(str(item.number), str(item.URL), str(item.DOI), str(item.archive_location), str(item.note), str(item['container-title']));
    if (!title && !id) {
      out.skipped.push(`${at}: item ${i + 1}${str(item.id) ? ` (${str(item.id)})` : ''} has neither a title nor an arXiv id`);
      return;
    }
    const result: LibraryItem = { source };
    if (id) result.id = id;
    if (title) result.title = title;
    const abstract = str(item.abstract);
    if (abstract) result.abstract = abstract;
    if (authors.length > 0) result.authors = authors;
    const doi = str(item.DOI);
    if (doi) result.doi = doi;
    out.items.push(result);
  });
  return out;
}

/** Line of each top-level array element's opening brace, so item errors can name a line. */
function itemLines(text: string): number[] {
  const lineOf = lineIndex(text);
  const wrapped = text.trimStart().startsWith('{');
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      // An item of a top-level array (depth 1), or of `{"items": [...]}` (depth 2).
      if (ch === '{' && (depth === 1 || (depth === 2 && wrapped))) lines.push(lineOf(i));
      depth++;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return lines;
}
