/**
 * XML plumbing shared by the feed and API parsers: one fast-xml-parser pass, a validation pass that catches
 * truncated and malformed bodies (the parser alone accepts them silently), and namespace resolution by URI.
 */
import { decodeHTMLStrict } from 'entities';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SourceError } from '../errors.js';
import { cleanText } from '../render/escape.js';
import { validateXml } from './_validate.js';
import type { Validation } from './_validate.js';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  arxiv: 'http://arxiv.org/schemas/atom',
  dc: 'http://purl.org/dc/elements/1.1/',
  opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
} as const;

/** A parsed element: attributes under `@_name`, text under `#text`, children by qualified name. */
export type XmlNode = Record<string, unknown>;
/** Prefix ('' for the default namespace) → namespace URI. */
export type Scope = Readonly<Record<string, string>>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (&#34;) only decode with htmlEntities on.
  htmlEntities: true,
  // No callbacks here, so no path strings for them: building one per tag costs ~9 % of the parse.
  jPath: false,
  // The abstracts, most of a feed's bytes, are taken raw: fast-xml-parser builds ordinary text one character at
  // a time, but finds a stop node's end with a plain scan (a 3,000-item feed parses in ~0.7 of the time). Their
  // entities are decoded below, once; the validator has checked them like the rest.
  stopNodes: ['rss.channel.item.description', 'feed.entry.summary'],
});

/** Decode the stop nodes' raw text (exactly those paths, so no text is decoded twice). */
function decodeStopNodes(doc: XmlNode): void {
  const fix = (parent: unknown, key: string) => {
    if (!isNode(parent)) return;
    const value = parent[key];
    if (typeof value === 'string') parent[key] = decodeRaw(value);
    else if (isNode(value) && typeof value['#text'] === 'string') value['#text'] = decodeRaw(value['#text']);
  };
  const rss = doc.rss;
  if (isNode(rss) && isNode(rss.channel)) for (const item of asArray(rss.channel.item)) fix(item, 'description');
  if (isNode(doc.feed)) for (const entry of asArray(doc.feed.entry)) fix(entry, 'summary');
}

/** Raw element content as text: CDATA sections verbatim, comments dropped, entities decoded elsewhere, trimmed like other text. */
function decodeRaw(raw: string): string {
  if (!raw.includes('<!')) return decodeHTMLStrict(raw).trim();
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : part.startsWith('<!--') ? '' : decodeHTMLStrict(part)))
    .join('')
    .trim();
}

/** Validate then parse; `what` names the document in the one-line error ("RSS feed from …"). */
export function parseXml(xml: string, what: string, url?: string): XmlNode {
  assertWellFormed(XMLValidator.validate(xml), xml, what, url);
  return parseUnchecked(xml, what, url);
}

/**
 * Parse `xml` and hand the document to `use` while the validator checks the same text (on a worker when the body
 * is large, see _validate.ts). A malformed body ends in the validator's error, whatever parsing or `use` made of it.
 */
export async function parseXmlConcurrently<T>(xml: string, what: string, url: string | undefined, use: (doc: XmlNode) => T): Promise<T> {
  const check = validateXml(xml);
  let result: { value: T } | { error: unknown };
  try {
    result = { value: use(parseUnchecked(xml, what, url)) };
  } catch (error) {
    result = { error };
  }
  assertWellFormed(await check, xml, what, url);
  if ('error' in result) throw result.error;
  return result.value;
}

function parseUnchecked(xml: string, what: string, url: string | undefined): XmlNode {
  refuseEntityDeclarations(xml, what, url);
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (err) {
    // The parser's own objections (a bad DOCTYPE, say) are about the body, like the validator's.
    throw new SourceError('E_PARSE', `${what} is malformed XML (${printable(err instanceof Error ? err.message : String(err))})`, { url });
  }
  decodeStopNodes(doc);
  return doc;
}

