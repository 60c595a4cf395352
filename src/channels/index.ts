/**
 * Delivery channels: feeds for the published site, the digest email, and chat pushes (Slack, Feishu/Lark,
 * Telegram). Builders are pure (digest → files or payloads); senders do the I/O and throw `DeliveryError`s.
 */
export { buildDayFeeds, buildFeeds, buildLatestFeeds, writeFeeds } from './feeds.js';
export type { FeedFiles, FeedOptions } from './feeds.js';
export { renderEmail, renderNoAnnouncementEmail } from './email-html.js';
export type { EmailMessage, EmailOptions } from './email-html.js';
export { checkAddresses, sendDigestEmail, smtpOptionsFromUrl } from './email.js';
export { partlyRefused } from './email-errors.js';
export type { SentEmail, SmtpOptions } from './email.js';
export { escapeSlack, sendSlack, slackMessage } from './slack.js';
export type { SlackBlock, SlackPayload } from './slack.js';
export { feishuMessage, feishuSign, sendFeishu } from './feishu.js';
export type { FeishuOptions, FeishuPayload } from './feishu.js';
export { escapeTelegram, sendTelegram, telegramMessage, telegramTokenOk } from './telegram.js';
export type { TelegramOptions, TelegramResult, TelegramTarget } from './telegram.js';
export { postWebhook } from './webhook.js';
export type { WebhookOptions, WebhookResult } from './webhook.js';
export type { HttpOptions } from './_http.js';
export type { ChatOptions } from './_chat.js';
export { DeliveriesFailedError, DeliveryError, isDeliveryError } from './errors.js';
export type { DeliveryChannel, DeliveryFailure } from './errors.js';
export { deliveredEntries, passesThreshold, topEntries } from './select.js';
export type { SelectOptions, Selection, TopOptions } from './select.js';
export { readerUrl, siteBase } from './reader-link.js';
