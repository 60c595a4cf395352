/**
 * Reading a library file for `profile import`: BibTeX, CSL-JSON, Zotero RDF or a text file of arXiv ids,
 * chosen by extension and checked against the content. Every item becomes a profile library item (arXiv id when
 * the reference names one, title, abstract, authors); errors name the file and line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import type { LibraryItem } from '../profile.js';
import { parseBibtex } from './bibtex.js';
import { latexToText, splitAuthors } from './bibtex-text.js';
import type { BibEntry } from './bibtex.js';
import { parseCslJson } from './csl.js';
import { bareArxivId, findArxivId, parseIdList } from './ids.js';
import { parseZoteroRdf } from './rdf.js';
import { clip } from './types.js';
import type { ParsedItems } from './types.js';

export const LIBRARY_FORMATS = ['bibtex', 'csl-json', 'zotero-rdf', 'ids'] as const;
export type LibraryFormat = (typeof LIBRARY_FORMATS)[number];

export interface LibraryFile {
  format: LibraryFormat;
  items: LibraryItem[];
  /** What was left out, one line each naming file and line ("refs.bib line 3: @book{x has neither …"). */
  skipped: string[];
}

/** The format of a file: by its first meaningful character, falling back to the extension. */
export function detectFormat(file: string, text: string): LibraryFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return 'zotero-rdf';
  if (head.startsWith('[') || head.startsWith('{')) return 'csl-json';
  if (/^(%[^\n]*\n\s*)*@/.test(head) || /^@/m.test(head)) return 'bibtex';
  const ext = path.extname(file).toLowerCase();
  if (ext === '.bib' || ext === '.bibtex') return 'bibtex';
  if (ext === '.json') return 'csl-json';
  if (ext === '.rdf' || ext === '.xml') return 'zotero-rdf';
  return 'ids';
}

/** Read and parse a library file. */
export function readLibraryFile(file: string, format?: LibraryFormat): LibraryFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseLibrary(text, file, format ?? detectFormat(file, text));
}

/** Parse library text of a known format; `file` names it in errors and in each item's `source`. */
export function parseLibrary(text: string, file: string, format: LibraryFormat): LibraryFile {
  const where = path.basename(file);
  const source = `${format}:${where}`;
  const body = text.replace(/^\uFEFF/, '');
  switch (format) {
    case 'bibtex':
      return { format, ...bibItems(parseBibtex(body, where), where, source) };
    case 'csl-json':
      return { format, ...parseCslJson(body, where, source) };
    case 'zotero-rdf':
      return { format, ...parseZoteroRdf(body, where, source) };
    case 'ids':
      return { format, ...parseIdList(body, where, source) };
  }
}

function bibItems(entries: BibEntry[], where: string, source: string): ParsedItems {
  const out: ParsedItems = { items: [], skipped: [] };
  for (const e of entries) {
    const f = e.fields;
    const prefix = (f.archiveprefix ?? f.eprinttype ?? '').toLowerCase();
    const eprint = prefix === '' || prefix === 'arxiv' ? bareArxivId(f.eprint) : undefined;
    const id = eprint ?? findArxivId(f.url, f.doi, f.journal, f.note, f.howpublished, f.eprint);
    const title = f.title ? latexToText(f.title) : '';
    // Skipped and reported, as the other formats do: one bare entry should not cost the whole library.
    if (!id && title === '') {
      out.skipped.push(`${where} line ${e.line}: @${clip(e.type)}{${clip(e.key)} has neither a title nor an arXiv id`);
      continue;
    }
    const item: LibraryItem = { source };
    if (id) item.id = id;
    if (title) item.title = title;
    if (f.abstract) item.abstract = latexToText(f.abstract);
    if (f.author) item.authors = splitAuthors(f.author);
    if (f.doi) item.doi = latexToText(f.doi);
    out.items.push(item);
  }
  return out;
}
