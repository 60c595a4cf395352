/** `preprint-digest import-jsonl FILE…`: rebuild the store from digest JSONL files (e.g. the data branch). */
import { open } from 'node:fs/promises';
import { papers as paperCount } from '../../channels/select.js';
import { importDigestJsonl } from '../../digest/import-jsonl.js';
import type { StoredSummary } from '../../store/types.js';
import type { SummaryMeta } from '../../types.js';
import { configFromFlags, say, withStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { UsageError } from '../../errors.js';
import { notTextReason } from '../../file-kind.js';
import { displayStoreLocation } from '../../store/index.js';
import { requireFiles } from '../options.js';

export async function importJsonlCommand(files: string[], flags: DayFlags): Promise<void> {
  requireFiles(...files);
  for (const file of files) await checkInput(file);
  const config = configFromFlags(flags);
  await withStore(config, async (store) => {
    // Counted as stored: a paper listed on several days is one paper, a summary kept under one key is one summary.
    let listings = 0;
    const ids = new Set<string>();
    const summaries = new Map<string, StoredSummary>();
    const skipped = { fallback: 0, incomplete: 0 };
    for (const file of [...files].sort()) {
      const day = await importDigestJsonl(store, file);
      listings += day.papers;
      for (const id of day.ids) ids.add(id);
      for (const s of day.stored) summaries.set(s.key, s);
      skipped.fallback += day.skipped.fallback;
      skipped.incomplete += day.skipped.incomplete;
    }
    const current = await currentVersions([...summaries.values()].map((s) => s.meta));
    const stale = summaries.size - current;
    const usable = summaries.size === 0 ? '' : stale === 0 ? ', all by the current summarizer versions' : `, ${current} by the current summarizer versions (\`run\` redoes the other ${stale})`;
    const days = `${files.length} day${files.length === 1 ? '' : 's'}`;
    say(`imported ${days}: ${listings} listings of ${paperCount(ids.size)}; ${summaries.size} summar${summaries.size === 1 ? 'y' : 'ies'} stored${usable} → ${displayStoreLocation(config.db)}`);
    const notes = skippedNotes(skipped, [...summaries.values()].filter((s) => s.meta.version === undefined).length);
    if (notes) say(`note: ${notes}`);
  });
}

/** Summaries the files held that `run` will not reuse or that were not stored at all, and why. */
function skippedNotes(skipped: { fallback: number; incomplete: number }, unversioned: number): string {
  const n = (k: number) => `${k} summar${k === 1 ? 'y' : 'ies'}`;
  return [
    unversioned ? `${n(unversioned)} from files without a summarizer version kept for render, site and send only` : '',
    skipped.fallback ? `${n(skipped.fallback)} skipped: marked fallback, \`run\` makes them again` : '',
    skipped.incomplete ? `${n(skipped.incomplete)} skipped: no summarizer, model or language recorded` : '',
  ].filter(Boolean).join('; ');
}

/**
 * Refuse a folder, or a file that is compressed or not text, before the store is opened: read as JSON Lines it
 * was "line 1: not JSON", and a new store was left behind.
 */
async function checkInput(file: string): Promise<void> {
  const head = Buffer.alloc(65_536);
  let length: number;
  try {
    const handle = await open(file, 'r');
    try {
      length = (await handle.read(head, 0, head.length, 0)).bytesRead;
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EISDIR' ? `${file} is a folder, not a digest JSONL file` : `cannot read ${file}: ${code ?? String(err)}`);
  }
  const odd = notTextReason(head.subarray(0, length), 'a digest JSONL file');
  if (odd) throw new UsageError(`${file} ${odd}`);
}

/**
 * Summaries `run` reuses, as far as the file can tell: the built-in summarizer's of its current model and
 * composer (their version is in the cache key), and LLM ones of the current prompt (the model is the run's choice).
 */
async function currentVersions(metas: readonly SummaryMeta[]): Promise<number> {
  const { createBuiltinSummarizer } = await import('../../summarize/builtin/index.js');
  const { LLM_VERSION } = await import('../../summarize/llm/index.js');
  const builtin = createBuiltinSummarizer();
  const isCurrent = (m: SummaryMeta) =>
    m.summarizer === 'builtin' ? m.model === builtin.model && m.version === builtin.version : m.summarizer === 'llm' && m.version === LLM_VERSION;
  return metas.filter(isCurrent).length;
}
