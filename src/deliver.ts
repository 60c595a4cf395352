/**
 * The deliver stage: after the digest is written, send it to every configured channel — email (SMTP), Slack,
 * Feishu/Lark, Telegram. Every channel is tried; failures are collected and reported together as one
 * DeliveryError (exit 6), so one dead webhook never hides another channel's success.
 */
import {
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
  smtpOptionsFromUrl,
  telegramMessage,
} from './channels/index.js';
import type { EmailMessage } from './channels/index.js';
import { ConfigError, DigestError } from './errors.js';
import type { Digest } from './types.js';

export interface DeliveryConfig {
  siteUrl: string | null;
  emailTo: string[];
  emailFrom: string | null;
  /** smtp(s)://user:pass@host:port — environment only (it holds a password). */
  smtpUrl: string | null;
  emailDetails: boolean;
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

export async function deliverDigest(digest: Digest, c: DeliveryConfig): Promise<DeliveryResult> {
  const common = { siteUrl: c.siteUrl ?? undefined, minScore: c.minScore ?? undefined };
  const chat = { ...common, limit: c.chatTop };
  const jobs: [string, () => Promise<unknown>][] = [];
  if (c.emailTo.length > 0) jobs.push([`email (${c.emailTo.length} recipient${c.emailTo.length > 1 ? 's' : ''})`, () => sendEmail(renderEmail(digest, { ...common, details: c.emailDetails }), c)]);
  if (c.slackWebhook) jobs.push(['slack', () => sendSlack(c.slackWebhook as string, slackMessage(digest, chat))]);
  if (c.feishuWebhook) jobs.push(['feishu', () => sendFeishu(c.feishuWebhook as string, feishuMessage(digest, { ...chat, secret: c.feishuSecret ?? undefined }))]);
  if (c.telegramToken && c.telegramChatId) {
    const target = { token: c.telegramToken, chatId: c.telegramChatId, apiUrl: c.telegramApiUrl ?? undefined };
    jobs.push(['telegram', () => sendTelegram(target, telegramMessage(digest, chat))]);
  }
  return run(jobs);
}

/** On a day without an announcement: the short email, when configured; chats stay quiet. */
export async function deliverNoAnnouncement(date: string | null, categories: readonly string[], c: DeliveryConfig): Promise<DeliveryResult> {
  if (c.emailTo.length === 0 || !c.noAnnouncementEmail) return { sent: [] };
  return run([['email', () => sendEmail(renderNoAnnouncementEmail(date, categories, { siteUrl: c.siteUrl ?? undefined }), c)]]);
}

async function sendEmail(message: EmailMessage, c: DeliveryConfig): Promise<void> {
  if (!c.smtpUrl) throw new ConfigError('emailing the digest needs PREPRINT_DIGEST_SMTP_URL (smtp://user:pass@host:587)');
  const smtp = smtpOptionsFromUrl(c.smtpUrl);
  const from = c.emailFrom ?? (smtp.user?.includes('@') ? smtp.user : `preprint-digest@${smtp.host}`);
  const sent = await sendDigestEmail(message, smtp, c.emailTo, from);
  if (sent.rejected.length > 0) throw partlyRefused(sent, smtp.host);
}

async function run(jobs: [string, () => Promise<unknown>][]): Promise<DeliveryResult> {
  const sent: string[] = [];
  const failures: DeliveryError[] = [];
  for (const [name, job] of jobs) {
    try {
      await job();
      sent.push(name);
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      failures.push(err);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const also = sent.length ? ` (sent: ${sent.join(', ')})` : '';
    throw new DigestError('E_DELIVERY', `${failures.length} deliveries failed: ${failures.map((f) => f.message).join('; ')}${also}`, { stage: 'deliver' });
  }
  return { sent };
}