/**
 * arXiv's feeds and API answers have no DTD. Entities declared in one (a file reference, a billion-laughs
 * bomb) would be expanded by the parser, so such a body is refused before parsing and nothing is expanded.
 */
function refuseEntityDeclarations(xml: string, what: string, url: string | undefined): void {
  const rootAt = xml.search(/<[A-Za-z_:]/);
  const prolog = rootAt < 0 ? xml : xml.slice(0, rootAt);
  if (prolog.includes('<!DOCTYPE') && prolog.includes('<!ENTITY')) {
    throw new SourceError('E_PARSE', `${what} declares entities in a DOCTYPE, which arXiv's feeds never do; refused without expanding them`, { url });
  }
}

/** Text from the body, made safe for a one-line message: controls and bidi overrides out, length capped. */
function printable(s: string, max = 80): string {
  const clean = cleanText(s);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function assertWellFormed(check: Validation, xml: string, what: string, url: string | undefined): void {
  if (check === true) return;
  const { msg, line } = check.err;
  // A body cut in transit stops before its root element closes; anything else is malformed.
  const root = /<(?![?!])([^\s/>]+)/.exec(xml)?.[1];
  const detail =
    root && !xml.trimEnd().endsWith(`</${root}>`)
      ? `is truncated: it stops after ${xml.length} characters, before </${printable(root, 40)}>`
      : `is malformed XML (line ${line}: ${printable(msg, 200)})`;
  throw new SourceError('E_PARSE', `${what} ${detail}`, { url });
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text content of an element (string or `{ '#text' }`) as written; '' when absent. */
export function rawText(value: unknown): string {
  const raw = isNode(value) ? value['#text'] : value;
  return raw === undefined || raw === null ? '' : String(raw);
}

/** Text content of an element, whitespace collapsed; '' when absent. */
export function text(value: unknown): string {
  return oneLine(rawText(value));
}

export function attr(value: unknown, name: string): string | undefined {
  if (!isNode(value)) return undefined;
  const v = value[`@_${name}`];
  return v === undefined ? undefined : String(v);
}

// What a line break or a run of spaces starts with; anything else needs no collapsing.
const BREAKS = ['\n', '  ', '\t', '\r', '\u00a0', '\f', '\v'];

/**
 * Collapse runs of whitespace. It is the hot path of ingest: most texts are already single lines, and a few
 * `includes` scans tell that in ~0.7 of the time one regular expression takes.
 */
export function oneLine(s: string): string {
  return BREAKS.some((b) => s.includes(b)) ? s.replace(/\s+/g, ' ').trim() : s.trim();
}

/** The scope inside `node`: the parent scope plus the node's own `xmlns` declarations. */
export function scopeOf(node: unknown, parent: Scope = {}): Scope {
  if (!isNode(node)) return parent;
  let scope: Record<string, string> | null = null;
  for (const key in node) {
    if (key === '@_xmlns') (scope ??= { ...parent })[''] = String(node[key]);
    else if (key.startsWith('@_xmlns:')) (scope ??= { ...parent })[key.slice(8)] = String(node[key]);
  }
  return scope ?? parent;
}

/**
 * Children of `node` grouped by `{uri}local`, whatever prefix the document used. An element's own
 * `xmlns:p` declaration applies to itself (the 2016 API declares `arxiv:` on each element).
 */
export function childrenByNs(node: XmlNode, scope: Scope): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const key in node) {
    if (key.startsWith('@_') || key === '#text') continue;
    const colon = key.indexOf(':');
    const prefix = colon < 0 ? '' : key.slice(0, colon);
    const local = colon < 0 ? key : key.slice(colon + 1);
    for (const child of asArray(node[key])) {
      const uri = scopeOf(child, scope)[prefix] ?? '';
      const name = `{${uri}}${local}`;
      const list = out.get(name);
      if (list) list.push(child);
      else out.set(name, [child]);
    }
  }
  return out;
}

export function q(uri: string, local: string): string {
  return `{${uri}}${local}`;
}
