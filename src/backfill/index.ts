/**
 * Archive backfill: metadata for past ranges into the store, politely (the one arXiv client) and resumably.
 *
 * Which path (`via: 'auto'`): the export API when the range is at most {@link API_MAX_DAYS} days and names at
 * most {@link API_MAX_CATEGORIES} categories (no whole archives) — one query for all of them, selected by
 * submission date; OAI-PMH otherwise — one harvest per set, 2,500 records a page, selected by
 * last-modification date (so a long harvest also brings older papers revised in the range, and a paper
 * submitted in the range but revised after `to` comes only when `to` reaches its last revision: for "everything
 * since X", harvest up to today).
 */
import { UsageError } from '../errors.js';
import type { ArxivClient } from '../sources/http.js';
import type { Store } from '../store/types.js';
import type { Paper } from '../types.js';
import { backfillViaApi } from './api-range.js';
import { harvest } from './harvest.js';
import { DEFAULT_OAI_URL } from './oai.js';
import type { OaiFormat } from './oai-records.js';
import { oaiSet, parseTargets } from './sets.js';
import type { BackfillTarget } from './sets.js';

export { backfillViaApi, apiRangeStateKey } from './api-range.js';
export { harvest, harvestStateKey } from './harvest.js';
export type { HarvestOptions, HarvestPage, HarvestResult } from './harvest.js';
export { DEFAULT_OAI_URL, getOaiPage, listRecordsUrl, OaiError, parseOaiResponse } from './oai.js';
export type { OaiPage } from './oai.js';
export { oaiSet, parseTargets } from './sets.js';
export { forgetImport, importKaggle } from './kaggle.js';
export { summarizeBackfilled } from './summarize.js';
export { harvestedIds, harvestedIdsKey } from './harvested.js';
export type { HarvestedIds } from './harvested.js';
export type { BackfillSummaryOptions, BackfillSummaryResult } from './summarize.js';
export type { KaggleImportOptions, KaggleImportResult, KaggleProgress, MalformedLine } from './kaggle.js';

export const API_MAX_DAYS = 7;
export const API_MAX_CATEGORIES = 10;

export type BackfillVia = 'auto' | 'oai' | 'api';

export interface BackfillOptions {
  client: ArxivClient;
  store: Store;
  /** Categories (aliases allowed) or archives (`cs`, `astro-ph`). */
  categories: readonly string[];
  /** `YYYY-MM-DD`, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, inclusive. */
  to: string;
  /** @default 'auto' */
  via?: BackfillVia;
  /** @default DEFAULT_OAI_URL */
  oaiUrl?: string;
  /** @default 'https://export.arxiv.org' */
  apiUrl?: string;
  /** @default 'arXivRaw' */
  metadataPrefix?: OaiFormat;
  /** The papers of each page, once stored (the CLI collects their ids for --summarize). */
  onPapers?: (papers: readonly Paper[]) => void | Promise<void>;
  /** One line per page, for progress output. */
  onProgress?: (line: string) => void;
  signal?: AbortSignal;
}

export interface BackfillResult {
  via: 'oai' | 'api';
  /** Sets harvested (OAI) or categories queried (API). */
  targets: string[];
  pages: number;
  papers: number;
  /** Deleted records (OAI) skipped. */
  deleted: number;
  /** Records in another format or without a valid id, skipped. */
  unreadable: number;
  /** Some part continued from a saved token or offset. */
  resumed: boolean;
  complete: boolean;
}

/** Days from `from` to `to`, both included. */
export function rangeDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The path `auto` picks for these targets and range (rule in the module comment). */
export function chooseVia(targets: readonly BackfillTarget[], from: string, to: string): 'oai' | 'api' {
  const small = rangeDays(from, to) <= API_MAX_DAYS && targets.length <= API_MAX_CATEGORIES;
  return small && targets.every((t) => t.kind === 'category') ? 'api' : 'oai';
}

function checkRange(from: string, to: string): void {
  for (const [flag, d] of [['--from', from], ['--to', to]] as const) {
    // Date.parse is NaN for month 13; a day past the month's end (02-30) rolls over, so compare the round trip.
    const t = /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d) {
      throw new UsageError(`${flag} must be a date like 2024-01-31, got "${d}"`);
    }
  }
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
}

/**
 * The path a backfill of these categories and dates takes (so the caller knows the host it talks to).
 * @throws UsageError for bad dates or categories.
 */
export function backfillPath(options: Pick<BackfillOptions, 'categories' | 'from' | 'to' | 'via'>): 'oai' | 'api' {
  checkRange(options.from, options.to);
  const targets = parseTargets(options.categories);
  return options.via && options.via !== 'auto' ? options.via : chooseVia(targets, options.from, options.to);
}

/** Backfill `categories` from `from` to `to` into the store by the chosen path. */
export async function backfill(options: BackfillOptions): Promise<BackfillResult> {
  const via = backfillPath(options);
  const targets = parseTargets(options.categories);
  const say = options.onProgress ?? (() => {});
  if (via === 'api') {
    const archives = targets.filter((t) => t.kind === 'archive').map((t) => t.name);
    if (archives.length > 0) throw new UsageError(`--via api needs categories, not whole archives (${archives.join(', ')}); use --via oai`);
    const categories = targets.map((t) => t.name);
    const r = await backfillViaApi({
      ...options,
      categories,
      onPage: (p) => say(`api page ${p.page}: ${p.papers} papers (${p.totalPapers} of ${p.totalResults})`),
    });
    return { via, targets: categories, pages: r.pages, papers: r.papers, deleted: 0, unreadable: 0, resumed: r.resumed, complete: r.complete };
  }
  const total: BackfillResult = { via, targets: [], pages: 0, papers: 0, deleted: 0, unreadable: 0, resumed: false, complete: true };
  for (const target of targets) {
    const set = oaiSet(target);
    total.targets.push(set);
    const r = await harvest({
      ...options,
      oaiUrl: options.oaiUrl ?? DEFAULT_OAI_URL,
      set,
      until: options.to,
      onPage: (p) => say(`oai ${set} page ${p.page}: ${p.papers} papers${p.deleted ? `, ${p.deleted} deleted` : ''} (${p.totalPapers} in this set)${p.more ? '' : ', done'}`),
    });
    total.pages += r.pages;
    total.papers += r.papers;
    total.deleted += r.deleted;
    total.unreadable += r.unreadable;
    total.resumed ||= r.resumed;
    if (!r.complete) return { ...total, complete: false };
  }
  return total;
}
