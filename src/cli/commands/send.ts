/** `preprint-digest send --to …`: email (and push) a stored day; on a day without one, the short note. */
import { UsageError } from '../../errors.js';
import { deliverDigest, deliverNoAnnouncement } from '../../deliver.js';
import { loadStoredDigest, rank } from '../../pipeline.js';
import { createRunRecorder } from '../../report.js';
import { storedSummarizer } from '../../summarize/select.js';
import { checkDate, configFromFlags, say, withExistingStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { deliveryConfig, rankDeps } from '../options.js';

export async function sendCommand(flags: DayFlags): Promise<void> {
  const config = configFromFlags(flags);
  const delivery = deliveryConfig(config);
  if (delivery.emailTo.length === 0 && !delivery.slackWebhook && !delivery.feishuWebhook && !delivery.telegramToken) {
    throw new UsageError('nothing to send to: pass --to ADDRESS[,ADDRESS] or configure a chat webhook');
  }
  // Shows stored summaries only: no endpoint or API key needed.
  const summarizer = await storedSummarizer(config);
  await withExistingStore(config, async (store) => {
    const date = flags.date !== undefined ? checkDate(flags.date) : (await store.listDays())[0];
    const digest = date
      ? await loadStoredDigest(store, date, { categories: config.categories, announceTypes: config.announceTypes, summarizer, language: config.language })
      : null;
    if (!digest) {
      const sent = await deliverNoAnnouncement(date ?? null, config.categories, delivery);
      say(`${date ?? 'latest day'}: no announcement stored${sent.sent.length ? `; sent the note to ${sent.sent.join(', ')}` : '; nothing sent'}`);
      return;
    }
    const ranking = await rankDeps(config);
    const deps = { store, recorder: createRunRecorder('send', config.categories) };
    const ranked = ranking ? await rank(digest, ranking, deps) : digest;
    const result = await deliverDigest(ranked, delivery);
    say(`${digest.date}: sent to ${result.sent.join(', ')}`);
  });
}
