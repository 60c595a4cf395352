/**
 * Request builders for the fake endpoint's own tests: prompts written to the contract in
 * src/summarize/llm/types.ts (independently of the summarizer's prompt code), and a small fetch wrapper.
 */
import { readFileSync } from 'node:fs';
import type { ChatRequestBody, FakeLlm } from '../helpers/fake-llm.js';

const NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

export const ABSTRACT_EN =
  'Large language models struggle with long documents. We propose ChunkNet, a recurrent memory that reads ⟦M1⟧ tokens at a time. ' +
  'ChunkNet compresses each chunk into a state ⟦M2⟧ and attends over past states. ' +
  'On the LongBench suite it reaches 71.4% accuracy, 12 points above the best baseline. ' +
  'Training costs 3 GPU-days. We conclude that recurrence remains a strong choice for long contexts.';

export interface PromptOptions {
  language?: string;
  title?: string;
  /** `response_format.type`; omitted for prompt mode. */
  mode?: 'json_schema' | 'json_object' | 'prompt';
  /** Leave the word "json" out of every message. @default true */
  sayJson?: boolean;
  extra?: Partial<ChatRequestBody>;
}

const SCHEMA = {
  type: 'object',
  properties: { tldr: { type: 'string' }, motivation: { type: 'string' }, method: { type: 'string' }, result: { type: 'string' }, conclusion: { type: 'string' } },
  required: ['tldr', 'motivation', 'method', 'result', 'conclusion'],
  additionalProperties: false,
};

export function promptBody(abstract: string, o: PromptOptions = {}): ChatRequestBody {
  const language = o.language ?? 'en';
  const boundary = `ABSTRACT-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`;
  const answer = o.sayJson === false ? 'Answer with one object with five string keys.' : 'Answer with one JSON object with five string keys.';
  const body: ChatRequestBody = {
    model: 'fake-model',
    messages: [
      { role: 'system', content: `You summarize one abstract.\nWrite every field in ${NAMES.of(language) ?? language} (${language}).\n${answer}` },
      { role: 'user', content: `Title: ${o.title ?? 'A test paper'}\n<<<${boundary}>>>\n${abstract}\n<<<END-${boundary}>>>\nReturn the object.` },
    ],
    ...o.extra,
  };
  if (o.mode === 'json_object') body.response_format = { type: 'json_object' };
  if (o.mode === 'json_schema') body.response_format = { type: 'json_schema', json_schema: { name: 'paper_summary', strict: true, schema: SCHEMA } };
  return body;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
}

export async function post(fake: FakeLlm, body: unknown, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(`${fake.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: init.signal ?? null,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** `message.content` of a successful non-streaming reply. */
export function contentOf(r: Reply): string | null {
  return r.json?.choices?.[0]?.message?.content ?? null;
}

/** The bundled sample day's abstracts, with `$…$` spans masked as the summarizer does (⟦M1⟧, ⟦M2⟧ …). */
export function sampleAbstracts(): string[] {
  const xml = readFileSync(new URL('../../data/sample/rss-cs.LG+stat.ML-2026-01-30.xml', import.meta.url), 'utf8');
  return [...xml.matchAll(/Abstract: ([\s\S]*?)<\/description>/g)].map((m) => {
    let n = 0;
    return (m[1] ?? '').replace(/\$[^$]+\$/g, () => `⟦M${++n}⟧`).trim();
  });
}
