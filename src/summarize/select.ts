/**
 * Choose the summarizer from the configuration. `auto` means the LLM when an endpoint or key is configured
 * (OPENAI_BASE_URL / OPENAI_API_KEY or a `baseUrl` in the config), else the built-in one. With the LLM, the
 * built-in summarizer is the marked fallback. Notices are printed once by the CLI, not per paper.
 */
import envPaths from 'env-paths';
import path from 'node:path';
import type { ResolvedConfig } from '../config/schema.js';
import { DEFAULTS } from '../config/schema.js';
import { isEnglish, languageName } from '../config/language.js';
import { ConfigError } from '../errors.js';
import { packageVersion } from '../paths.js';
import { redactUrl } from './llm/redact-url.js';
import type { Summarizer } from './types.js';

export interface SummarizerChoice {
  summarizer: Summarizer;
  /** Marked fallback for papers the main summarizer cannot do. */
  fallback?: Summarizer;
  /** One-time messages for the user (language the summarizer cannot write, which endpoint is used …). */
  notices: string[];
}

/** Models to use when none is configured, for endpoints whose default is well known. */
const DEFAULT_MODELS: Record<string, string> = { 'api.openai.com': 'gpt-4o-mini', 'api.deepseek.com': 'deepseek-chat' };

export type SummarizerConfig = Pick<
  ResolvedConfig,
  'summarizer' | 'language' | 'baseUrl' | 'model' | 'apiKey' | 'concurrency' | 'llmTimeoutMs' | 'outputMode' | 'maxTokensPerRun' | 'maxCost' | 'prices'
>;

/** @param notify where the LLM summarizer's notices during the run go (a long wait for a rate limit). */
export async function selectSummarizer(config: SummarizerConfig, notify?: (line: string) => void): Promise<SummarizerChoice> {
  const { createBuiltinSummarizer } = await import('./builtin/index.js');
  const builtin = createBuiltinSummarizer();
  if (!wantsLlm(config)) {
    const notices = isEnglish(config.language)
      ? []
      : [`The built-in summarizer writes English only; ${languageName(config.language)} summaries need an LLM (set OPENAI_API_KEY or OPENAI_BASE_URL). Writing English.`];
    return { summarizer: builtin, notices };
  }
  const { baseUrl, host, model } = llmEndpoint(config);
  if (!config.apiKey && DEFAULT_MODELS[host]) throw new ConfigError(`${host} needs an API key: set OPENAI_API_KEY`);
  const { createLlmSummarizer } = await import('./llm/index.js');
  const summarizer = createLlmSummarizer({
    baseUrl,
    apiKey: config.apiKey ?? undefined,
    model,
    concurrency: config.concurrency,
    timeoutMs: config.llmTimeoutMs,
    outputMode: config.outputMode === 'auto' ? undefined : config.outputMode,
    capabilitiesFile: path.join(envPaths('preprint-digest', { suffix: '' }).cache, 'llm-capabilities.json'),
    maxTokensPerRun: config.maxTokensPerRun ?? undefined,
    maxCost: config.maxCost ?? undefined,
    prices: config.prices ?? undefined,
    userAgent: `preprint-digest/${packageVersion()}`,
    notify,
  });
  const notice = `Summarizing with ${model} at ${host} in ${languageName(config.language)}, up to ${config.concurrency} requests at once; a paper it cannot do gets a marked built-in summary.`;
  return { summarizer, fallback: builtin, notices: [notice] };
}

/**
 * Whose stored summaries a command that only reads them shows (`render`, `site`, `send`): the summarizer's
 * name, model and version, which with the paper and language make the cache key. It needs no API key and
 * summarizes nothing (the stage's cache-only mode never calls it).
 */
export async function storedSummarizer(config: LlmChoiceConfig, options: { anyModel?: boolean } = {}): Promise<Summarizer> {
  if (!wantsLlm(config)) return (await import('./builtin/index.js')).createBuiltinSummarizer();
  // `anyModel`: an endpoint set without a model names no summaries; whichever are stored stand in (see stand-in.ts).
  const model = options.anyModel ? (modelFor(config) ?? 'unnamed') : llmEndpoint(config).model;
  const { LLM_VERSION } = await import('./llm/index.js');
  const summarize = (): Promise<never> => Promise.reject(new Error('this summarizer only names stored summaries'));
  return { name: 'llm', model, version: LLM_VERSION, capabilities: { languages: 'any', concurrent: false }, summarize };
}

type LlmChoiceConfig = Pick<SummarizerConfig, 'summarizer' | 'baseUrl' | 'model' | 'apiKey'>;

function wantsLlm(config: LlmChoiceConfig): boolean {
  return config.summarizer === 'llm' || (config.summarizer === 'auto' && Boolean(config.baseUrl || config.apiKey));
}

function modelFor(config: LlmChoiceConfig): string | undefined {
  return config.model ?? DEFAULT_MODELS[new URL(config.baseUrl ?? DEFAULTS.baseUrl).hostname];
}

function llmEndpoint(config: LlmChoiceConfig): { baseUrl: string; host: string; model: string } {
  const baseUrl = config.baseUrl ?? DEFAULTS.baseUrl;
  const host = new URL(baseUrl).hostname;
  const model = modelFor(config);
  if (!model) throw new ConfigError(`no model for ${redactUrl(baseUrl)}: set PREPRINT_DIGEST_MODEL or pass --model`);
  return { baseUrl, host, model };
}
