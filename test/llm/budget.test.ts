/**
 * Budgets with requests in flight: the first wave of concurrent requests must not overshoot the budget several
 * times over, and the stop message gives what was finally spent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeRun, run } from './harness.js';

afterEach(closeRun);

const total = (llm: { promptTokens: number; completionTokens: number }) => llm.promptTokens + llm.completionTokens;

describe('budgets with concurrent requests', () => {
  it('--max-tokens-per-run: a request waits while those in flight could reach the budget; the stop gives the final spend', async () => {
    const { stats, llm } = await run(undefined, { papers: 16, latencyMs: 50, options: { concurrency: 8, maxTokensPerRun: 3000 } });
    // Without reservations all 8 first requests start at once (about 8 × 700 tokens).
    expect(total(llm)).toBeLessThan(2 * 3000);
    // …and the budget is used, not given up on while requests are in flight.
    expect(total(llm)).toBeGreaterThanOrEqual(3000);
    expect(stats.stopped).toBe(`token budget spent (${total(llm)} of 3000 tokens)`);
  });

  it('--max-cost: the same with the price table', async () => {
    const prices = { input: 1000, output: 2000 };
    const { stats, llm } = await run(undefined, { papers: 16, latencyMs: 50, options: { concurrency: 8, prices, maxCost: 3 } });
    expect(llm.cost).toBeLessThan(2 * 3);
    expect(llm.cost).toBeGreaterThanOrEqual(3);
    expect(stats.stopped).toBe(`cost budget spent (${llm.cost!.toFixed(4)} of 3)`);
  });
});
