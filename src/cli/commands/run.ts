/** `preprint-digest run`: fetch → store → summarize → render one announcement day. */
import path from 'node:path';
import { plainText } from '../../channels/_text.js';
import { papers } from '../../channels/select.js';
import { checkDelivery } from '../../deliver-check.js';
import { NoAnnouncementError, SummarizerStoppedError } from '../../errors.js';
import { dayAnnounceTypes } from '../../day-types.js';
import { runDay } from '../../pipeline.js';
import { createRunRecorder } from '../../report.js';
import { displayStoreLocation } from '../../store/index.js';
import { fetchWarnings } from '../../sources/warnings.js';
import { selectSummarizer } from '../../summarize/select.js';
import { publishDay, storedDayRanker } from '../../publish.js';
import type { Digest, RunReport } from '../../types.js';
import { createProgress } from '../progress.js';
import type { ProgressMode } from '../progress.js';
import { configFromFlags, fetchOptions, note, say, withStore } from '../context.js';
import { dayFlag, deliveryConfig, prepareOutDir, rankDeps, shownPath } from '../options.js';
import type { DayFlags } from '../context.js';
import { noteLine } from './send.js';

export async function runCommand(flags: DayFlags): Promise<void> {
  const config = configFromFlags(flags);
  const options = fetchOptions(config, { ...flags, date: dayFlag(flags.date, '--date') });
  // Before any work: a bad SMTP URL or address found after the LLM was paid would be too late.
  const deliver = deliveryConfig(config);
  checkDelivery(deliver);
  await prepareOutDir(config.out);
  const choice = await selectSummarizer(config, note);
  // With --queue, workers summarize; Redis code loads only then, and an unreachable Redis stops the run here.
  const queued = config.queue ? queueNotes(displayStoreLocation(config.queue)) : undefined;
  const queue = config.queue ? await openQueue(config.queue, config.db, config.queueTimeoutMs, queued?.onQueued) : undefined;
  // The run's own summarizer makes no request with a queue: its notice (endpoint, requests at once) is the workers'.
  if (!queue) for (const line of choice.notices) note(line);
  else options.gate = queue.arxivGate;
  await withStore(config, async (store) => {
    const recorder = createRunRecorder('run', config.categories);
    const progress = createProgress(config.progress as ProgressMode);
    const summarize = { ...choice, language: config.language, queue };
    const rank = await rankDeps(config, flags);
    // The other days a fresh reader (or the feeds) shows are ranked too, as `site` would rank them.
    const rankOthers = rank ? storedDayRanker(store, rank) : undefined;
    // --announce-types picks what this run fetches for its day; the other days show what their own runs listed.
    const announceTypes = dayAnnounceTypes(store, { announceTypes: config.announceTypes, announceTypesSet: false });
    const publish = { siteUrl: config.siteUrl, feedDays: config.feedDays, announceTypes, summarizer: choice.summarizer, language: config.language, rank: rankOthers };
    const site = (digest: Digest) => publishDay(store, digest, path.join(config.out, 'site'), publish).then(() => undefined);
    const day = { fetch: options, summarize, out: config.out, rank, site, deliver };
    const { report, files, stopped } = await runDay(day, { store, recorder, progress })
      .catch((err: unknown) => {
        // The note went out (or was due) although the run ends with exit 3: say so, as `send` does.
        if (err instanceof NoAnnouncementError && recorder.report.delivered) say(noteLine(recorder.report.date, recorder.report.delivered));
        throw err;
      })
      .finally(() => choice.summarizer.close?.());
    say(summaryLine(report, files.markdown));
    for (const line of fetchWarnings(report.problems)) note(line);
    if (stopped) throw new SummarizerStoppedError(`${stopped}; the remaining papers have marked fallback summaries`);
  }).finally(() => (queued?.dispose(), queue?.close()));
}

async function openQueue(url: string, db: string, timeoutMs: number | null, onQueued?: (queued: number, stored: number) => void) {
  const { openSummaryQueue, withoutPassword } = await import('../../queue/index.js');
  return openSummaryQueue(url, { storeLabel: withoutPassword(db), timeoutMs: timeoutMs ?? undefined, onQueued, onNotice: note });
}

/**
 * What a run with --queue does, said once the jobs are queued; and on Ctrl-C while it waits, that they stay queued
 * (the workers carry on; a later run uses what they store) before the signal ends the run as usual.
 */
function queueNotes(display: string) {
  let jobs = 0;
  const interrupted = () => {
    note(`interrupted: the ${jobs === 1 ? 'job' : `${jobs} jobs`} this run queued stay queued for the workers; a later run uses the summaries they store`);
    process.kill(process.pid, 'SIGINT');
  };
  return {
    onQueued(n: number, stored: number) {
      const already = stored > 0 ? `; ${papers(stored)} already summarized` : '';
      note(n === 0 ? `nothing to queue: every paper already has a summary${already}` : `queueing ${papers(n)} for the workers at ${display}${already}`);
      jobs = n;
      if (n > 0) process.once('SIGINT', interrupted);
    },
    dispose: () => process.off('SIGINT', interrupted),
  };
}

function summaryLine(report: RunReport, markdown: string): string {
  const c = report.counts;
  const sections = Object.entries(c.bySection).map(([cat, n]) => `${plainText(cat)} ${n}`).join(', ');
  const status = `${c.byStatus.ok} ok, ${c.byStatus.fallback} fallback, ${c.byStatus.failed} failed`;
  const sent = report.delivered?.length ? `; sent to ${report.delivered.join(', ')}` : '';
  const rebuilt = report.reconstructed ? ' (reconstructed from submission dates, not an announcement feed)' : '';
  return `${report.date}${rebuilt}: ${papers(c.listed)} (${sections}); summaries ${status}; ${c.reused} reused → ${shownPath(markdown)}${sent}`;
}
