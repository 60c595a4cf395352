/**
 * Resolve the configuration once: flags > environment > config file > defaults, validated by one schema.
 * Stages receive the result explicitly; nothing reads process.env after this.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import { ConfigError } from '../errors.js';
import { defaultProfilePath } from '../rank/profile.js';
import { defaultDbPath } from '../store/index.js';
import { ENV_PREFIX, envName, fromEnv } from './env.js';
import type { SECRET_NAMES } from './env.js';
import { definedOnly, loadLayer } from './layer.js';
import { ARXIV_MIN_INTERVAL_MS, DEFAULTS } from './schema.js';
import type { ConfigKey, ResolvedConfig, UserConfig } from './schema.js';

export const CONFIG_FILE_NAME = 'preprint-digest.config.json';
export { ENV_PREFIX, envName, splitAddresses, splitList } from './env.js';

export interface ResolveOptions {
  /** Values from command-line flags (undefined = not given). */
  flags?: Partial<Record<ConfigKey, unknown>>;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** `--config PATH`; else PREPRINT_DIGEST_CONFIG, ./preprint-digest.config.json, <config dir>/preprint-digest/config.json. */
  configPath?: string;
  /**
   * The command only shows stored summaries (`render`, `site`, `send`): settings that matter to summarizing alone (a cost
   * budget's prices) are not checked, as the command never uses them. @default false
   */
  showsStoredOnly?: boolean;
  /** Hears warnings (a PREPRINT_DIGEST_ variable nothing reads, two names of one key set differently). @default none */
  warn?: (line: string) => void;
}

/** Flags not spelled `--kebab-case-of-the-key` (src/cli/context.ts maps them). */
const FLAG_NAMES: Partial<Record<ConfigKey, string>> = { emailTo: '--to', emailFrom: '--from' };

export function resolveConfig(options: ResolveOptions = {}): ResolvedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = findConfigFile(options.configPath ?? env[`${ENV_PREFIX}CONFIG`], cwd);
  const fromEnvironment = fromEnv(env, options.warn);
  const layers = [
    file ? loadLayer(readConfigFile(file), { where: `config file ${file}`, base: path.dirname(file), nameOf: (k) => k, nested: true }) : {},
    loadLayer(fromEnvironment.values, { where: 'environment', base: cwd, nameOf: (k) => fromEnvironment.names.get(k) ?? envName(k), nested: false }),
    loadLayer(definedOnly(options.flags ?? {}), { where: 'command line', base: cwd, nameOf: flagName, nested: false }),
  ];
  const merged: UserConfig = Object.assign({}, ...layers);
  if (!options.showsStoredOnly) requirePricesForCost(merged);
  return finish(merged, file, cwd, env);
}

/** Cost is counted from the price table only (endpoints report tokens, not money): a cost budget without one would never stop anything. */
function requirePricesForCost(c: UserConfig): void {
  if (c.maxCost === undefined || c.prices) return;
  throw new ConfigError(`a cost budget (maxCost or --max-cost, here ${c.maxCost}) needs "prices": {"input": …, "output": …} per million tokens in the config file (or PREPRINT_DIGEST_PRICES) to count cost; use --max-tokens-per-run for a budget without prices`);
}

