/**
 * The export API (arxiv.md §4): parsing its Atom in both the 2026 and the 2007-era serializations (by
 * namespace, never by element order), and metadata for known ids via `id_list` batches.
 */
import { SourceError } from '../errors.js';
import { parseArxivId } from '../papers/ids.js';
import { canonicalCategories, canonicalCategory } from '../taxonomy/index.js';
import type { Paper } from '../types.js';
import type { ArxivClient } from './http.js';
import { attr, childrenByNs, isNode, NS, parseXml, q, scopeOf, text } from './_xml.js';
import type { Scope, XmlNode } from './_xml.js';

export interface ApiPage {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  papers: Paper[];
}

const A = (local: string) => q(NS.atom, local);
const X = (local: string) => q(NS.arxiv, local);
const first = (c: Map<string, unknown[]>, name: string): unknown => c.get(name)?.[0];
// ACM and MSC classes come as category terms too ("I.2.6", "68T05"); keep only arXiv ids.
const ARXIV_CATEGORY = /^[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$/;

function entryPaper(entry: XmlNode, scope: Scope): Paper | null {
  const c = childrenByNs(entry, scopeOf(entry, scope));
  const parsed = parseArxivId(text(first(c, A('id'))));
  if (!parsed) return null;
  const primary = canonicalCategory(attr(first(c, X('primary_category')), 'term') ?? '');
  const terms = (c.get(A('category')) ?? []).map((x) => attr(x, 'term') ?? '').filter((t) => ARXIV_CATEGORY.test(t));
  const categories = canonicalCategories(primary ? [primary, ...terms] : terms);
  return {
    id: parsed.id,
    version: parsed.version ?? 1,
    title: text(first(c, A('title'))),
    authors: (c.get(A('author')) ?? []).filter(isNode).map((a) => text(childrenByNs(a, scope).get(A('name'))?.[0])),
    abstract: text(first(c, A('summary'))),
    categories,
    primaryCategory: categories[0] ?? '',
    primaryConfirmed: primary !== '',
    comment: text(first(c, X('comment'))) || null,
    journalRef: text(first(c, X('journal_ref'))) || null,
    doi: text(first(c, X('doi'))) || null,
    license: null,
    submitted: text(first(c, A('published'))) || null,
    updated: text(first(c, A('updated'))) || null,
  };
}

/** Parse one API response. An `Error` entry (bad id, bad query) → `SourceError('E_FEED_ERROR')`. */
export function parseApiFeed(xml: string, options: { url?: string } = {}): ApiPage {
  const what = options.url ? `export API response from ${options.url}` : 'export API response';
  const doc = parseXml(xml, what, options.url);
  if (!isNode(doc.feed)) throw new SourceError('E_PARSE', `${what} is not an Atom feed`, { url: options.url });
  const scope = scopeOf(doc.feed);
  const top = childrenByNs(doc.feed, scope);
  const entries = (top.get(A('entry')) ?? []).filter(isNode);
  for (const entry of entries) {
    const c = childrenByNs(entry, scopeOf(entry, scope));
    if (text(first(c, A('id'))).includes('/api/errors')) {
      const reason = text(first(c, A('summary'))) || text(first(c, A('id')));
      throw new SourceError('E_FEED_ERROR', `the export API answered with an error: ${reason}`, { url: options.url });
    }
  }
  const num = (local: string) => Number(text(first(top, q(NS.opensearch, local))) || 0);
  const papers = entries.map((e) => entryPaper(e, scope)).filter((p): p is Paper => p !== null);
  return { totalResults: num('totalResults'), startIndex: num('startIndex'), itemsPerPage: num('itemsPerPage'), papers };
}

/**
 * Times a page is asked for again when it is empty while `totalResults` says there is more, or arrives cut
 * short under a 200 (the connection closed cleanly mid-document) (arxiv.md §10).
 */
const PAGE_RETRIES = 2;

/** GET one API page: error feeds (HTTP 400) → E_FEED_ERROR; empty or cut-short pages are retried. */
export async function getApiPage(client: ArxivClient, url: string): Promise<ApiPage> {
  for (let n = 0; ; n++) {
    const res = await client.get(url, { acceptStatus: [400] });
    let page: ApiPage;
    try {
      page = parseApiFeed(res.body, { url });
    } catch (err) {
      if (res.status === 400 && !(err instanceof SourceError && err.code === 'E_FEED_ERROR')) {
        throw new SourceError('E_FETCH', `HTTP 400 from ${url}`, { url, status: 400 });
      }
      if (err instanceof SourceError && err.code === 'E_PARSE' && n < PAGE_RETRIES) continue;
      throw err;
    }
    if (res.status === 400) throw new SourceError('E_FETCH', `HTTP 400 from ${url}`, { url, status: 400 });
    if (page.papers.length > 0 || page.totalResults <= page.startIndex) return page;
    if (n >= PAGE_RETRIES) {
      const msg = `the export API keeps returning an empty page at offset ${page.startIndex} although it reports ${page.totalResults} results (${n + 1} tries)`;
      throw new SourceError('E_FETCH', msg, { url });
    }
  }
}

export interface FetchMetadataOptions {
  /** Export API base URL. @default 'https://export.arxiv.org' */
  apiUrl?: string;
  /** Ids per `id_list` request (arXiv advises at most 100). @default 100 */
  batchSize?: number;
  /** Map filled as batches arrive; after a failure the caller still holds the batches that succeeded. */
  into?: Map<string, Paper>;
}

export function apiQueryUrl(apiUrl: string, params: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/api/query?${params}`;
}

/**
 * Metadata for `ids` (versioned ids fetch that version, bare ids the latest), keyed by versionless id.
 * Ids the API does not know are simply absent. Throws the first batch's `SourceError`.
 */
export async function fetchMetadata(
  client: ArxivClient,
  ids: readonly string[],
  options: FetchMetadataOptions = {},
): Promise<Map<string, Paper>> {
  const out = options.into ?? new Map<string, Paper>();
  const size = Math.min(Math.max(1, options.batchSize ?? 100), 100);
  const apiUrl = options.apiUrl ?? 'https://export.arxiv.org';
  for (let i = 0; i < ids.length; i += size) {
    const batch = ids.slice(i, i + size);
    // max_results defaults to 10 even for id_list: always set it.
    const url = apiQueryUrl(apiUrl, `id_list=${batch.join(',')}&start=0&max_results=${batch.length}`);
    const page = await getApiPage(client, url).catch((err: unknown) => {
      throw err instanceof SourceError ? namingBatch(err, url, batch) : err;
    });
    for (const paper of page.papers) out.set(paper.id, paper);
  }
  return out;
}

/** The error with its `id_list` URL (up to 100 ids long) replaced by a short name of the batch. */
function namingBatch(err: SourceError, url: string, ids: readonly string[]): SourceError {
  const span = ids.length > 1 ? `${ids[0]}…${ids.at(-1)}` : (ids[0] ?? '');
  const name = `the export API batch of ${ids.length} ids (${span})`;
  const detail = err.detail.split(url).join(name);
  return new SourceError(err.code as ConstructorParameters<typeof SourceError>[0], detail, { url, status: err.status, cause: err });
}
