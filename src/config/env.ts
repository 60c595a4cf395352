/**
 * The environment layer: `PREPRINT_DIGEST_<KEY>` for every key (aliases and OPENAI_BASE_URL too), values parsed by
 * the key's type, and the warnings a silently ignored variable would otherwise hide: a misspelt name, or two names
 * of one key set to different values.
 */
import { ConfigError } from '../errors.js';
import { UserConfigSchema } from './schema.js';
import type { ConfigKey } from './schema.js';
import { suggestName } from './suggest.js';

export const ENV_PREFIX = 'PREPRINT_DIGEST_';

export const KEYS = Object.keys(UserConfigSchema.shape).filter((k) => k !== '$schema') as ConfigKey[];
const LIST_KEYS = new Set<ConfigKey>(['categories', 'announceTypes', 'emailTo']);
const NUMBER_KEYS = new Set<ConfigKey>(['minIntervalMs', 'timeoutMs', 'retries', 'concurrency', 'llmTimeoutMs', 'queueTimeoutMs', 'maxTokensPerRun', 'maxCost', 'top', 'minScore', 'feedDays', 'chatTop', 'emailMaxPapers']);
const BOOLEAN_KEYS = new Set<ConfigKey>(['rank', 'emailDetails', 'noAnnouncementEmail']);
/** Object-valued keys: JSON in the environment. */
const OBJECT_KEYS: Partial<Record<ConfigKey, string>> = { prices: '{"input": 0.15, "output": 0.6}', embeddings: '{"baseUrl": "https://…/v1", "model": "…"}' };
/** Extra environment names accepted for a key (PREPRINT_DIGEST_DB_URL is what the scale-out docs use). */
const ENV_ALIASES: Partial<Record<ConfigKey, string[]>> = { db: ['DB_URL'], queue: ['QUEUE_URL'] };
/** Standard names of the OpenAI ecosystem, read as they are. */
const FOREIGN_ENV: Partial<Record<ConfigKey, string>> = { baseUrl: 'OPENAI_BASE_URL' };
/** Read outside the keys: the config file's path and the secrets (resolve.ts). */
export const SECRET_NAMES = ['SMTP_URL', 'SLACK_WEBHOOK', 'FEISHU_WEBHOOK', 'FEISHU_SECRET', 'TELEGRAM_TOKEN'] as const;
const OTHER_NAMES = ['CONFIG', ...SECRET_NAMES];

/** `camelCase` key → `PREPRINT_DIGEST_CAMEL_CASE`. */
export function envName(key: ConfigKey): string {
  return ENV_PREFIX + key.replace(/[A-Z]/g, (ch) => `_${ch}`).toUpperCase();
}

/** Every PREPRINT_DIGEST_ variable the program reads. */
function knownNames(): string[] {
  return [...KEYS.map(envName), ...Object.values(ENV_ALIASES).flat(), ...OTHER_NAMES].map((n) => (n.startsWith(ENV_PREFIX) ? n : ENV_PREFIX + n));
}

/**
 * The environment's values by key, and which variable each came from (aliases included), for messages.
 * `warn` hears each PREPRINT_DIGEST_ variable nothing reads, and each key set under two names with different values.
 */
export function fromEnv(env: NodeJS.ProcessEnv, warn: (line: string) => void = () => {}): { values: Record<string, unknown>; names: Map<ConfigKey, string> } {
  const values: Record<string, unknown> = {};
  const names = new Map<ConfigKey, string>();
  const isSet = (n: string) => env[n] !== undefined && env[n]?.trim() !== '';
  for (const key of KEYS) {
    const candidates = [envName(key), ...(ENV_ALIASES[key] ?? []).map((n) => ENV_PREFIX + n), ...(FOREIGN_ENV[key] ? [FOREIGN_ENV[key]] : [])];
    const set = candidates.filter(isSet);
    const name = set[0];
    if (name === undefined) continue;
    const other = set.find((n) => env[n]?.trim() !== env[name]?.trim());
    if (other) warn(`warning: ${name} and ${other} are both set, to different values; using ${name}`);
    names.set(key, name);
    values[key] = parseEnvValue(key, name, (env[name] ?? '').trim());
  }
  warnUnknown(env, warn);
  return { values, names };
}

function warnUnknown(env: NodeJS.ProcessEnv, warn: (line: string) => void): void {
  const known = knownNames();
  for (const name of Object.keys(env)) {
    if (!name.startsWith(ENV_PREFIX) || known.includes(name)) continue;
    const hint = suggestName(name, known);
    warn(`warning: ${name} is not a setting preprint-digest reads (ignored)${hint ? `; did you mean ${hint}?` : ''}`);
  }
}

function parseEnvValue(key: ConfigKey, name: string, raw: string): unknown {
  const example = OBJECT_KEYS[key];
  if (example) return parseObject(name, raw, example);
  if (key === 'emailTo') return splitAddresses(raw);
  if (LIST_KEYS.has(key)) return splitList(raw);
  if (BOOLEAN_KEYS.has(key)) {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new ConfigError(`environment: ${name} must be true or false, got "${raw}"`);
  }
  if (NUMBER_KEYS.has(key)) {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new ConfigError(`environment: ${name} must be a number, got "${raw}"`);
    return n;
  }
  return raw;
}

/** A JSON object; its fields are checked with the layer, like the config file's. */
function parseObject(name: string, raw: string, example: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  throw new ConfigError(`environment: ${name} must be a JSON object, like ${example}, got "${raw}"`);
}

export function splitList(raw: string): string[] {
  return raw
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Recipients, comma-separated: a display name has spaces (`Ada Lovelace <ada@x.org>`) and a quoted one may hold a
 * comma (`"Turing, Alan" <alan@x.org>`), so only commas outside quotes separate (a lone quote is kept, for the
 * address check to refuse).
 */
export function splitAddresses(raw: string): string[] {
  return (raw.match(/(?:"[^"]*"|[^,])+/g) ?? []).map((s) => s.trim()).filter(Boolean);
}
