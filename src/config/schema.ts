/**
 * The configuration schema: one zod object describes every key, its default and its documentation.
 * `config.schema.json` (for editor completion) is generated from it by `scripts/gen-config-schema.ts`.
 */
import { z } from 'zod';
import { ANNOUNCE_TYPES } from '../types.js';

export const DEFAULT_RSS_URL = 'https://rss.arxiv.org';
export const DEFAULT_API_URL = 'https://export.arxiv.org';
export const DEFAULT_LIST_URL = 'https://arxiv.org';
export const DEFAULT_OAI_URL = 'https://oaipmh.arxiv.org/oai';
/** arXiv's terms: no more than one request every three seconds, one connection at a time. */
export const ARXIV_MIN_INTERVAL_MS = 3000;

/**
 * http(s) URLs only. zod checks the scheme after parsing (so `HTTP://` passes too); the JSON Schema's `format: uri`
 * alone would let editors accept ftp:, mailto: or urn: values the program then refuses, hence the pattern.
 */
const url = z.url({ protocol: /^https?$/ }).meta({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });
/** The reader's address: feed ids and reader links are built by appending to it, so a query or fragment would land inside them. */
const siteUrl = z
  .url({ protocol: /^https?$/ })
  .refine((u) => !/[?#]/.test(u), { message: 'must not have a query (?…) or fragment (#…): links into the reader are built by appending to it' })
  .meta({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^?#]*$' });
/** Appended to the description of every path key (loadLayer anchors them this way). */
const RELATIVE = 'A relative path in a config file is relative to the file\'s folder; from a flag or the environment, to the working directory.';

/** What a user may write in a config file (every key optional). */
export const UserConfigSchema = z
  .object({
    $schema: z.string().optional(),
    categories: z
      .array(z.string())
      .optional()
      .describe('arXiv categories in the order the digest lists them, e.g. ["cs.LG", "stat.ML"]'),
    announceTypes: z
      .array(z.enum(ANNOUNCE_TYPES))
      .min(1)
      .optional()
      .describe('Which feed items to include. @default ["new", "cross"]'),
    out: z.string().min(1).optional().describe(`Output directory for Markdown, JSONL, run report and the reader (site/). ${RELATIVE} @default "digest"`),
    db: z
      .string()
      .min(1)
      .optional()
      .describe(`Database: a SQLite file path (or sqlite:PATH, :memory:) or a postgres:// URL (env PREPRINT_DIGEST_DB or PREPRINT_DIGEST_DB_URL). ${RELATIVE} @default "<user data dir>/preprint-digest/digest.sqlite"`),
    queue: z
      .string()
      .min(1)
      .optional()
      .describe('Redis URL of the summary queue, redis://HOST:PORT[/DB][?prefix=NAME] (env PREPRINT_DIGEST_QUEUE_URL): `run` enqueues its summaries for `worker` processes instead of summarizing itself.'),
    queueTimeoutMs: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Longest a `run --queue` waits for the workers; papers still without a summary then get marked built-in fallbacks, and their jobs stay queued for a later run. @default no limit'),
    language: z.string().min(1).optional().describe('Summary language: a name or BCP-47 code. @default "en"'),
    summarizer: z
      .enum(['auto', 'builtin', 'llm'])
      .optional()
      .describe('auto = LLM when OPENAI_BASE_URL or OPENAI_API_KEY is set, else built-in. @default "auto"'),
    rssUrl: url.optional().describe(`Base URL of the RSS/Atom feed service. @default "${DEFAULT_RSS_URL}"`),
    apiUrl: url.optional().describe(`Base URL of the export API. @default "${DEFAULT_API_URL}"`),
    listUrl: url.optional().describe(`Base URL of the listing pages. @default "${DEFAULT_LIST_URL}"`),
    oaiUrl: url.optional().describe(`OAI-PMH endpoint used by backfill (env PREPRINT_DIGEST_OAI_URL). @default "${DEFAULT_OAI_URL}"`),
    contact: z.string().min(3).optional().describe('Contact (e-mail) sent in the User-Agent to arXiv.'),
    minIntervalMs: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Gap between requests to arXiv hosts; never below 3000 for arXiv itself. @default 3000'),
    timeoutMs: z.number().int().positive().optional().describe('Per-request timeout. @default 30000'),
    retries: z.number().int().min(0).max(10).optional().describe('Retries per request. @default 3'),
    progress: z
      .enum(['auto', 'bar', 'plain', 'none'])
      .optional()
      .describe('Progress display: a bar on a TTY, plain lines otherwise. @default "auto"'),
    baseUrl: url.optional().describe('OpenAI-compatible endpoint including /v1 (env OPENAI_BASE_URL). @default "https://api.openai.com/v1"'),
    model: z.string().min(1).optional().describe('LLM model name (env PREPRINT_DIGEST_MODEL).'),
    concurrency: z.number().int().min(1).max(256).optional().describe('LLM requests in flight at most. @default 8'),
    llmTimeoutMs: z.number().int().positive().optional().describe('Per LLM request, may exceed 300000 for slow local models. @default 120000'),
    outputMode: z
      .enum(['auto', 'json_schema', 'json_object', 'prompt'])
      .optional()
      .describe('Structured-output mode; auto starts at json_schema and steps down on rejection. @default "auto"'),
    maxTokensPerRun: z.number().int().positive().optional().describe('Stop calling the LLM after this many tokens (prompt + completion).'),
    maxCost: z.number().positive().optional().describe('Stop calling the LLM once the cost reaches this; needs prices, which count the cost.'),
    prices: z
      .object({ input: z.number().min(0), output: z.number().min(0) })
      .strict()
      .optional()
      .describe('Price per million prompt (input) and completion (output) tokens, for cost figures and maxCost (env PREPRINT_DIGEST_PRICES, as JSON).'),
    rank: z.boolean().optional().describe('Rank each day by the interest profile and add a "For you" list. @default false'),
    profile: z.string().min(1).optional().describe(`Interest profile file. ${RELATIVE} @default "<user config dir>/preprint-digest/profile.json"`),
    top: z.number().int().min(1).max(200).optional().describe('Papers in "For you". @default 10'),
    minScore: z.number().min(0).max(1).optional().describe('Relevance threshold for delivery channels (ranked days).'),
    embeddings: z
      .object({ baseUrl: url, model: z.string().min(1) })
      .strict()
      .optional()
      .describe('Optional OpenAI-compatible embeddings endpoint as an extra ranking signal (key: OPENAI_API_KEY; env PREPRINT_DIGEST_EMBEDDINGS, as JSON).'),
    siteUrl: siteUrl.optional().describe('Where the reader is published (absolute URL), for feeds, email and chat links.'),
    feedDays: z.number().int().min(1).max(60).optional().describe('Days in the latest-days and per-category feeds. @default 5'),
    emailTo: z.array(z.string().min(3)).optional().describe('Recipients of the digest email (SMTP from PREPRINT_DIGEST_SMTP_URL).'),
    emailFrom: z.string().min(3).optional().describe('Sender address. @default the SMTP user'),
    emailDetails: z.boolean().optional().describe('All five fields for every paper in the email. @default false'),
    emailMaxPapers: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('List at most this many papers under the categories in the email (the rest are counted, with a link to the reader); "For you" is not cut. @default all'),
    noAnnouncementEmail: z.boolean().optional().describe('Email a short note on days without an announcement. @default true'),
    chatTop: z.number().int().min(1).max(50).optional().describe('Papers in a Slack/Feishu/Telegram message. @default 10'),
    telegramChatId: z.string().min(1).optional().describe('Telegram chat id or @channel (bot token: PREPRINT_DIGEST_TELEGRAM_TOKEN).'),
    telegramApiUrl: url.optional().describe('Telegram Bot API base URL. @default "https://api.telegram.org"'),
  })
  .strict();

export type UserConfig = z.infer<typeof UserConfigSchema>;
export type ConfigKey = Exclude<keyof UserConfig, '$schema'>;

export const DEFAULTS = {
  announceTypes: ['new', 'cross'],
  out: 'digest',
  language: 'en',
  summarizer: 'auto',
  rssUrl: DEFAULT_RSS_URL,
  apiUrl: DEFAULT_API_URL,
  listUrl: DEFAULT_LIST_URL,
  oaiUrl: DEFAULT_OAI_URL,
  minIntervalMs: ARXIV_MIN_INTERVAL_MS,
  timeoutMs: 30_000,
  retries: 3,
  progress: 'auto',
  baseUrl: 'https://api.openai.com/v1',
  concurrency: 8,
  llmTimeoutMs: 120_000,
  outputMode: 'auto',
} as const satisfies Partial<UserConfig>;

/** The complete, validated configuration the pipeline receives. */
export interface ResolvedConfig {
  /** Canonical, validated; empty only when a feed file decides them. */
  categories: string[];
  announceTypes: (typeof ANNOUNCE_TYPES)[number][];
  /** announceTypes came from a flag, the environment or the config file (not the default): it overrules the types a stored day was run with. */
  announceTypesSet: boolean;
  out: string;
  db: string;
  /** Redis URL of the summary queue (`run --queue`), or null: summarize in this process. */
  queue: string | null;
  /** Longest a queued run waits for its summaries, or null: as long as workers are connected. */
  queueTimeoutMs: number | null;
  /** Canonical BCP-47 code. */
  language: string;
  summarizer: 'auto' | 'builtin' | 'llm';
  rssUrl: string;
  apiUrl: string;
  listUrl: string;
  oaiUrl: string;
  contact: string | null;
  minIntervalMs: number;
  /** minIntervalMs as asked, before the arXiv floor for the feed, API and listing hosts (backfill floors for its own). */
  minIntervalMsAsked: number;
  timeoutMs: number;
  retries: number;
  progress: 'auto' | 'bar' | 'plain' | 'none';
  /** LLM endpoint: set explicitly (config or OPENAI_BASE_URL), or null when only the default applies. */
  baseUrl: string | null;
  model: string | null;
  /** From OPENAI_API_KEY only; never written anywhere. */
  apiKey: string | null;
  concurrency: number;
  llmTimeoutMs: number;
  outputMode: 'auto' | 'json_schema' | 'json_object' | 'prompt';
  maxTokensPerRun: number | null;
  maxCost: number | null;
  prices: { input: number; output: number } | null;
  rank: boolean;
  /** Interest profile path. */
  profile: string;
  top: number;
  minScore: number | null;
  embeddings: { baseUrl: string; model: string } | null;
  siteUrl: string | null;
  feedDays: number;
  emailTo: string[];
  emailFrom: string | null;
  emailDetails: boolean;
  /** Papers listed under the categories in the email at most, or null: all. */
  emailMaxPapers: number | null;
  noAnnouncementEmail: boolean;
  chatTop: number;
  telegramChatId: string | null;
  telegramApiUrl: string | null;
  /** Secrets, from the environment only: never read from a file, never written anywhere. */
  secrets: { smtpUrl: string | null; slackWebhook: string | null; feishuWebhook: string | null; feishuSecret: string | null; telegramToken: string | null };
  /** Where the file layer came from, if any. */
  configFile: string | null;
}
