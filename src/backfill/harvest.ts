/**
 * A resumable OAI-PMH harvest of one set into the store. Each page is upserted, then its resumption token is
 * saved under `backfill:<set>:<from>:<until>`, so a harvest killed at any point continues from the last saved
 * page (a page may be stored twice; upserts are idempotent). The token is deleted when the list is complete.
 *
 * Tokens expire at the next UTC midnight (arxiv.md §6). On `badResumptionToken` the harvest starts the list
 * again from the latest datestamp it has completely stored — the server lists records in datestamp order — or
 * from the original `from` if pages ever came out of order.
 */
import type { ArxivClient } from '../sources/http.js';
import type { Store } from '../store/types.js';
import type { Paper } from '../types.js';
import { getOaiPage, listRecordsUrl, OaiError } from './oai.js';
import type { OaiPage } from './oai.js';
import type { OaiFormat } from './oai-records.js';

export interface HarvestPage {
  set: string;
  /** 1-based, counting pages of this run only. */
  page: number;
  papers: number;
  deleted: number;
  unreadable: number;
  /** Papers stored so far in this run. */
  totalPapers: number;
  /** More pages follow. */
  more: boolean;
}

export interface HarvestOptions {
  client: ArxivClient;
  /** Base URL, e.g. `https://oaipmh.arxiv.org/oai` (PREPRINT_DIGEST_OAI_URL). */
  oaiUrl: string;
  /** setSpec, e.g. `cs:cs:LG` (see sets.ts). */
  set: string;
  /** `YYYY-MM-DD`, inclusive, last-modification date. */
  from: string;
  /** `YYYY-MM-DD`, inclusive; open-ended when absent. */
  until?: string | null;
  store: Store;
  /** `arXivRaw` carries every version (exact version numbers and times); `arXiv` has structured authors. @default 'arXivRaw' */
  metadataPrefix?: OaiFormat;
  /** The papers of each page, once stored (e.g. to enqueue their summaries). */
  onPapers?: (papers: readonly Paper[]) => void | Promise<void>;
  /** Called after each page is stored and its token saved. */
  onPage?: (page: HarvestPage) => void | Promise<void>;
  /** Stops the harvest between pages (the current page is finished and saved first). */
  signal?: AbortSignal;
  /** Fresh starts after an expired token before giving up. @default 3 */
  maxRestarts?: number;
}

export interface HarvestResult {
  set: string;
  pages: number;
  papers: number;
  deleted: number;
  unreadable: number;
  /** The run continued a token saved by an earlier, interrupted run. */
  resumed: boolean;
  /** Fresh starts after an expired or rejected token. */
  restarts: number;
  /** False when stopped by the signal before the last page. */
  complete: boolean;
}

export function harvestStateKey(set: string, from: string, until?: string | null): string {
  return `backfill:${set}:${from}:${until ?? ''}`;
}

/** Harvest `set` between `from` and `until` into the store, resuming a saved token. */
export async function harvest(options: HarvestOptions): Promise<HarvestResult> {
  const { store, set, from } = options;
  const until = options.until ?? null;
  const key = harvestStateKey(set, from, until);
  // Where to start over when a token is refused: the latest datestamp every earlier record is stored for.
  const markKey = `${key}:datestamp`;
  const metadataPrefix = options.metadataPrefix ?? 'arXivRaw';
  let token = await store.getState(key);
  let mark = (await store.getState(markKey)) ?? from;
  let inOrder = true;
  const count = distinctAcrossRestarts();
  const result: HarvestResult = { set, pages: 0, papers: 0, deleted: 0, unreadable: 0, resumed: token !== null, restarts: 0, complete: false };
  for (;;) {
    if (options.signal?.aborted) return result;
    const url = token
      ? listRecordsUrl(options.oaiUrl, { resumptionToken: token })
      : listRecordsUrl(options.oaiUrl, { metadataPrefix, set, from: mark, until: until ?? undefined });
    let page: OaiPage;
    try {
      page = await getOaiPage(options.client, url);
    } catch (err) {
      if (!(err instanceof OaiError && err.oaiCode === 'badResumptionToken' && token)) throw err;
      if (result.restarts >= (options.maxRestarts ?? 3)) throw err;
      result.restarts++;
      count.restart();
      token = null;
      continue;
    }
    if (page.papers.length > 0) {
      await options.store.upsertPapers(page.papers);
      await options.onPapers?.(page.papers);
    }
    // Ascending datestamps across pages make `mark` safe to restart from; one page out of order and the only
    // safe restart is the original `from`.
    if (inOrder && page.firstDatestamp !== null && page.firstDatestamp < mark) inOrder = false;
    const fresh = count.page(page.papers, (inOrder ? (page.lastDatestamp ?? mark) : from) !== mark);
    mark = inOrder ? (page.lastDatestamp ?? mark) : from;
    token = page.resumptionToken;
    await store.setState(markKey, token ? mark : null);
    await store.setState(key, token);
    result.pages++;
    result.papers += fresh;
    result.deleted += page.deleted.length;
    result.unreadable += page.unreadable;
    await options.onPage?.({
      set,
      page: result.pages,
      papers: page.papers.length,
      deleted: page.deleted.length,
      unreadable: page.unreadable,
      totalPapers: result.papers,
      more: token !== null,
    });
    if (!token) return { ...result, complete: true };
  }
}

/**
 * Papers counted once across restarts: a restart from `mark` reads again every record from that datestamp on, so
 * the ids read since `mark` last moved (one datestamp's worth; all of them once pages came out of order) are kept,
 * and after a restart those read again are not counted twice.
 */
function distinctAcrossRestarts() {
  let sinceMark = new Set<string>();
  let readBefore = new Set<string>();
  return {
    restart() {
      readBefore = new Set([...readBefore, ...sinceMark]);
    },
    /** How many of the page's papers are new to this harvest; `markMoves`: the page moves the restart point. */
    page(papers: readonly Paper[], markMoves: boolean): number {
      if (markMoves) sinceMark = new Set();
      let fresh = 0;
      for (const { id } of papers) {
        if (!readBefore.has(id) && !sinceMark.has(id)) fresh++;
        sinceMark.add(id);
      }
      return fresh;
    },
  };
}
