/**
 * Zotero RDF export: the children of `rdf:RDF` that carry a `z:itemType` other than attachment or note are
 * library items (`bib:Article`, `rdf:Description` for preprints, `bib:Book` …); journals, attachments, memos and
 * collections are not. Title `dc:title`, abstract `dcterms:abstract`, authors `bib:authors/rdf:Seq/rdf:li/foaf:Person`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UsageError } from '../../errors.js';
import type { LibraryItem } from '../profile.js';
import { findArxivId } from './ids.js';
import type { ParsedItems } from './types.js';

type Node = Record<string, unknown>;

const arr = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Text of an element: a string, or `#text` of an element with attributes or children. */
function text(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  if (isNode(v)) {
    const t = v['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t).trim();
    const value = v['rdf:value'];
    if (value !== undefined) return text(arr(value)[0]);
    const uri = v['dcterms:URI'];
    if (uri !== undefined) return text(arr(uri)[0]);
  }
  return '';
}

function person(p: unknown): string {
  if (!isNode(p)) return '';
  const given = text(arr(p['foaf:givenName'])[0]);
  const surname = text(arr(p['foaf:surname'])[0]);
  return [given, surname].filter(Boolean).join(' ') || text(arr(p['foaf:name'])[0]);
}

function authors(item: Node): string[] {
  const out: string[] = [];
  for (const group of arr(item['bib:authors'])) {
    for (const seq of isNode(group) ? arr(group['rdf:Seq']) : []) {
      for (const li of isNode(seq) ? arr(seq['rdf:li']) : []) {
        for (const p of isNode(li) ? arr(li['foaf:Person']) : []) {
          const n = person(p);
          if (n) out.push(n);
        }
      }
    }
  }
  return out;
}

/** The library item, null for what is not one (attachment, journal…), or why a reference was skipped. */
function toItem(item: Node, source: string, where: string): LibraryItem | { skipped: string } | null {
  const type = text(arr(item['z:itemType'])[0]);
  if (type === '' || type === 'attachment' || type === 'note') return null;
  const title = text(arr(item['dc:title'])[0]);
  const identifiers = [...arr(item['dc:identifier']), ...arr(item['dc:description'])].map(text);
  const about = typeof item['@_rdf:about'] === 'string' ? item['@_rdf:about'] : '';
  const id = findArxivId(about, ...identifiers);
  if (!title && !id) return { skipped: `${where}: ${type} ${about ? `${about} ` : ''}has neither a title nor an arXiv id` };
  const out: LibraryItem = { source };
  if (id) out.id = id;
  if (title) out.title = title;
  const abstract = text(arr(item['dcterms:abstract'])[0]);
  if (abstract) out.abstract = abstract;
  const names = authors(item);
  if (names.length > 0) out.authors = names;
  const doi = identifiers.find((s) => /^DOI\s+/i.test(s))?.replace(/^DOI\s+/i, '');
  if (doi) out.doi = doi;
  return out;
}

/** Items of a Zotero RDF file; malformed XML is an error naming the line. */
export function parseZoteroRdf(xml: string, where: string, source: string): ParsedItems {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new UsageError(`${where} line ${valid.err.line}: malformed XML (${valid.err.msg})`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, processEntities: true }).parse(xml) as Node;
  const root = doc['rdf:RDF'];
  if (!isNode(root)) throw new UsageError(`${where} line 1: not a Zotero RDF export (no rdf:RDF element)`);
  const out: ParsedItems = { items: [], skipped: [] };
  for (const [tag, value] of Object.entries(root)) {
    if (tag.startsWith('@_')) continue;
    for (const node of arr(value)) {
      const item = isNode(node) ? toItem(node, source, where) : null;
      if (item && 'skipped' in item) out.skipped.push(item.skipped);
      else if (item) out.items.push(item);
    }
  }
  return out;
}
