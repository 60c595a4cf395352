/**
 * Turning the resolved configuration into the optional pipeline steps of `run` and `send`: ranking against the
 * interest profile, the delivery channels.
 */
import type { ResolvedConfig } from '../config/schema.js';
import type { DeliveryConfig } from '../deliver.js';
import { ConfigError } from '../errors.js';
import type { RankDeps } from '../pipeline.js';
import { createOpenAiEmbedder } from '../rank/embeddings.js';
import { readProfile } from '../rank/profile.js';

/** Ranking, when `--rank` (or `rank: true`) is set: the profile must exist and hold something to rank by. */
export async function rankDeps(config: ResolvedConfig): Promise<RankDeps | undefined> {
  if (!config.rank) return undefined;
  const profile = readProfile(config.profile, { missingOk: true });
  const empty = profile.library.length + profile.keywords.length + profile.authors.length === 0;
  if (empty) {
    throw new ConfigError(`--rank needs an interest profile: ${config.profile} has no library, keywords or authors; run \`preprint-digest profile import FILE\` or edit it`);
  }
  const embedder = config.embeddings ? createOpenAiEmbedder({ ...config.embeddings, apiKey: config.apiKey ?? undefined }) : null;
  return { profile, top: config.top, embedder };
}

export function deliveryConfig(config: ResolvedConfig): DeliveryConfig {
  const { secrets } = config;
  return {
    siteUrl: config.siteUrl,
    emailTo: config.emailTo,
    emailFrom: config.emailFrom,
    smtpUrl: secrets.smtpUrl,
    emailDetails: config.emailDetails,
    noAnnouncementEmail: config.noAnnouncementEmail,
    slackWebhook: secrets.slackWebhook,
    feishuWebhook: secrets.feishuWebhook,
    feishuSecret: secrets.feishuSecret,
    telegramToken: secrets.telegramToken,
    telegramChatId: config.telegramChatId,
    telegramApiUrl: config.telegramApiUrl,
    chatTop: config.chatTop,
    minScore: config.minScore,
  };
}
