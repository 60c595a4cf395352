/**
 * Catch-up for a missed day: the RSS feed only serves the current batch, so a past batch is rebuilt from
 * export-API submission dates over the window that announcement covered (see schedule.ts). Inexact by
 * nature (holidays, moderation holds, cross-lists of older papers), which the batch says in a Problem.
 */
import { CATEGORY_ALIASES, covers, expandArchives } from '../taxonomy/index.js';
import type { FeedBatch, FeedItem, Paper } from '../types.js';
import { apiQueryUrl, getApiPage } from './api.js';
import type { ArxivClient } from './http.js';
import { noAnnouncement } from './rss.js';
import { announcementWindow, apiTimestamp } from './schedule.js';

export interface DateRangeOptions {
  /** Export API base URL. @default 'https://export.arxiv.org' */
  apiUrl?: string;
  /** Results per request (arXiv: at most 2000, refine above 1000). @default 500 */
  pageSize?: number;
}

/** arXiv's hard limit on results reachable through one query. */
const MAX_RESULTS = 30_000;

/** Category names to ask for: each canonical id plus its aliases (`eess.SY` → also `cs.SY`); an archive as its categories. */
function queryNames(categories: readonly string[]): string[] {
  const aliases = Object.entries(CATEGORY_ALIASES);
  return expandArchives(categories).flatMap((c) => [c, ...aliases.filter(([, canon]) => canon === c).map(([alias]) => alias)]);
}

function byTypeThenId(a: FeedItem, b: FeedItem): number {
  if (a.announceType !== b.announceType) return a.announceType === 'new' ? -1 : 1;
  return a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0;
}

/**
 * Rebuild the batch dated `date` (feed date, `YYYY-MM-DD`) for `categories` (canonical ids): papers first
 * submitted in its window, `new` when their primary is one of `categories`, `cross` otherwise.
 * Saturday/Sunday or an empty window → `NoAnnouncementError`.
 */
export async function fetchByDateRange(
  client: ArxivClient,
  categories: readonly string[],
  date: string,
  options: DateRangeOptions = {},
): Promise<FeedBatch> {
  const window = announcementWindow(date);
  if (!window) throw noAnnouncement(date, categories);
  const from = apiTimestamp(window.start);
  // The range is inclusive at minute precision; stop a minute short so neighbouring days do not overlap.
  const to = apiTimestamp(new Date(window.end.getTime() - 60_000));
  const cats = queryNames(categories).map((c) => `cat:${c}`).join('+OR+');
  const query = `search_query=%28${cats}%29+AND+submittedDate:%5B${from}+TO+${to}%5D&sortBy=submittedDate&sortOrder=ascending`;
  const pageSize = Math.min(Math.max(1, options.pageSize ?? 500), 2000);
  const papers = new Map<string, Paper>();
  for (let start = 0; start < MAX_RESULTS; start += pageSize) {
    const url = apiQueryUrl(options.apiUrl ?? 'https://export.arxiv.org', `${query}&start=${start}&max_results=${pageSize}`);
    const page = await getApiPage(client, url);
    for (const p of page.papers) if (!papers.has(p.id)) papers.set(p.id, p);
    if (page.papers.length === 0 || start + pageSize >= page.totalResults) break;
  }
  if (papers.size === 0) throw noAnnouncement(date, categories);
  const items = [...papers.values()]
    .map((paper): FeedItem => ({ paper, announceType: covers(categories, paper.primaryCategory) ? 'new' : 'cross' }))
    .sort(byTypeThenId);
  const message =
    `${date} was rebuilt from submission dates (${window.start.toISOString()} to ${window.end.toISOString()}) ` +
    'through the export API, not read from a feed: holidays, moderation holds, replacements and cross-lists of ' +
    'older papers are not accounted for';
  return {
    date,
    categories: [...categories],
    items,
    source: 'api-range',
    reconstructed: true,
    builtAt: null,
    problems: [{ stage: 'fetch', code: 'reconstructed', message }],
  };
}
