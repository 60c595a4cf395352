/**
 * The archive index: document frequencies of every hashed term over all stored papers (for IDF), and the ids
 * of the archive (for drawing unlabelled papers to train and calibrate against). Built by one paged scan of
 * the store; held in memory (two `DIMS` arrays plus the ids), never written.
 */
import type { Store } from '../store/types.js';
import type { Paper } from '../types.js';
import { DIMS, paperTerms } from './text.js';
import type { TermStats } from './vectors.js';

export interface ArchiveIndex {
  stats: TermStats;
  /** Every id counted, in scan order. */
  ids: string[];
}

export interface ArchiveBuilder {
  add(paper: Pick<Paper, 'id' | 'title' | 'abstract'>): void;
  finish(): ArchiveIndex;
}

/** Count papers one at a time (a paper id seen twice is counted once). */
export function archiveBuilder(): ArchiveBuilder {
  const df = new Int32Array(DIMS);
  // Marks the last paper that counted a bucket, so a term repeated (or two terms colliding) counts once per paper.
  const lastDoc = new Int32Array(DIMS).fill(-1);
  const ids: string[] = [];
  const seen = new Set<string>();
  let totalLength = 0;
  return {
    add(paper) {
      if (seen.has(paper.id)) return;
      seen.add(paper.id);
      const doc = ids.length;
      ids.push(paper.id);
      const terms = paperTerms(paper.title, paper.abstract, false);
      totalLength += terms.length;
      for (const id of terms.ids) {
        if (lastDoc[id] === doc) continue;
        lastDoc[id] = doc;
        df[id] = (df[id] ?? 0) + 1;
      }
    },
    finish() {
      const docs = ids.length;
      return { stats: { docs, df, avgLength: docs > 0 ? totalLength / docs : 0 }, ids };
    },
  };
}

/** Index papers held in memory (tests, benchmarks, evaluation). */
export function indexPapers(papers: Iterable<Pick<Paper, 'id' | 'title' | 'abstract'>>): ArchiveIndex {
  const b = archiveBuilder();
  for (const p of papers) b.add(p);
  return b.finish();
}

export interface BuildArchiveOptions {
  /** Papers read per store call. @default 2000 */
  pageSize?: number;
  /** Called after each page with the papers indexed so far. */
  onProgress?: (indexed: number) => void;
}

/** Index every paper of the store, page by page (memory stays bounded by the page size). */
export async function buildArchiveIndex(store: Store, options: BuildArchiveOptions = {}): Promise<ArchiveIndex> {
  const pageSize = options.pageSize ?? 2000;
  const b = archiveBuilder();
  let after: string | null = null;
  let indexed = 0;
  for (;;) {
    const page = await store.listPapers({ limit: pageSize, after });
    for (const p of page) b.add(p);
    indexed += page.length;
    options.onProgress?.(indexed);
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = last.id;
  }
  return b.finish();
}
