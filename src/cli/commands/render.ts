/**
 * `preprint-digest render [--date D] [--rank]`: render a stored day (default: the latest) from the store, reusing
 * stored summaries only; ranked as `run --rank` ranked it when asked (or config `rank`), so "For you" survives.
 */
import { papers } from '../../channels/select.js';
import { batchFromStore } from '../../digest/batch.js';
import { dayAnnounceTypes } from '../../day-types.js';
import { UsageError, exitCodeFor } from '../../errors.js';
import { buildDigest, rank, render, summarize } from '../../pipeline.js';
import { createRunRecorder, finishRun } from '../../report.js';
import { storedSummarizer } from '../../summarize/select.js';
import { configFromFlags, fetchOptions, say, withExistingStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { displayStoreLocation } from '../../store/index.js';
import { dayFlag, prepareOutDir, rankDeps, shownPath } from '../options.js';

export async function renderCommand(flags: DayFlags): Promise<void> {
  const config = configFromFlags(flags, true);
  const asked = dayFlag(flags.date, '--date');
  // Shows stored summaries only: no endpoint, key, model or budget needed.
  const summarizer = await storedSummarizer(config, { anyModel: true });
  const ranking = await rankDeps(config, flags);
  await withExistingStore(config, async (store) => {
    await prepareOutDir(config.out);
    const date = asked ?? (await store.listDays())[0];
    if (!date) throw new UsageError(`no day is stored in ${displayStoreLocation(config.db)} yet; run \`preprint-digest run\` or \`fetch\` first`);
    const options = fetchOptions(config, { ...flags, date }, false);
    const recorder = createRunRecorder('render', config.categories);
    const deps = { store, recorder };
    try {
      const day = await store.getDay(date);
      if (!day) throw new UsageError(`${date} is not in the store ${displayStoreLocation(config.db)}; run \`preprint-digest fetch --date ${date}\` first`);
      const categories = options.categories.length > 0 ? options.categories : day.categories;
      const batch = await batchFromStore(date, categories, store);
      if (!batch) throw new UsageError(`${date} is stored for ${day.categories.join(', ')} only; fetch the other categories first`);
      recorder.report.date = date;
      recorder.report.source = 'store';
      // Shown with the types its run listed (unless asked for others), not silently without its replacements.
      const announceTypes = await dayAnnounceTypes(store, config)(date);
      const digest = await buildDigest(batch, { ...options, categories, announceTypes }, deps);
      await summarize(digest, { summarizer, language: config.language, cacheOnly: true }, deps);
      const files = await render(ranking ? await rank(digest, ranking, deps) : digest, config.out, deps);
      await finishRun(recorder, store, config.out, 0, 'done');
      const c = recorder.report.counts;
      say(`${date}: rendered ${papers(c.listed)} (${c.byStatus.failed} without a stored summary) → ${shownPath(files.markdown)}`);
      const standIn = recorder.report.problems.find((p) => p.code === 'stand-in');
      if (standIn) say(`note: ${standIn.message}`);
    } catch (err) {
      await finishRun(recorder, store, config.out, exitCodeFor(err), (err as Error).message);
      throw err;
    }
  });
}
