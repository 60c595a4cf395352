/**
 * What every command needs: flags turned into the resolved config, the store, a recorder, output helpers.
 */
import { resolveConfig, splitAddresses, splitList } from '../config/resolve.js';
import type { ConfigKey, ResolvedConfig } from '../config/schema.js';
import type { FetchOptions } from '../digest/batch.js';
import { ConfigError, MissingStoreError, UsageError } from '../errors.js';
import { sampleFeedPath } from '../paths.js';
import { displayStoreLocation, openStore, storeExists } from '../store/index.js';
import type { Store } from '../store/types.js';
import { dayFlag, requireFiles } from './options.js';

export interface DayFlags {
  categories?: string;
  date?: string;
  feedFile?: string;
  sample?: boolean;
  announceTypes?: string;
  db?: string;
  queue?: string;
  config?: string;
  contact?: string;
  out?: string;
  language?: string;
  summarizer?: string;
  progress?: string;
  refresh?: boolean;
  model?: string;
  concurrency?: string;
  maxTokensPerRun?: string;
  maxCost?: string;
  llmTimeoutMs?: string;
  queueTimeoutMs?: string;
  outputMode?: string;
  rank?: boolean;
  top?: string;
  minScore?: string;
  profile?: string;
  to?: string;
  from?: string;
  siteUrl?: string;
}

/** A numeric flag: the number, or a ConfigError naming the flag as the config's checks do (`--concurrency 0`). */
function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new ConfigError(`command line: ${flag} must be a number, got "${value}"`);
  return n;
}

/** @param showsStoredOnly the command only shows stored summaries: summarizing-only settings go unchecked. */
export function configFromFlags(flags: DayFlags, showsStoredOnly = false): ResolvedConfig {
  const mapped: Partial<Record<ConfigKey, unknown>> = {
    categories: flags.categories !== undefined ? splitList(flags.categories) : undefined,
    announceTypes: flags.announceTypes !== undefined ? splitList(flags.announceTypes) : undefined,
    db: flags.db,
    queue: flags.queue,
    queueTimeoutMs: numberFlag(flags.queueTimeoutMs, '--queue-timeout-ms'),
    contact: flags.contact,
    out: flags.out,
    language: flags.language,
    summarizer: flags.summarizer,
    progress: flags.progress,
    model: flags.model,
    concurrency: numberFlag(flags.concurrency, '--concurrency'),
    maxTokensPerRun: numberFlag(flags.maxTokensPerRun, '--max-tokens-per-run'),
    maxCost: numberFlag(flags.maxCost, '--max-cost'),
    llmTimeoutMs: numberFlag(flags.llmTimeoutMs, '--llm-timeout-ms'),
    outputMode: flags.outputMode,
    rank: flags.rank,
    top: numberFlag(flags.top, '--top'),
    minScore: numberFlag(flags.minScore, '--min-score'),
    profile: flags.profile,
    emailTo: flags.to !== undefined ? splitAddresses(flags.to) : undefined,
    emailFrom: flags.from,
    siteUrl: flags.siteUrl,
  };
  return resolveConfig({ flags: mapped, configPath: flags.config, showsStoredOnly, warn: warnOnce });
}

const warned = new Set<string>();

/** A command resolving its config twice (serve) says each warning once. */
function warnOnce(line: string): void {
  if (warned.has(line)) return;
  warned.add(line);
  note(line);
}

/** Fetch options from config and flags; `online` runs need categories unless a feed file decides them. */
export function fetchOptions(config: ResolvedConfig, flags: DayFlags, online = true): FetchOptions {
  if (flags.sample && flags.feedFile) throw new UsageError('use either --sample or --feed-file, not both');
  if (!flags.sample) requireFiles(flags.feedFile);
  if (online && !flags.sample && !flags.feedFile && config.categories.length === 0) {
    throw new ConfigError('no categories: pass --categories cs.LG,stat.ML, set PREPRINT_DIGEST_CATEGORIES or "categories" in the config file');
  }
  return {
    categories: config.categories,
    announceTypes: config.announceTypes,
    feedFile: flags.sample ? sampleFeedPath() : flags.feedFile,
    date: dayFlag(flags.date, '--date'),
    rssUrl: config.rssUrl,
    apiUrl: config.apiUrl,
    listUrl: config.listUrl,
    contact: config.contact,
    minIntervalMs: config.minIntervalMs,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    refresh: flags.refresh,
  };
}

/** Run `fn` with an open store; always close it. */
export async function withStore<T>(config: ResolvedConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config.db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Run `fn` with a store that must already be there: a command that only reads it (render, site, send, search,
 * reindex) says so instead of creating an empty SQLite file or PostgreSQL schema and answering as if the store
 * held nothing.
 */
export async function withExistingStore<T>(config: ResolvedConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const missing = () => new UsageError(`no store at ${displayStoreLocation(config.db)} (run \`preprint-digest run\` or \`fetch\` first)`);
  if (!storeExists(config.db)) throw missing();
  // A server database is there but may hold no store: the driver checks without creating the schema.
  const store = await openStore(config.db, { existing: true }).catch((err: unknown) => {
    throw err instanceof MissingStoreError ? missing() : err;
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}
