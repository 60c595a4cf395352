/**
 * Reading a request the way a model would: the requested language from the system message and the abstract
 * from the user message, per the prompt contract in src/summarize/llm/types.ts.
 */
import { ABSTRACT_BLOCK_RE, LANGUAGE_LINE_RE } from '../../../src/summarize/llm/types.js';
import type { ChatMessage, ChatRequestBody, RequestMode, Usage } from './types.js';

/** The request breaks the prompt contract (a client bug); the server answers 400. */
export class PromptContractError extends Error {
  override name = 'PromptContractError';
}

export interface PromptView {
  /** BCP-47 code from the language line; 'en' when the line is missing. */
  language: string;
  /** The abstract between the markers, as sent (math tokens included). */
  abstract: string;
  /** The `Title: …` line of the user message, or ''. */
  title: string;
}

export function messageText(m: ChatMessage): string {
  if (typeof m.content === 'string') return m.content;
  if (Array.isArray(m.content)) return m.content.map((p) => p.text ?? '').join('');
  return '';
}

function texts(body: ChatRequestBody, roles: readonly string[]): string[] {
  return (body.messages ?? []).filter((m) => roles.includes(m.role)).map(messageText);
}

/** The abstract text (first block in any user message), or null; also the per-paper key for attempts. */
export function findAbstract(body: ChatRequestBody): string | null {
  for (const text of texts(body, ['user'])) {
    const m = ABSTRACT_BLOCK_RE.exec(text);
    if (m) return m[2] ?? '';
  }
  return null;
}

export function readPrompt(body: ChatRequestBody): PromptView {
  const abstract = findAbstract(body);
  if (abstract === null) throw new PromptContractError('no <<<ABSTRACT-…>>> block in any user message');
  const lang = texts(body, ['system', 'developer'])
    .map((t) => LANGUAGE_LINE_RE.exec(t))
    .find((m) => m !== null);
  const title = texts(body, ['user'])
    .map((t) => /^Title: (.*)$/m.exec(t)?.[1])
    .find((t) => t !== undefined);
  return { language: lang?.[2] ?? 'en', abstract, title: title ?? '' };
}

export function requestMode(body: ChatRequestBody): RequestMode {
  return body.response_format?.type ?? 'prompt';
}

/** True when any message mentions "json" (DeepSeek's JSON mode demands it). */
export function mentionsJson(body: ChatRequestBody): boolean {
  return (body.messages ?? []).some((m) => /json/i.test(messageText(m)));
}

/** Rough token count: a quarter per ASCII character, one per other character (CJK is about that). */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) ascii += 1;
    else other += 1;
  }
  return Math.ceil(ascii / 4) + other;
}

export function usageFor(body: ChatRequestBody, content: string | null): Usage {
  const prompt = (body.messages ?? []).reduce((n, m) => n + estimateTokens(messageText(m)) + 4, 0);
  const completion = estimateTokens(content ?? '');
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
