/**
 * `preprint-digest import-kaggle FILE`: the arXiv metadata snapshot (JSON Lines) into the store, streamed in
 * batches, carrying on where an earlier import of the same file stopped (`--restart`: from the top). The search
 * index is not touched per batch (the store is opened with `searchIndex: 'defer'`) and is rebuilt once at the end,
 * unless `--no-search-index` leaves that for later (the store records it as stale). The import's record is kept
 * until that rebuild is done, so an import killed during it only rebuilds the index when run again.
 */
import { forgetImport, importKaggle } from '../../backfill/index.js';
import type { KaggleImportResult, KaggleProgress } from '../../backfill/index.js';
import { splitList } from '../../config/resolve.js';
import { UsageError } from '../../errors.js';
import { displayStoreLocation, openStore } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { filterCategories, validateCategories } from '../../taxonomy/index.js';
import { configFromFlags, note, say } from '../context.js';
import { requireFiles } from '../options.js';
import { INTERRUPTED } from './backfill.js';

export interface ImportKaggleFlags {
  db?: string;
  config?: string;
  categories?: string;
  /** false with `--no-search-index`. */
  searchIndex?: boolean;
  restart?: boolean;
  progress?: string;
}

const rate = (n: number, ms: number) => Math.round(n / Math.max(ms / 1000, 1e-3));

export async function importKaggleCommand(file: string, flags: ImportKaggleFlags): Promise<void> {
  requireFiles(file);
  const config = configFromFlags({ db: flags.db, config: flags.config, progress: flags.progress });
  // An archive (`cs`) filters as its categories: records carry category ids only, old ones the bare archive
  // (`astro-ph` before 2009) or a retired one (`cmp-lg`), which filterCategories adds.
  const asked = flags.categories !== undefined ? validateCategories(splitList(flags.categories)) : [];
  const categories = filterCategories(asked);
  const store = await openStore(config.db, { searchIndex: 'defer' });
  try {
    const t0 = performance.now();
    let lastNote = 0;
    let before = 0;
    const onStart = (start: Pick<KaggleImportResult, 'resumed' | 'notResumed'>) => {
      before = start.resumed?.read ?? 0;
      startNote(start);
    };
    const onProgress = (p: KaggleProgress) => {
      // A line every ~5 s: a 2.7M-record import takes minutes.
      if (config.progress === 'none' || performance.now() - lastNote < 5000) return;
      lastNote = performance.now();
      const pct = p.totalBytes > 0 ? ` (${Math.floor((100 * p.bytesRead) / p.totalBytes)} %)` : '';
      note(`import-kaggle: ${p.imported} imported, ${p.malformed} malformed${pct}, ${rate(p.read - before, lastNote - t0)} records/s`);
    };
    // Ctrl-C stops after the batch in hand (its place is saved); a second one, or one during the rebuild, stops at once.
    const stop = new AbortController();
    const interrupt = () => stop.abort();
    process.once('SIGINT', interrupt);
    const r = await importKaggle({ file, store, categories, onProgress, onStart, restart: flags.restart === true, signal: stop.signal, keepRecord: true }).finally(() =>
      process.off('SIGINT', interrupt),
    );
    for (const m of r.malformedLines) note(`import-kaggle: skipped line ${m.line}: ${m.reason}`);
    const filtered = r.filtered ? `, ${r.filtered} outside ${asked.join(',')}` : '';
    if (!r.complete) {
      say(`stopped after ${r.imported} of ${r.read} records (${r.malformed} malformed${filtered}); run the same command again to continue`);
      process.exitCode = INTERRUPTED;
      return;
    }
    if (r.read === 0) {
      // An empty or blank file (a download that failed and left 0 bytes) would otherwise "succeed" and a scheduled
      // import would never notice.
      await forgetImport(store, file);
      throw new UsageError(`${file} holds no records (an empty file?): import-kaggle takes the arXiv metadata snapshot, one JSON record a line`);
    }
    if (r.malformed === r.read) {
      await forgetImport(store, file);
      throw new UsageError(`none of the ${r.read} records of ${file} could be read (all malformed): import-kaggle takes the arXiv metadata snapshot, one JSON record a line`);
    }
    say(`imported ${r.imported} of ${r.read} records (${r.malformed} malformed${filtered}) in ${(r.elapsedMs / 1000).toFixed(1)} s, ${rate(r.read - before, r.elapsedMs)} records/s → ${displayStoreLocation(config.db)}`);
    await finishIndex(store, flags.searchIndex !== false);
    await forgetImport(store, file);
  } finally {
    await store.close();
  }
}

function startNote({ resumed, notResumed }: Pick<KaggleImportResult, 'resumed' | 'notResumed'>): void {
  if (resumed?.atEnd) note(`import-kaggle: an earlier import read this whole file (${resumed.imported} records stored) but stopped before the end; finishing it`);
  else if (resumed) note(`import-kaggle: carrying on after line ${resumed.line}, where an earlier import of this file stopped (${resumed.imported} records stored then; --restart to start from the top)`);
  if (notResumed) note(`import-kaggle: an earlier import of this file stopped part-way; starting from the top: ${notResumed}`);
}

async function finishIndex(store: Store, rebuild: boolean): Promise<void> {
  if (!rebuild) return say('search index not rebuilt (--no-search-index): searches miss the imported papers until `preprint-digest reindex`');
  if (!store.rebuildSearchIndex) return;
  const t1 = performance.now();
  await store.rebuildSearchIndex();
  say(`search index rebuilt in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
}
