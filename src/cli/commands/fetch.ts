/** `preprint-digest fetch`: fetch one announcement day into the store, without summaries or files. */
import { plainText } from '../../channels/_text.js';
import { papers } from '../../channels/select.js';
import { exitCodeFor } from '../../errors.js';
import { fetchAndStore } from '../../pipeline.js';
import { createRunRecorder, finishRun } from '../../report.js';
import { fetchWarnings } from '../../sources/warnings.js';
import { configFromFlags, fetchOptions, note, say, withStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { dayFlag } from '../options.js';

export async function fetchCommand(flags: DayFlags): Promise<void> {
  const config = configFromFlags(flags);
  const options = fetchOptions(config, { ...flags, date: dayFlag(flags.date, '--date') });
  await withStore(config, async (store) => {
    const recorder = createRunRecorder('fetch', config.categories);
    try {
      const batch = await fetchAndStore(options, { store, recorder });
      await finishRun(recorder, store, null, 0, 'done');
      const problems = batch.problems.length > 0 ? `; ${batch.problems.length} problem(s) in the run report` : '';
      say(`${batch.date}: stored ${papers(batch.items.length)} (${batch.categories.map(plainText).join(', ')}) from ${batch.source}${problems}`);
      // As run does: a disagreement between feed and listing must not live only in the report.
      for (const line of fetchWarnings(batch.problems)) note(line);
    } catch (err) {
      await finishRun(recorder, store, null, exitCodeFor(err), (err as Error).message);
      throw err;
    }
  });
}
