/**
 * LLM benchmarks against the local fake endpoint (1 s latency): the summarize stage for the 189-paper sample
 * day at --concurrency 16, clean and with 20 % of first attempts failing transiently, as a ratio to the floor
 * ceil(189/16) × 1 s; and prompt tokens per paper counted with a real tokenizer (o200k_base).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { parseFeed } from '../src/sources/index.js';
import sqliteStore from '../src/store/sqlite.js';
import { createBuiltinSummarizer } from '../src/summarize/builtin/index.js';
import { summarizeDigest } from '../src/summarize/index.js';
import { createLlmSummarizer } from '../src/summarize/llm/index.js';
import type { Digest } from '../src/types.js';
import { fraction, startFakeLlm, transientFaults } from '../test/helpers/fake-llm.js';
import type { FakeLlm, Step } from '../test/helpers/fake-llm.js';
import { REPO, median, round } from './lib.js';

const LATENCY_MS = 1000;
const CONCURRENCY = 16;

function sampleDigest(): Digest {
  const batch = parseFeed(readFileSync(path.join(REPO, 'data/sample/rss-cs.LG+stat.ML-2026-01-30.xml'), 'utf8'));
  const entries = batch.items.map((i) => ({ paper: i.paper, announceType: i.announceType, section: 'cs.LG', crossList: false, firstSeen: null, summary: null }));
  return { date: batch.date, categories: ['cs.LG'], sections: [{ category: 'cs.LG', entries }], reconstructed: false };
}

async function stageRun(script: Step | undefined): Promise<{ seconds: number; ok: number; papers: number; fake: FakeLlm }> {
  const fake = await startFakeLlm({ latencyMs: LATENCY_MS, usage: true, script });
  const store = sqliteStore({ path: ':memory:' }); // a fresh store: no summary cache
  const summarizer = createLlmSummarizer({ baseUrl: fake.url, apiKey: 'sk-bench', model: 'fake-model', concurrency: CONCURRENCY, capabilitiesFile: null });
  const digest = sampleDigest();
  const t0 = performance.now();
  const stats = await summarizeDigest(digest, { summarizer, fallback: createBuiltinSummarizer(), store, language: 'en', concurrency: CONCURRENCY });
  const seconds = (performance.now() - t0) / 1000;
  await summarizer.close?.();
  await store.close();
  await fake.close();
  return { seconds, ok: stats.byStatus.ok, papers: digest.sections[0]!.entries.length, fake };
}

function tokenFigures(fake: FakeLlm): Record<string, number> {
  const enc = getEncoding('o200k_base');
  const prompt = fake.requests.map((r) => (r.body.messages ?? []).reduce((n, m) => n + enc.encode(typeof m.content === 'string' ? m.content : '').length + 4, 3));
  return { median_prompt_tokens: median(prompt), max_prompt_tokens: Math.max(...prompt) };
}

export async function llmBenchmarks(runs: number): Promise<Record<string, unknown>> {
  const floor = Math.ceil(189 / CONCURRENCY) * (LATENCY_MS / 1000);
  const clean: number[] = [];
  const faulty: number[] = [];
  let okShare = 1;
  let tokens: Record<string, number> = {};
  for (let r = 0; r < runs; r++) {
    const a = await stageRun(undefined);
    clean.push(a.seconds);
    tokens = tokenFigures(a.fake);
    const b = await stageRun(fraction(0.2, transientFaults(), r + 1));
    faulty.push(b.seconds);
    okShare = Math.min(okShare, b.ok / b.papers);
  }
  return {
    papers: 189,
    latency_s: LATENCY_MS / 1000,
    concurrency: CONCURRENCY,
    floor_s: floor,
    runs,
    clean: { median_s: round(median(clean)), ratio_to_floor: round(median(clean) / floor) },
    transient_20pct: { median_s: round(median(faulty)), ratio_to_floor: round(median(faulty) / floor), min_ok_share: okShare },
    reference_sequential_estimate_s: 189 * (LATENCY_MS / 1000),
    tokens_o200k: tokens,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await llmBenchmarks(Number(process.env.BENCH_RUNS ?? 3)), null, 2));
}
