/**
 * Choose the summarizer from the configuration. `auto` means the LLM when an endpoint or key is configured,
 * else the built-in one. Notices are printed once by the CLI, not per paper.
 */
import type { ResolvedConfig } from '../config/schema.js';
import { isEnglish, languageName } from '../config/language.js';
import { ConfigError } from '../errors.js';
import type { Summarizer } from './types.js';

export interface SummarizerChoice {
  summarizer: Summarizer;
  /** Marked fallback for papers the main summarizer cannot do. */
  fallback?: Summarizer;
  /** One-time messages for the user (language the summarizer cannot write, LLM not configured …). */
  notices: string[];
}

export async function selectSummarizer(
  config: Pick<ResolvedConfig, 'summarizer' | 'language'>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SummarizerChoice> {
  const notices: string[] = [];
  const llmConfigured = Boolean(env.OPENAI_BASE_URL?.trim() || env.OPENAI_API_KEY?.trim());
  if (config.summarizer === 'llm') {
    throw new ConfigError('the LLM summarizer is not part of this version yet; use --summarizer builtin');
  }
  if (config.summarizer === 'auto' && llmConfigured) {
    notices.push('OPENAI_BASE_URL/OPENAI_API_KEY is set, but this version has no LLM summarizer yet: using the built-in summarizer.');
  }
  const { createBuiltinSummarizer } = await import('./builtin/index.js');
  const summarizer = createBuiltinSummarizer();
  if (!isEnglish(config.language)) {
    notices.push(
      `The built-in summarizer writes English only; ${languageName(config.language)} summaries need an LLM ` +
        '(set OPENAI_API_KEY or OPENAI_BASE_URL). Writing English.',
    );
  }
  return { summarizer, notices };
}
