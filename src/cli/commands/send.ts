/** `preprint-digest send --to …`: email (and push) a stored day; on a day recorded without one, the short note. */
import { RECENT_RUNS, dayAnnounceTypes } from '../../day-types.js';
import { EXIT_CODES, UsageError } from '../../errors.js';
import { checkDelivery } from '../../deliver-check.js';
import { deliverDigest, deliverNoAnnouncement } from '../../deliver.js';
import type { DeliveryConfig } from '../../deliver.js';
import type { ResolvedConfig } from '../../config/schema.js';
import { loadStoredDigest, rank } from '../../pipeline.js';
import { createRunRecorder } from '../../report.js';
import { displayStoreLocation } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import type { RunReport } from '../../types.js';
import { storedSummarizer } from '../../summarize/select.js';
import { configFromFlags, say, withExistingStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { dayFlag, deliveryConfig, rankDeps } from '../options.js';

export async function sendCommand(flags: DayFlags): Promise<void> {
  const config = configFromFlags(flags);
  const delivery = deliveryConfig(config);
  if (delivery.emailTo.length === 0 && !delivery.slackWebhook && !delivery.feishuWebhook && !delivery.telegramToken) {
    throw new UsageError('nothing to send to: pass --to ADDRESS[,ADDRESS] or configure a chat webhook');
  }
  checkDelivery(delivery);
  const asked = dayFlag(flags.date, '--date');
  // Shows stored summaries only: no endpoint or API key needed.
  const summarizer = await storedSummarizer(config);
  await withExistingStore(config, async (store) => {
    const where = displayStoreLocation(config.db);
    const date = asked ?? (await store.listDays())[0];
    if (!date) throw new UsageError(`no day is stored in ${where} yet; run \`preprint-digest run\` or \`fetch\` first`);
    const day = await store.getDay(date);
    if (!day) return sendNote(store, date, config, delivery);
    const digest = await loadStoredDigest(store, date, { categories: config.categories, announceTypes: await dayAnnounceTypes(store, config)(date), summarizer, language: config.language });
    if (!digest) throw new UsageError(`${date} is stored for ${day.categories.join(', ')} only; fetch the other categories first`);
    const ranking = await rankDeps(config);
    const deps = { store, recorder: createRunRecorder('send', config.categories) };
    const ranked = ranking ? await rank(digest, ranking, deps) : digest;
    const result = await deliverDigest(ranked, delivery);
    say(`${digest.date}: sent to ${result.sent.join(', ')}`);
  });
}

/**
 * A day missing from the store gets the "no announcement" note only when a run recorded it so (exit 3 for that
 * date); otherwise the store simply knows nothing of it, and saying "arXiv announced nothing" would be false.
 */
async function sendNote(store: Store, date: string, config: ResolvedConfig, delivery: DeliveryConfig): Promise<void> {
  const runs = await store.listRuns(RECENT_RUNS);
  const empty = runs.map(noAnnouncementOf).find((r) => r?.date === date);
  if (!empty) {
    throw new UsageError(
      `the store ${displayStoreLocation(config.db)} has no record of ${date} (no papers, no run that found it without an announcement), so send cannot tell whether it was an announcement day; run \`preprint-digest fetch --date ${date}\` first`,
    );
  }
  const categories = config.categories.length > 0 ? config.categories : empty.categories;
  const sent = await deliverNoAnnouncement(date, categories, delivery);
  say(`${date}: no announcement${sent.sent.length ? `; sent the note to ${sent.sent.join(', ')}` : '; nothing sent'}`);
}

/**
 * The day (and categories) of a run that found no announcement. Releases before the report kept the date of
 * such a day stored `"date": null`, naming the day and categories only in the outcome
 * ("[fetch] no announcement for 2026-02-07 in cs.LG, stat.ML (weekend, …)"), so that is read instead.
 */
function noAnnouncementOf(run: RunReport): { date: string; categories: string[] } | null {
  if (run.exitCode !== EXIT_CODES.noAnnouncement) return null;
  if (run.date) return { date: run.date, categories: run.categories };
  const said = /\bno announcement for (\d{4}-\d{2}-\d{2})(?: in ([^()]+?) \()?/.exec(run.outcome);
  if (!said?.[1]) return null;
  const categories = run.categories.length > 0 ? run.categories : (said[2]?.split(', ') ?? []);
  return { date: said[1], categories };
}
