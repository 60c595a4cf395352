/**
 * OAI-PMH `ListRecords` responses (OAI-PMH 2.0, arxiv.md §6): records → Papers, deleted records counted and
 * skipped, the resumption token (empty or absent = last page), and OAI errors → `OaiError` (a SourceError).
 * `noRecordsMatch` is not an error for a harvest: it is an empty, final page.
 */
import { SourceError } from '../errors.js';
import type { ArxivClient } from '../sources/http.js';
import { attr, childrenByNs, isNode, parseXml, q, rawText, scopeOf, text } from '../sources/_xml.js';
import type { Scope, XmlNode } from '../sources/_xml.js';
import type { Paper } from '../types.js';
import { recordPaper } from './oai-records.js';
import type { OaiFormat } from './oai-records.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
/** arXiv's OAI-PMH endpoint (configuration: `oaiUrl`, env PREPRINT_DIGEST_OAI_URL). */
export { DEFAULT_OAI_URL } from '../config/schema.js';

const O = (local: string) => q(OAI_NS, local);
const first = (c: Map<string, unknown[]>, name: string): unknown => c.get(name)?.[0];

export interface OaiPage {
  papers: Paper[];
  /** Ids of records marked deleted (skipped). */
  deleted: string[];
  /** Records whose metadata was in another format or had no valid id (skipped). */
  unreadable: number;
  /** Token for the next page; null on the last page. */
  resumptionToken: string | null;
  /** When the token stops working (`expires` attribute), if stated. */
  tokenExpires: string | null;
  /** Earliest and latest header datestamp on the page (`YYYY-MM-DD`), null for an empty page. */
  firstDatestamp: string | null;
  lastDatestamp: string | null;
}

/** An error the OAI-PMH server reported (`<error code="…">`), with its code. */
export class OaiError extends SourceError {
  readonly oaiCode: string;
  constructor(oaiCode: string, message: string, url?: string) {
    super('E_FEED_ERROR', message, { url });
    this.name = 'OaiError';
    this.oaiCode = oaiCode;
  }
}

const EMPTY: OaiPage = { papers: [], deleted: [], unreadable: 0, resumptionToken: null, tokenExpires: null, firstDatestamp: null, lastDatestamp: null };

function oaiError(node: unknown, url: string | undefined): OaiError {
  const code = attr(node, 'code') ?? 'unknown';
  const detail = text(node);
  const hint =
    code === 'badResumptionToken'
      ? ' (resumption tokens expire at the next UTC midnight)'
      : code === 'cannotDisseminateFormat'
        ? ' (use metadataPrefix arXiv or arXivRaw)'
        : '';
  return new OaiError(code, `the OAI-PMH server answered ${code}: ${detail || 'no details'}${hint}`, url);
}

/**
 * Parse one OAI-PMH response to `ListRecords`. @throws OaiError for an OAI error other than `noRecordsMatch`;
 * SourceError E_PARSE for a body that is not OAI-PMH XML (truncated, HTML error page …).
 */
export function parseOaiResponse(xml: string, options: { url?: string } = {}): OaiPage {
  const what = options.url ? `OAI-PMH response from ${options.url}` : 'OAI-PMH response';
  const doc = parseXml(xml, what, options.url);
  // The root element in the OAI-PMH namespace, whatever prefix the server chose (none, in practice).
  const key = Object.keys(doc).find((k) => k === 'OAI-PMH' || k.endsWith(':OAI-PMH'));
  const root = key === undefined ? undefined : doc[key];
  const prefix = key?.includes(':') ? key.slice(0, key.indexOf(':')) : '';
  if (!isNode(root) || scopeOf(root)[prefix] !== OAI_NS) {
    throw new SourceError('E_PARSE', `${what} is not an OAI-PMH document`, { url: options.url });
  }
  const scope = scopeOf(root);
  const top = childrenByNs(root, scope);
  const errors = top.get(O('error')) ?? [];
  if (errors.length > 0) {
    if (errors.every((e) => attr(e, 'code') === 'noRecordsMatch')) return { ...EMPTY };
    throw oaiError(errors.find((e) => attr(e, 'code') !== 'noRecordsMatch'), options.url);
  }
  const list = first(top, O('ListRecords'));
  if (!isNode(list)) throw new SourceError('E_PARSE', `${what} holds neither ListRecords nor an error`, { url: options.url });
  return readList(list, scope);
}

function readList(list: XmlNode, scope: Scope): OaiPage {
  const inList = scopeOf(list, scope);
  const c = childrenByNs(list, inList);
  const page: OaiPage = { ...EMPTY, papers: [], deleted: [] };
  const stamps: string[] = [];
  for (const record of (c.get(O('record')) ?? []).filter(isNode)) {
    const rc = childrenByNs(record, inList);
    const header = first(rc, O('header'));
    const hc = isNode(header) ? childrenByNs(header, inList) : new Map<string, unknown[]>();
    const identifier = text(first(hc, O('identifier')));
    const stamp = text(first(hc, O('datestamp'))).slice(0, 10);
    if (stamp) stamps.push(stamp);
    if (attr(header, 'status') === 'deleted') {
      page.deleted.push(identifier.replace(/^oai:arXiv\.org:/i, ''));
      continue;
    }
    const metadata = first(rc, O('metadata'));
    const paper = isNode(metadata) ? recordPaper(metadata, inList, identifier) : null;
    if (paper) page.papers.push(paper);
    else page.unreadable++;
  }
  const token = first(c, O('resumptionToken'));
  page.resumptionToken = rawText(token).trim() || null;
  page.tokenExpires = attr(token, 'expires') ?? null;
  stamps.sort();
  page.firstDatestamp = stamps[0] ?? null;
  page.lastDatestamp = stamps[stamps.length - 1] ?? null;
  return page;
}

export interface ListRecordsParams {
  metadataPrefix: OaiFormat;
  set?: string;
  /** `YYYY-MM-DD`, inclusive: last-modification datestamps, not submission dates. */
  from?: string;
  until?: string;
}

/** The request URL: the first page from the parameters, a later page from the token alone (it is exclusive). */
export function listRecordsUrl(oaiUrl: string, next: ListRecordsParams | { resumptionToken: string }): string {
  const params = new URLSearchParams({ verb: 'ListRecords' });
  for (const [key, value] of Object.entries(next)) if (value) params.set(key, value as string);
  return `${oaiUrl.replace(/\/+$/, '')}?${params.toString()}`;
}

/** GET and parse one page through the polite client (spacing, retries, 503 Retry-After are the client's). */
export async function getOaiPage(client: ArxivClient, url: string): Promise<OaiPage> {
  const res = await client.get(url, { acceptStatus: [400, 422] });
  try {
    return parseOaiResponse(res.body, { url });
  } catch (err) {
    if (res.status !== 200 && !(err instanceof OaiError)) throw new SourceError('E_FETCH', `HTTP ${res.status} from ${url}`, { url, status: res.status });
    throw err;
  }
}
