/**
 * The deliver stage: after the digest is written, send it to every configured channel — email (SMTP), Slack,
 * Feishu/Lark, Telegram. Every channel is tried; failures are collected and reported together as one
 * DeliveriesFailedError (exit 6) that also names the channels that got the digest, so one dead webhook never hides
 * another channel's success.
 */
import {
  DeliveriesFailedError,
  DeliveryError,
  feishuMessage,
  partlyRefused,
  renderEmail,
  renderNoAnnouncementEmail,
  sendDigestEmail,
  sendFeishu,
  sendSlack,
  sendTelegram,
  slackMessage,
  telegramMessage,
} from './channels/index.js';
import type { DeliveryChannel, EmailMessage } from './channels/index.js';
import { emailSettings } from './deliver-check.js';
import { DigestError } from './errors.js';
import type { Digest } from './types.js';

export interface DeliveryConfig {
  siteUrl: string | null;
  emailTo: string[];
  emailFrom: string | null;
  /** smtp(s)://user:pass@host:port — environment only (it holds a password). */
  smtpUrl: string | null;
  emailDetails: boolean;
  /** Papers listed under the categories in the email at most (the rest are counted), or null: all. */
  emailMaxPapers: number | null;
  /** Send a short "no announcement" email on days without one. */
  noAnnouncementEmail: boolean;
  slackWebhook: string | null;
  feishuWebhook: string | null;
  feishuSecret: string | null;
  telegramToken: string | null;
  telegramChatId: string | null;
  telegramApiUrl: string | null;
  /** Papers in a chat message. */
  chatTop: number;
  /** Relevance threshold for every channel (ranked digests only). */
  minScore: number | null;
}

export interface DeliveryResult {
  /** Channels that received the digest, e.g. ["email (3 recipients)", "slack"]. */
  sent: string[];
}

/** Which channels are configured (for a one-line notice before the run). */
export function configuredChannels(c: DeliveryConfig): string[] {
  return [
    c.emailTo.length > 0 ? 'email' : null,
    c.slackWebhook ? 'slack' : null,
    c.feishuWebhook ? 'feishu' : null,
    c.telegramToken && c.telegramChatId ? 'telegram' : null,
  ].filter((x): x is string => x !== null);
}

/** One channel's send, with the channel it counts for and the name the success is reported under. */
interface Job {
  channel: DeliveryChannel;
  label: string;
  /** `reached` names a partial success (an email some recipients got) before the send fails for the rest. */
  send: (reached: (label: string) => void) => Promise<unknown>;
}

export async function deliverDigest(digest: Digest, c: DeliveryConfig): Promise<DeliveryResult> {
  const common = { siteUrl: c.siteUrl ?? undefined, minScore: c.minScore ?? undefined };
  const chat = { ...common, limit: c.chatTop };
  const jobs: Job[] = [];
  if (c.emailTo.length > 0) {
    const label = `email (${c.emailTo.length} recipient${c.emailTo.length > 1 ? 's' : ''})`;
    jobs.push({ channel: 'email', label, send: (reached) => sendEmail(renderEmail(digest, { ...common, details: c.emailDetails, maxEntries: c.emailMaxPapers ?? undefined }), c, reached) });
  }
  if (c.slackWebhook) jobs.push({ channel: 'slack', label: 'slack', send: () => sendSlack(c.slackWebhook as string, slackMessage(digest, chat)) });
  if (c.feishuWebhook) {
    const message = () => feishuMessage(digest, { ...chat, secret: c.feishuSecret ?? undefined });
    jobs.push({ channel: 'feishu', label: 'feishu', send: () => sendFeishu(c.feishuWebhook as string, message()) });
  }
  if (c.telegramToken && c.telegramChatId) {
    const target = { token: c.telegramToken, chatId: c.telegramChatId, apiUrl: c.telegramApiUrl ?? undefined };
    jobs.push({ channel: 'telegram', label: 'telegram', send: () => sendTelegram(target, telegramMessage(digest, chat)) });
  }
  return run(jobs);
}

/** On a day without an announcement: the short email, when configured; chats stay quiet. */
export async function deliverNoAnnouncement(date: string | null, categories: readonly string[], c: DeliveryConfig): Promise<DeliveryResult> {
  if (c.emailTo.length === 0 || !c.noAnnouncementEmail) return { sent: [] };
  const message = renderNoAnnouncementEmail(date, categories, { siteUrl: c.siteUrl ?? undefined });
  return run([{ channel: 'email', label: 'email', send: (reached) => sendEmail(message, c, reached) }]);
}

async function sendEmail(message: EmailMessage, c: DeliveryConfig, reached: (label: string) => void): Promise<void> {
  const { smtp, from } = emailSettings(c);
  const sent = await sendDigestEmail(message, smtp, c.emailTo, from);
  if (sent.rejected.length > 0) {
    reached(`email (${sent.accepted.length} of ${c.emailTo.length} recipients)`);
    throw partlyRefused(sent, smtp.host);
  }
}

/**
 * Try every job. A channel's settings that fail only now (a ConfigError) are that channel's delivery failure, not
 * the run's: the others still go out. Anything unexpected is rethrown once every channel has been tried.
 */
async function run(jobs: readonly Job[]): Promise<DeliveryResult> {
  const sent: string[] = [];
  const partly: string[] = [];
  const failures: DeliveryError[] = [];
  let unexpected: unknown;
  for (const job of jobs) {
    try {
      await job.send((label) => partly.push(label));
      sent.push(job.label);
    } catch (err) {
      if (err instanceof DeliveryError) failures.push(err);
      else if (err instanceof DigestError) failures.push(new DeliveryError(job.channel, 'config', err.detail, { cause: err }));
      else unexpected ??= err;
    }
  }
  if (unexpected !== undefined) throw unexpected;
  if (failures.length > 0) throw new DeliveriesFailedError(failures, sent, jobs.length, partly);
  return { sent };
}
