/**
 * Backfill of a short range through the export API (arxiv.md §4): one query
 * `(cat:A OR cat:B …) AND submittedDate:[from 0000 TO to 2359]`, paged in submission order, each page upserted.
 * Unlike OAI-PMH this selects by v1 submission time, which is what "papers of these days" means; it is the
 * cheaper path for a few days (one query for all categories). The next offset is saved under
 * `backfill:api:<categories>:<from>:<to>` so an interrupted run continues where it stopped.
 */
import { SourceError } from '../errors.js';
import { apiQueryUrl, getApiPage } from '../sources/api.js';
import type { ArxivClient } from '../sources/http.js';
import type { Store } from '../store/types.js';
import type { Paper } from '../types.js';
import { CATEGORY_ALIASES } from '../taxonomy/index.js';

/** arXiv's ceiling on results reachable through one query. */
export const API_MAX_RESULTS = 30_000;

export interface ApiRangeOptions {
  client: ArxivClient;
  /** Export API base URL. @default 'https://export.arxiv.org' */
  apiUrl?: string;
  /** Canonical category ids. */
  categories: readonly string[];
  /** `YYYY-MM-DD`, inclusive (GMT days). */
  from: string;
  to: string;
  store: Store;
  /** Results per request (arXiv: at most 2000, and advises refining above 1000). @default 1000 */
  pageSize?: number;
  /** The papers of each page, once stored. */
  onPapers?: (papers: readonly Paper[]) => void | Promise<void>;
  onPage?: (page: { page: number; papers: number; totalPapers: number; totalResults: number }) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface ApiRangeResult {
  pages: number;
  papers: number;
  totalResults: number;
  resumed: boolean;
  complete: boolean;
}

/** Names to ask the API for: each category plus its aliases (papers may be filed under either name). */
function queryNames(categories: readonly string[]): string[] {
  const aliases = Object.entries(CATEGORY_ALIASES);
  return categories.flatMap((c) => [c, ...aliases.filter(([, canon]) => canon === c).map(([alias]) => alias)]);
}

export function apiRangeStateKey(categories: readonly string[], from: string, to: string): string {
  return `backfill:api:${[...categories].sort().join(',')}:${from}:${to}`;
}

export function apiRangeQuery(categories: readonly string[], from: string, to: string): string {
  const cats = queryNames(categories).map((c) => `cat:${c}`).join('+OR+');
  const stamp = (date: string, time: string) => `${date.replaceAll('-', '')}${time}`;
  return `search_query=%28${cats}%29+AND+submittedDate:%5B${stamp(from, '0000')}+TO+${stamp(to, '2359')}%5D&sortBy=submittedDate&sortOrder=ascending`;
}

export async function backfillViaApi(options: ApiRangeOptions): Promise<ApiRangeResult> {
  const { store, categories, from, to } = options;
  const key = apiRangeStateKey(categories, from, to);
  const saved = await store.getState(key);
  const pageSize = Math.min(Math.max(1, options.pageSize ?? 1000), 2000);
  const query = apiRangeQuery(categories, from, to);
  const result: ApiRangeResult = { pages: 0, papers: 0, totalResults: 0, resumed: saved !== null, complete: false };
  for (let start = Number(saved ?? 0); ; start += pageSize) {
    if (options.signal?.aborted) return result;
    const url = apiQueryUrl(options.apiUrl ?? 'https://export.arxiv.org', `${query}&start=${start}&max_results=${pageSize}`);
    const page = await getApiPage(options.client, url);
    if (page.totalResults > API_MAX_RESULTS) {
      const msg = `${page.totalResults} papers match ${categories.join(',')} from ${from} to ${to}: more than the export API serves for one query (${API_MAX_RESULTS}); use --via oai or a shorter range`;
      throw new SourceError('E_FETCH', msg, { url });
    }
    if (page.papers.length > 0) {
      await store.upsertPapers(page.papers);
      await options.onPapers?.(page.papers);
    }
    const more = page.papers.length > 0 && start + pageSize < page.totalResults;
    await store.setState(key, more ? String(start + pageSize) : null);
    result.pages++;
    result.papers += page.papers.length;
    result.totalResults = page.totalResults;
    await options.onPage?.({ page: result.pages, papers: page.papers.length, totalPapers: result.papers, totalResults: page.totalResults });
    if (!more) return { ...result, complete: true };
  }
}
