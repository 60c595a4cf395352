/**
 * The LLM summarizer against the local fake endpoint: every scenario of llm.md §8 ends as it should —
 * transient faults `ok`, bad answers re-asked then `ok` or a marked fallback, quota/auth a clean stop —
 * and nothing with control characters or in the wrong language is ever stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { byMode, everyRequest, faithfulSummary, firstAttempts, readPrompt, scenarios } from '../helpers/fake-llm.js';
import type { Step } from '../helpers/fake-llm.js';
import { closeRun, run } from './harness.js';

afterEach(closeRun);

describe('LLM scenarios that must end ok', () => {
  const transient: [string, Step][] = [
    ['429 with retry-after', firstAttempts(scenarios.rateLimitRetryAfter(1))],
    ['429 with retry-after-ms', firstAttempts(scenarios.rateLimitRetryAfterMs(100))],
    ['429 with only x-ratelimit-reset headers', firstAttempts(scenarios.rateLimitResetHeaders({ requests: '100ms', tokens: '200ms' }))],
    ['500', firstAttempts(scenarios.server500(), 2)],
    ['503', firstAttempts(scenarios.server503())],
    ['connection reset', firstAttempts(scenarios.reset())],
    ['slow headers past the timeout', firstAttempts(scenarios.slowHeaders(3000))],
    ['blank content', firstAttempts(scenarios.blank())],
    ['leading blank lines', everyRequest(scenarios.leadingBlankLines())],
    ['keep-alive blank lines', everyRequest(scenarios.keepAliveBlankLines())],
    ['fenced JSON', everyRequest(scenarios.fenced())],
    ['a <think> block with braces', everyRequest(scenarios.think())],
    ['prose around the JSON', everyRequest(scenarios.prose())],
    ['an answer cut off at finish_reason length', firstAttempts(scenarios.truncated())],
    ['single-backslash LaTeX', firstAttempts(scenarios.singleBackslashLatex())],
    ['schema accepted but not enforced', firstAttempts(scenarios.ignoresSchema())],
    ['invented numbers', firstAttempts(scenarios.inventedNumbers())],
    ['placeholder text', firstAttempts(scenarios.placeholder())],
    ['an obeyed injection', firstAttempts(scenarios.injectionObeyed())],
    ['a provider that wants the word json with json_object', byMode({ json_schema: scenarios.jsonSchemaRejectedDeepSeek(), json_object: scenarios.needsJsonWord() })],
  ];
  for (const [name, script] of transient) {
    it(name, async () => {
      const { statuses } = await run(script);
      expect(statuses).toEqual(['ok', 'ok', 'ok']);
    });
  }

  it('an answer with a key beyond the five fields is taken as it is, without a re-ask', async () => {
    const extraKey = everyRequest({ kind: 'answer', content: (req) => JSON.stringify({ ...faithfulSummary(readPrompt(req.body)), notes: 'Clear abstract.' }) });
    const { statuses, results, fake: f } = await run(extraKey);
    expect(statuses).toEqual(['ok', 'ok', 'ok']);
    expect(f.calls).toBe(3);
    expect(Object.keys(results[0]!.summary)).toEqual(['tldr', 'motivation', 'method', 'result', 'conclusion']);
  });

  it('wrong and mixed language are re-asked and end in the asked language', async () => {
    for (const script of [firstAttempts(scenarios.wrongLanguage()), firstAttempts(scenarios.mixedLanguage())]) {
      const { statuses, results } = await run(script, { language: 'zh' });
      expect(statuses).toEqual(['ok', 'ok', 'ok']);
      for (const r of results) expect(r.summary.tldr).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('LLM output-mode ladder and parameters', () => {
  const cases: [string, Step, string][] = [
    ["DeepSeek's 400 on json_schema", scenarios.jsonSchemaRejectedDeepSeek(), 'json_object'],
    ['422 on json_schema', scenarios.mode422(), 'json_object'],
    ['OpenAI 400 on json_schema and json_object', scenarios.jsonSchemaRejectedOpenAI({ alsoJsonObject: true }), 'prompt'],
    ["OpenRouter's 404 No endpoints found", scenarios.openRouterNoEndpoints(), 'json_object'],
  ];
  for (const [name, script, mode] of cases) {
    it(`steps down on ${name} and remembers it`, async () => {
      const { statuses, llm, fake } = await run(script);
      expect(statuses).toEqual(['ok', 'ok', 'ok']);
      expect(llm.mode).toBe(mode);
      const rejected = fake.requests.filter((r) => r.status >= 400).length;
      expect(rejected).toBeLessThanOrEqual(4 * (mode === 'prompt' ? 2 : 1)); // only the papers already in flight
    });
  }

  it('keeps json_schema when it is accepted but not enforced (only a 400/422 steps down); a configured mode skips it', async () => {
    const ignored = await run(scenarios.llamaCppFlatSchema(), { papers: 2 });
    expect(ignored.statuses).toEqual(['fallback', 'fallback']); // re-asked twice, then the marked fallback
    expect(ignored.llm.mode).toBe('json_schema');
    const forced = await run(scenarios.llamaCppFlatSchema(), { papers: 2, options: { outputMode: 'json_object' } });
    expect(forced.statuses).toEqual(['ok', 'ok']);
    expect(forced.fake.requests.every((r) => r.body.response_format?.type === 'json_object')).toBe(true);
  });

  it('does not step down on a 429 or a 5xx', async () => {
    const { llm } = await run(firstAttempts(byMode({ json_schema: scenarios.server503() })));
    expect(llm.mode).toBe('json_schema');
  });

  it('switches to max_completion_tokens and drops temperature when rejected', async () => {
    const tokens = await run(scenarios.maxTokensUnsupported());
    expect(tokens.statuses).toEqual(['ok', 'ok', 'ok']);
    expect(tokens.fake.requests.at(-1)?.body.max_completion_tokens).toBeGreaterThan(0);
    const temp = await run(scenarios.temperatureUnsupported());
    expect(temp.statuses).toEqual(['ok', 'ok', 'ok']);
    expect(temp.fake.requests.at(-1)?.body.temperature).toBeUndefined();
  });
});

describe('long waits for a rate limit', () => {
  it('are announced once per episode, saying how long and why, and capped', async () => {
    const notices: string[] = [];
    const policy = { retries: 4, rateLimitRetries: 12, backoffBaseMs: 10, backoffMaxMs: 100, maxRetryAfterMs: 300, noticeAfterMs: 200 };
    const { statuses } = await run(firstAttempts(scenarios.rateLimitRetryAfter(3600)), { options: { policy, notify: (line) => notices.push(line) } });
    expect(statuses).toEqual(['ok', 'ok', 'ok']);
    expect(notices).toEqual([expect.stringMatching(/^summarize: waiting 0 s before the next request: rate limited \(HTTP 429: .*\); it asked for 3600 s, 0 s is the longest wait allowed$/)]);
  });

  it('are not announced when short', async () => {
    const notices: string[] = [];
    await run(firstAttempts(scenarios.rateLimitRetryAfterMs(50)), { options: { notify: (line) => notices.push(line) } });
    expect(notices).toEqual([]);
  });
});

describe('LLM scenarios that end in a marked fallback', () => {
  it('falls back after two re-asks when every answer is in the wrong language', async () => {
    const { statuses, results, fake } = await run(everyRequest(scenarios.wrongLanguage('en')), { language: 'zh', papers: 2 });
    expect(statuses).toEqual(['fallback', 'fallback']);
    expect(results[0]!.meta).toMatchObject({ summarizer: 'builtin', status: 'fallback' });
    expect(results[0]!.meta.reason).toMatch(/language|Chinese/i);
    expect(fake.calls).toBe(6); // one call and two re-asks per paper
  });

  it('falls back for a moderation rejection, a content filter and a refusal, for that paper only', async () => {
    for (const script of [scenarios.moderation(), scenarios.contentFilter(), scenarios.refusal()]) {
      const { statuses, results, stats } = await run(everyRequest(script), { papers: 2 });
      expect(statuses).toEqual(['fallback', 'fallback']);
      expect(results[0]!.meta.reason).toBeTruthy();
      expect(stats.stopped).toBeNull();
    }
  });

  it('falls back when an injection is obeyed on every attempt', async () => {
    const { statuses, results } = await run(everyRequest(scenarios.injectionObeyed()), { papers: 1 });
    expect(statuses).toEqual(['fallback']);
    expect(Object.values(results[0]!.summary).join(' ')).not.toMatch(/HACKED/);
  });
});

describe('LLM scenarios that stop the run', () => {
  const stops: [string, Step][] = [
    ['insufficient_quota', scenarios.quota()],
    ['402 Insufficient Balance', scenarios.payment402()],
    ['401 bad key', scenarios.unauthorized401()],
  ];
  for (const [name, script] of stops) {
    it(`stops on ${name} and gives every paper a marked fallback`, async () => {
      const { statuses, stats, fake } = await run(everyRequest(script), { papers: 6, options: { concurrency: 1 } });
      expect(stats.stopped).toBeTruthy();
      expect(statuses.every((s) => s === 'fallback')).toBe(true);
      expect(fake.calls).toBe(1);
    });
  }

  it('stops when the token budget is spent', async () => {
    const { stats, statuses } = await run(undefined, { papers: 6, options: { concurrency: 1, maxTokensPerRun: 1500 } });
    expect(stats.stopped).toMatch(/token budget/);
    expect(statuses.filter((s) => s === 'ok').length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe('fallback');
  });
});

describe('LLM costs and timeouts', () => {
  it('counts cost from the price table and stops when --max-cost is reached', async () => {
    const { stats, llm, statuses } = await run(undefined, { papers: 6, options: { concurrency: 1, prices: { input: 1000, output: 2000 }, maxCost: 1.5 } });
    expect(llm.cost).toBeGreaterThanOrEqual(1.5);
    expect(llm.cost).toBeCloseTo((llm.promptTokens * 1000 + llm.completionTokens * 2000) / 1e6, 6);
    expect(stats.stopped).toMatch(/cost budget/);
    expect(statuses.at(-1)).toBe('fallback');
  });

  it('waits as long as configured for slow answers, and no longer', async () => {
    const slow = await run(everyRequest(scenarios.slowHeaders(1200)), { papers: 1, options: { timeoutMs: 3000 } });
    expect(slow.statuses).toEqual(['ok']);
    expect(slow.llm.faults.timeout).toBeUndefined();
    const tooSlow = await run(everyRequest(scenarios.slowHeaders(1200)), { papers: 1, options: { timeoutMs: 300, policy: { retries: 1, backoffBaseMs: 10 } } });
    expect(tooSlow.statuses).toEqual(['fallback']);
    expect(tooSlow.llm.faults.timeout).toBe(2);
  });
});

describe('LLM concurrency', () => {
  it('never has more requests in flight than the ceiling', async () => {
    const { fake, statuses } = await run(undefined, { papers: 20, latencyMs: 30, options: { concurrency: 4 } });
    expect(statuses.every((s) => s === 'ok')).toBe(true);
    expect(fake.peakInFlight).toBeLessThanOrEqual(4);
    expect(fake.peakInFlight).toBeGreaterThanOrEqual(3);
  });

  it('backs off when the endpoint pushes back and still finishes every paper', async () => {
    const { fake, statuses, llm } = await run(undefined, { papers: 24, latencyMs: 40, maxInFlight: 2, options: { concurrency: 8 } });
    expect(statuses.every((s) => s === 'ok')).toBe(true);
    expect(llm.concurrency.lowest).toBeLessThan(8);
    expect(fake.peakInFlight).toBeLessThanOrEqual(8);
  });
});
