/**
 * The reader's server mode: `GET /api/search` answers from the store's full-text index over the whole archive
 * (every stored paper, not only the days built into the site). The static reader asks it after its own
 * shard search and shows what only the archive has; on a static host the route is simply absent (404).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cleanText } from '../render/escape.js';
import type { SearchHit, SearchOptions } from '../store/types.js';
import { canonicalCategories, filterCategories } from '../taxonomy/index.js';

/** The store's search (a function, so the site does not depend on a store driver). */
export type ArchiveSearch = (query: string, options: SearchOptions) => Promise<SearchHit[]>;

export const API_SEARCH_PATH = '/api/search';
const MAX_LIMIT = 100;
const MAX_QUERY = 500;

export interface ApiSearchAnswer {
  query: string;
  hits: (SearchHit & { url: string })[];
}

/** The answer; a HEAD request gets the same status and headers without the body. */
function json(res: ServerResponse, status: number, body: unknown, head = false): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    // Answers change as the archive grows; nothing to cache.
    'cache-control': 'no-store',
  });
  res.end(head ? undefined : JSON.stringify(body));
}

/** Parse and check the query string; an error message for the client, or the search to run. */
export function readSearchRequest(params: URLSearchParams): { error: string } | { query: string; options: Required<SearchOptions> } {
  const query = (params.get('q') ?? '').trim();
  if (query === '') return { error: 'q is empty' };
  if (query.length > MAX_QUERY) return { error: `q is longer than ${MAX_QUERY} characters` };
  const limitText = params.get('limit');
  // Digits only: Number() would also take `1e1`, `0x10` and ` 5`.
  const limit = limitText === null ? 20 : /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { error: `limit must be a whole number from 1 to ${MAX_LIMIT}` };
  const categories = (params.get('categories') ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (categories.some((c) => !/^[a-z-]+(\.[A-Za-z-]+)?$/.test(c))) return { error: 'categories must be arXiv category ids, comma-separated' };
  // As `search --categories` does: aliases collapsed, an archive (`cs`, `astro-ph`) standing for its categories
  // and for the bare archive id old papers carry.
  return { query, options: { limit, categories: categories.length ? filterCategories(canonicalCategories(categories)) : [] } };
}

/** Answer `/api/search` (GET or HEAD); `log` gets one line when the store fails. */
export async function handleApiSearch(search: ArchiveSearch, req: IncomingMessage, res: ServerResponse, url: URL, log: (line: string) => void): Promise<void> {
  const request = readSearchRequest(url.searchParams);
  if ('error' in request) return json(res, 400, { error: request.error });
  let hits: SearchHit[];
  try {
    hits = await search(request.query, request.options);
  } catch (err) {
    log(`archive search failed: ${err instanceof Error ? err.message : String(err)}`);
    return json(res, 500, { error: 'archive search failed' });
  }
  // Titles as stored (raw paper text): cleaned like the site's own data, so a bidi override cannot reorder them.
  const answer: ApiSearchAnswer = { query: request.query, hits: hits.map((h) => ({ ...h, title: cleanText(h.title), url: `https://arxiv.org/abs/${h.id}` })) };
  json(res, 200, answer, req.method === 'HEAD');
}
