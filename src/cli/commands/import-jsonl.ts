/** `preprint-digest import-jsonl FILE…`: rebuild the store from digest JSONL files (e.g. the data branch). */
import { importDigestJsonl } from '../../digest/import-jsonl.js';
import { configFromFlags, say, withStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { displayStoreLocation } from '../../store/index.js';

export async function importJsonlCommand(files: string[], flags: DayFlags): Promise<void> {
  const config = configFromFlags(flags);
  await withStore(config, async (store) => {
    let papers = 0;
    let summaries = 0;
    for (const file of [...files].sort()) {
      const day = await importDigestJsonl(store, file);
      papers += day.papers;
      summaries += day.summaries;
    }
    say(`imported ${files.length} day${files.length === 1 ? '' : 's'}: ${papers} papers, ${summaries} reusable summaries → ${displayStoreLocation(config.db)}`);
  });
}
