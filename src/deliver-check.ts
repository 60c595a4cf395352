/**
 * Delivery settings checked before a run does any work. A missing or malformed SMTP URL, an invalid address or a
 * half-configured chat would otherwise surface only after fetching, summarizing (LLM money spent) and rendering.
 * Messages name the setting, never its value: SMTP URLs, webhook URLs and bot tokens are secrets.
 */
import { isIP } from 'node:net';
import { checkAddresses, smtpOptionsFromUrl, telegramTokenOk } from './channels/index.js';
import type { SmtpOptions } from './channels/index.js';
import type { DeliveryConfig } from './deliver.js';
import { ConfigError } from './errors.js';

const SMTP_URL = 'PREPRINT_DIGEST_SMTP_URL';

/** Throws a one-line ConfigError (exit 2) for the first unusable delivery setting. */
export function checkDelivery(c: DeliveryConfig): void {
  if (c.emailTo.length > 0) {
    const { from } = emailSettings(c);
    checkAddresses(c.emailTo, from);
  }
  checkWebhook(c.slackWebhook, 'PREPRINT_DIGEST_SLACK_WEBHOOK');
  checkWebhook(c.feishuWebhook, 'PREPRINT_DIGEST_FEISHU_WEBHOOK');
  if (c.feishuSecret && !c.feishuWebhook) {
    throw new ConfigError('PREPRINT_DIGEST_FEISHU_SECRET is set but PREPRINT_DIGEST_FEISHU_WEBHOOK is not: set the webhook the secret signs for, or unset the secret');
  }
  checkTelegram(c);
}

/** The SMTP options and sender of the email channel; the sender defaults to the SMTP user when it is an address. */
export function emailSettings(c: DeliveryConfig): { smtp: SmtpOptions; from: string } {
  if (!c.smtpUrl) throw new ConfigError(`emailing the digest (--to, emailTo) needs ${SMTP_URL} (smtp://user:pass@host:587)`);
  let smtp: SmtpOptions;
  try {
    smtp = smtpOptionsFromUrl(c.smtpUrl);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`${SMTP_URL}: ${err.detail}`);
    throw err;
  }
  return { smtp, from: c.emailFrom ?? (smtp.user?.includes('@') ? smtp.user : `preprint-digest@${mailDomain(smtp.host)}`) };
}

/** A host as the domain of an address: an IP address only as a bracketed literal (RFC 5321), `a@127.0.0.1` is no address. */
function mailDomain(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  const ip = isIP(bare);
  return ip === 4 ? `[${bare}]` : ip === 6 ? `[IPv6:${bare}]` : host;
}

function checkWebhook(url: string | null, name: string): void {
  if (url !== null && !/^https?:\/\/[^/]/i.test(url)) throw new ConfigError(`${name} must be an http(s) URL`);
}

function checkTelegram(c: DeliveryConfig): void {
  if (c.telegramToken && !c.telegramChatId) {
    throw new ConfigError('PREPRINT_DIGEST_TELEGRAM_TOKEN is set but telegramChatId is not: set PREPRINT_DIGEST_TELEGRAM_CHAT_ID or "telegramChatId" in the config file (the chat the bot posts to)');
  }
  if (c.telegramChatId && !c.telegramToken) {
    throw new ConfigError('telegramChatId is set but PREPRINT_DIGEST_TELEGRAM_TOKEN is not: set the bot token (from @BotFather) in the environment, or unset the chat id');
  }
  if (c.telegramToken && !telegramTokenOk(c.telegramToken)) {
    throw new ConfigError('PREPRINT_DIGEST_TELEGRAM_TOKEN is malformed (expected DIGITS:KEY from @BotFather)');
  }
}
