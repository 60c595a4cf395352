/** `preprint-digest send --to …`: email (and push) a stored day; on a day recorded without one, the short note. */
import { RECENT_RUNS, dayAnnounceTypes } from '../../day-types.js';
import { UsageError } from '../../errors.js';
import { checkDelivery } from '../../deliver-check.js';
import { deliverDigest, deliverNoAnnouncement } from '../../deliver.js';
import type { DeliveryConfig } from '../../deliver.js';
import type { ResolvedConfig } from '../../config/schema.js';
import { rank } from '../../pipeline.js';
import { loadStoredDigest } from '../../stored-digest.js';
import { createRunRecorder, noAnnouncementOf } from '../../report.js';
import { displayStoreLocation } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { storedSummarizer } from '../../summarize/select.js';
import { configFromFlags, say, withExistingStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { dayFlag, deliveryConfig, rankDeps } from '../options.js';

export async function sendCommand(flags: DayFlags): Promise<void> {
  const config = configFromFlags(flags, true);
  const delivery = deliveryConfig(config);
  if (delivery.emailTo.length === 0 && !delivery.slackWebhook && !delivery.feishuWebhook && !delivery.telegramToken) {
    throw new UsageError('nothing to send to: pass --to ADDRESS[,ADDRESS] or configure a chat webhook');
  }
  checkDelivery(delivery);
  const asked = dayFlag(flags.date, '--date');
  // Shows stored summaries only: no endpoint or API key needed.
  const summarizer = await storedSummarizer(config, { anyModel: true });
  await withExistingStore(config, async (store) => {
    const where = displayStoreLocation(config.db);
    const date = asked ?? (await latestDay(store));
    if (!date) throw new UsageError(`no day is stored in ${where} yet; run \`preprint-digest run\` or \`fetch\` first`);
    const day = await store.getDay(date);
    if (!day) return sendNote(store, date, config, delivery);
    const digest = await loadStoredDigest(store, date, { categories: config.categories, announceTypes: await dayAnnounceTypes(store, config)(date), summarizer, language: config.language });
    if (!digest) throw new UsageError(`${date} is stored for ${day.categories.join(', ')} only; fetch the other categories first`);
    const ranking = await rankDeps(config, flags);
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
  const empty = (await noAnnouncementDays(store)).find((r) => r.date === date);
  if (!empty) {
    throw new UsageError(
      `the store ${displayStoreLocation(config.db)} has no record of ${date} (no papers, no run that found it without an announcement), so send cannot tell whether it was an announcement day; run \`preprint-digest fetch --date ${date}\` first`,
    );
  }
  const categories = config.categories.length > 0 ? config.categories : empty.categories;
  const sent = await deliverNoAnnouncement(date, categories, delivery);
  say(noteLine(date, sent.sent));
}

/** What `send` and `run` say of a day without an announcement, on stdout. */
export function noteLine(date: string | null, sent: readonly string[]): string {
  return `${date ?? 'this day'}: no announcement${sent.length ? `; sent the note to ${sent.join(', ')}` : '; nothing sent'}`;
}

async function noAnnouncementDays(store: Store): Promise<{ date: string; categories: string[] }[]> {
  const runs = await store.listRuns(RECENT_RUNS);
  return runs.map(noAnnouncementOf).filter((r) => r !== null);
}

/** The latest day the store has a record of: stored papers, or a run that found no announcement. */
async function latestDay(store: Store): Promise<string | undefined> {
  const days = [(await store.listDays())[0], ...(await noAnnouncementDays(store)).map((r) => r.date)];
  return days.filter((d) => d !== undefined).sort().at(-1);
}
