import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANSWER,
  byAttempt,
  byMode,
  byModel,
  everyRequest,
  firstAttempts,
  fraction,
  fractionHits,
  scenarios,
  sequence,
  startFakeLlm,
} from '../helpers/fake-llm.js';
import type { Behaviour, FakeLlm, Script, ScriptRequest } from '../helpers/fake-llm.js';
import { post, promptBody, sampleAbstracts } from './requests.js';

const PAPER_A = 'We propose method A. It reaches 90% accuracy.';
const PAPER_B = 'We propose method B. It reaches 80% accuracy.';

/** A script request as the server builds it, for calling scripts directly. */
function req(paper: string, attempt = 1, extra: Partial<ScriptRequest> = {}): ScriptRequest {
  return { body: promptBody(paper), headers: {}, paper, attempt, call: 1, mode: 'prompt', ...extra };
}

/** A short label for a behaviour: 'answer', 'answer:length', 'reset', or the error status. */
function label(b: Behaviour): string {
  if (b.kind === 'answer') return b.finishReason ? `answer:${b.finishReason}` : 'answer';
  return b.kind === 'error' ? String(b.status) : b.kind;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('fake LLM scripts over HTTP', () => {
  let fake: FakeLlm;
  const status = async (abstract: string, o: Parameters<typeof promptBody>[1] = {}) => (await post(fake, promptBody(abstract, o))).status;
  beforeAll(async () => void (fake = await startFakeLlm()));
  afterAll(() => fake.close());

  it('firstAttempts fails the first n attempts of every paper, counted per abstract across boundaries', async () => {
    fake.reset();
    fake.use(firstAttempts(scenarios.server500(), 2));
    const seen = [];
    for (const abstract of [PAPER_A, PAPER_B, PAPER_A, PAPER_B, PAPER_A, PAPER_B]) seen.push(await status(abstract));
    expect(seen).toEqual([500, 500, 500, 500, 200, 200]);
    fake.reset();
    expect(await status(PAPER_A)).toBe(500);
  });

  it('byAttempt plays attempt k of each paper, repeating the last', async () => {
    fake.reset();
    fake.use(byAttempt([scenarios.server503(), scenarios.rateLimitRetryAfterMs(), ANSWER]));
    const seen = [];
    for (const abstract of [PAPER_A, PAPER_A, PAPER_B, PAPER_A, PAPER_A]) seen.push(await status(abstract));
    expect(seen).toEqual([503, 429, 503, 200, 200]);
  });

  it('sequence plays steps in arrival order, repeating the last', async () => {
    fake.use(sequence([scenarios.server503(), scenarios.moderation(), scenarios.payment402()]));
    const seen = [];
    for (const abstract of [PAPER_A, PAPER_B, PAPER_A, PAPER_B]) seen.push(await status(abstract));
    expect(seen).toEqual([503, 400, 402, 402]);
  });

  it('byMode and byModel pick by response_format and model; nested in firstAttempts', async () => {
    fake.reset();
    fake.use(firstAttempts(byMode({ json_schema: scenarios.server503(), prompt: scenarios.moderation() })));
    expect(await status(PAPER_A, { mode: 'json_schema' })).toBe(503);
    expect(await status(PAPER_B, { mode: 'json_object' })).toBe(200);
    expect(await status('We study C. It works.', { mode: 'prompt' })).toBe(400);
    expect(await status(PAPER_A, { mode: 'json_schema' })).toBe(200);
    fake.use(everyRequest(byModel({ 'deepseek-chat': scenarios.payment402() }, scenarios.server500())));
    expect(await status(PAPER_A, { extra: { model: 'deepseek-chat' } })).toBe(402);
    expect(await status(PAPER_A, { extra: { model: 'gpt-4o-mini' } })).toBe(500);
  });

  it('fraction fails the same papers whatever the arrival order and concurrency', async () => {
    const papers = sampleAbstracts().slice(0, 40);
    const expected = papers.map((p) => (fractionHits(0.3, p, 7) ? 503 : 200));
    expect(expected).toContain(503);
    expect(expected).toContain(200);
    fake.reset();
    fake.use(fraction(0.3, [scenarios.server503()], 7));
    const concurrent = await Promise.all(papers.map((p) => status(p)));
    expect(concurrent).toEqual(expected);
    // Second attempts always answer.
    expect(await Promise.all(papers.map((p) => status(p)))).toEqual(papers.map(() => 200));
  });
});

describe('fake LLM scripts, called directly', () => {
  const papers = sampleAbstracts();
  const mix = [scenarios.server500(), scenarios.rateLimitRetryAfter(), scenarios.reset(), scenarios.truncated()];
  const outcomes = (script: Script, order: readonly string[]) => new Map(order.map((p) => [p, label(script(req(p)))]));

  it('fraction is deterministic per paper and seed, independent of order', () => {
    const a = outcomes(fraction(0.2, mix, 1), papers);
    const b = outcomes(fraction(0.2, mix, 1), shuffled(papers, 3));
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
    const other = outcomes(fraction(0.2, mix, 2), papers);
    expect([...other.entries()]).not.toEqual([...a.entries()]);
  });

  it('fraction fails about the asked share of first attempts, with every behaviour, and never a second attempt', () => {
    const script = fraction(0.2, mix, 1);
    const hits = papers.filter((p) => script(req(p, 1)) !== ANSWER);
    expect(hits.length / papers.length).toBeGreaterThan(0.1);
    expect(hits.length / papers.length).toBeLessThan(0.3);
    expect(hits).toEqual(papers.filter((p) => fractionHits(0.2, p, 1)));
    expect(new Set(hits.map((p) => label(script(req(p, 1)))))).toEqual(new Set(['500', '429', 'reset', 'answer:length']));
    expect(papers.every((p) => script(req(p, 2)) === ANSWER)).toBe(true);
  });

  it('fraction(0) never fails and fraction(1) always fails the first attempt', () => {
    expect(papers.every((p) => fraction(0, mix)(req(p)) === ANSWER)).toBe(true);
    expect(papers.some((p) => fraction(1, mix)(req(p)) === ANSWER)).toBe(false);
  });

  it('refuses empty step lists', () => {
    expect(() => sequence([])).toThrow();
    expect(() => byAttempt([])).toThrow();
    expect(() => fraction(0.5, [])).toThrow();
  });
});
