/**
 * Runs the LLM summarizer over a few sample papers against the local fake endpoint, with the built-in
 * summarizer as the fallback and an in-memory store: what the scenario tests share. Call `closeRun` after each test.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseFeed } from '../../src/sources/index.js';
import sqliteStore from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { createBuiltinSummarizer } from '../../src/summarize/builtin/index.js';
import { summarizeDigest } from '../../src/summarize/index.js';
import { createLlmSummarizer } from '../../src/summarize/llm/index.js';
import type { LlmSummarizerOptions } from '../../src/summarize/llm/index.js';
import type { Digest } from '../../src/types.js';
import { startFakeLlm } from '../helpers/fake-llm.js';
import type { FakeLlm, Step } from '../helpers/fake-llm.js';

const SAMPLE = parseFeed(readFileSync(new URL('../../data/sample/rss-cs.LG+stat.ML-2026-01-30.xml', import.meta.url), 'utf8'));
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function digestOf(count: number, from = 0): Digest {
  const entries = SAMPLE.items.slice(from, from + count).map((item) => ({
    paper: item.paper,
    announceType: item.announceType,
    section: 'cs.LG',
    crossList: false,
    firstSeen: null,
    summary: null,
  }));
  return { date: SAMPLE.date, categories: ['cs.LG'], sections: [{ category: 'cs.LG', entries }], reconstructed: false };
}

let fake: FakeLlm | undefined;
let store: Store | undefined;
export async function closeRun(): Promise<void> {
  await fake?.close();
  await store?.close();
  fake = undefined;
  store = undefined;
}

export async function run(script: Step | undefined, o: { language?: string; papers?: number; options?: Partial<LlmSummarizerOptions>; latencyMs?: number; maxInFlight?: number; baseUrl?: (fakeUrl: string) => string } = {}) {
  fake = await startFakeLlm({ usage: true, script, latencyMs: o.latencyMs, maxInFlight: o.maxInFlight });
  store = sqliteStore({ path: ':memory:' });
  const summarizer = createLlmSummarizer({
    baseUrl: o.baseUrl ? o.baseUrl(fake.url) : fake.url,
    apiKey: 'sk-test-key',
    model: 'fake-model',
    concurrency: 4,
    timeoutMs: 2000,
    capabilitiesFile: null,
    policy: { backoffBaseMs: 10, backoffMaxMs: 100, maxRetryAfterMs: 1500 },
    ...o.options,
  });
  const digest = digestOf(o.papers ?? 3);
  const stats = await summarizeDigest(digest, { summarizer, fallback: createBuiltinSummarizer(), store, language: o.language ?? 'en', concurrency: 4 });
  await summarizer.close?.();
  const results = digest.sections[0]!.entries.map((e) => e.summary!);
  // Nothing stored may carry control characters, whatever the scenario.
  for (const r of results) for (const v of Object.values(r.summary)) expect(v).not.toMatch(CONTROL);
  return { stats, results, llm: summarizer.stats(), statuses: results.map((r) => r.meta.status), fake };
}