function finish(c: UserConfig, file: string | null, cwd: string, env: NodeJS.ProcessEnv): ResolvedConfig {
  const rssUrl = trimSlash(c.rssUrl ?? DEFAULTS.rssUrl);
  const apiUrl = trimSlash(c.apiUrl ?? DEFAULTS.apiUrl);
  const listUrl = trimSlash(c.listUrl ?? DEFAULTS.listUrl);
  const oaiUrl = trimSlash(c.oaiUrl ?? DEFAULTS.oaiUrl);
  const talksToArxiv = [rssUrl, apiUrl, listUrl].some((u) => /(^|\.)arxiv\.org$/i.test(new URL(u).hostname));
  const minIntervalMs = c.minIntervalMs ?? DEFAULTS.minIntervalMs;
  return {
    // Each layer's values arrive checked, canonical and with absolute paths (see loadLayer).
    categories: c.categories ?? [],
    announceTypes: [...new Set(c.announceTypes ?? DEFAULTS.announceTypes)],
    announceTypesSet: c.announceTypes !== undefined,
    out: c.out ?? path.resolve(cwd, DEFAULTS.out),
    db: c.db ?? defaultDbPath(),
    queue: c.queue ?? null,
    queueTimeoutMs: c.queueTimeoutMs ?? null,
    language: c.language ?? DEFAULTS.language,
    summarizer: c.summarizer ?? DEFAULTS.summarizer,
    rssUrl,
    apiUrl,
    listUrl,
    oaiUrl,
    contact: c.contact ?? null,
    // Politeness is not optional against arXiv itself; local test servers may go faster.
    minIntervalMs: talksToArxiv ? Math.max(ARXIV_MIN_INTERVAL_MS, minIntervalMs) : minIntervalMs,
    minIntervalMsAsked: minIntervalMs,
    timeoutMs: c.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: c.retries ?? DEFAULTS.retries,
    progress: c.progress ?? DEFAULTS.progress,
    baseUrl: c.baseUrl ? trimSlash(c.baseUrl) : null,
    model: c.model ?? null,
    apiKey: env.OPENAI_API_KEY?.trim() || null,
    concurrency: c.concurrency ?? DEFAULTS.concurrency,
    llmTimeoutMs: c.llmTimeoutMs ?? DEFAULTS.llmTimeoutMs,
    outputMode: c.outputMode ?? DEFAULTS.outputMode,
    maxTokensPerRun: c.maxTokensPerRun ?? null,
    maxCost: c.maxCost ?? null,
    prices: c.prices ?? null,
    rank: c.rank ?? false,
    profile: c.profile ?? defaultProfilePath(),
    top: c.top ?? 10,
    minScore: c.minScore ?? null,
    embeddings: c.embeddings ?? null,
    siteUrl: c.siteUrl ?? null,
    feedDays: c.feedDays ?? 5,
    emailTo: c.emailTo ?? [],
    emailFrom: c.emailFrom ?? null,
    emailDetails: c.emailDetails ?? false,
    emailMaxPapers: c.emailMaxPapers ?? null,
    noAnnouncementEmail: c.noAnnouncementEmail ?? true,
    chatTop: c.chatTop ?? 10,
    telegramChatId: c.telegramChatId ?? null,
    telegramApiUrl: c.telegramApiUrl ?? null,
    secrets: secrets(env),
    configFile: file,
  };
}

function secrets(env: NodeJS.ProcessEnv): ResolvedConfig['secrets'] {
  return {
    smtpUrl: secret(env, 'SMTP_URL'),
    slackWebhook: secret(env, 'SLACK_WEBHOOK'),
    feishuWebhook: secret(env, 'FEISHU_WEBHOOK'),
    feishuSecret: secret(env, 'FEISHU_SECRET'),
    telegramToken: secret(env, 'TELEGRAM_TOKEN'),
  };
}

function secret(env: NodeJS.ProcessEnv, name: (typeof SECRET_NAMES)[number]): string | null {
  return env[ENV_PREFIX + name]?.trim() || null;
}

/** `camelCase` key → `--camel-case`, the flag that sets it. */
export function flagName(key: ConfigKey): string {
  return FLAG_NAMES[key] ?? `--${key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}`;
}

function findConfigFile(explicit: string | undefined, cwd: string): string | null {
  if (explicit) {
    const p = path.resolve(cwd, explicit);
    if (!existsSync(p)) throw new ConfigError(`config file not found: ${p}`);
    return p;
  }
  const candidates = [path.join(cwd, CONFIG_FILE_NAME), path.join(envPaths('preprint-digest', { suffix: '' }).config, 'config.json')];
  return candidates.find((p) => existsSync(p)) ?? null;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read config file ${file}: ${code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
  let data: unknown;
  try {
    // Windows editors save a byte order mark first; JSON.parse would call the invisible character a bad token.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`config file ${file} must hold a JSON object`);
  }
  const secretKey = Object.keys(data).find((k) => /api.?key|secret|token$|password|smtp.?url|webhook/i.test(k));
  if (secretKey) {
    throw new ConfigError(`config file ${file}: "${secretKey}" is a secret; secrets are read from the environment only (OPENAI_API_KEY, PREPRINT_DIGEST_SMTP_URL, …), never from files`);
  }
  return data as Record<string, unknown>;
}

function trimSlash(u: string): string {
  return u.replace(/\/+$/, '');
}
