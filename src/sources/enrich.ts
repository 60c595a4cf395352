/**
 * Export-API enrichment of a day's papers: what the feed lacks (confirmed primary, comment, journal ref,
 * DOI, dates). A failure leaves papers with their feed metadata and becomes a Problem; no paper is dropped.
 */
import { SourceError } from '../errors.js';
import { canonicalCategories } from '../taxonomy/index.js';
import type { FeedItem, Paper, Problem } from '../types.js';
import { fetchMetadata } from './api.js';
import type { ArxivClient } from './http.js';

/** Feed (or listing) paper + the API's record of it. Text fields stay the feed's unless it had none. */
export function mergePaper(feed: Paper, api: Paper): Paper {
  return {
    ...feed,
    title: feed.title || api.title,
    authors: feed.authors.length ? feed.authors : api.authors,
    abstract: feed.abstract || api.abstract,
    categories: canonicalCategories([api.primaryCategory, ...feed.categories, ...api.categories].filter(Boolean)),
    primaryCategory: api.primaryCategory || feed.primaryCategory,
    primaryConfirmed: api.primaryConfirmed || feed.primaryConfirmed,
    comment: api.comment ?? feed.comment,
    journalRef: api.journalRef ?? feed.journalRef,
    doi: api.doi ?? feed.doi,
    submitted: api.submitted ?? feed.submitted,
    updated: api.updated ?? feed.updated,
  };
}

/**
 * Enrich `items` in place. Feed papers are asked for by exact version (the announced one); papers whose
 * version the listing did not show (`versionKnown` false) by bare id, taking the API's version.
 */
export async function enrichItems(
  client: ArxivClient,
  items: FeedItem[],
  apiUrl: string,
  versionKnown: (paper: Paper) => boolean = () => true,
): Promise<Problem[]> {
  if (items.length === 0) return [];
  const problems: Problem[] = [];
  const ids = items.map((i) => (versionKnown(i.paper) ? `${i.paper.id}v${i.paper.version}` : i.paper.id));
  const found = new Map<string, Paper>();
  try {
    await fetchMetadata(client, ids, { apiUrl, into: found });
  } catch (err) {
    if (!(err instanceof SourceError)) throw err;
    const left = items.length - found.size;
    problems.push({
      stage: 'fetch',
      code: 'enrich-failed',
      message: `export API enrichment stopped (${err.message.replace(/^\[fetch\] /, '')}); ${left} papers keep feed metadata only (primary category unconfirmed, no comments)`,
    });
  }
  const missing: string[] = [];
  for (const item of items) {
    const api = found.get(item.paper.id);
    if (api) {
      const merged = mergePaper(item.paper, api);
      item.paper = versionKnown(item.paper) ? merged : { ...merged, version: api.version };
    } else {
      missing.push(item.paper.id);
    }
  }
  const failed = problems.length > 0;
  if (missing.length && !failed) {
    const shown = missing.length > 5 ? `${missing.slice(0, 5).join(', ')}, …` : missing.join(', ');
    problems.push({ stage: 'fetch', code: 'enrich-missing', message: `the export API did not return ${missing.length} papers (${shown}); they keep feed metadata only` });
  }
  return problems;
}
