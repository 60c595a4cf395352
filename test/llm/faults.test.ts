/**
 * Faults that must end a paper (or the run) at once rather than after every retry: a content filter that
 * left no content, and a forced output mode the endpoint rejects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { everyRequest, scenarios } from '../helpers/fake-llm.js';
import { closeRun, run } from './harness.js';

afterEach(closeRun);

describe('a content filter with no content', () => {
  it('is the moderation fallback at once, not five retries of a blank answer', async () => {
    const { statuses, results, fake, llm } = await run(everyRequest(scenarios.contentFilter()), { papers: 2 });
    expect(statuses).toEqual(['fallback', 'fallback']);
    expect(results[0]!.meta.reason).toMatch(/content filter/);
    expect(fake.calls).toBe(2);
    expect(llm.faults).toEqual({ moderation: 2 });
  });
});

describe('a forced output mode the endpoint rejects', () => {
  it('stops the run naming the mode and the way out, instead of "every request form" for each paper', async () => {
    const { stats, statuses, fake } = await run(scenarios.jsonSchemaRejectedDeepSeek(), { papers: 6, options: { outputMode: 'json_schema', concurrency: 1 } });
    expect(stats.stopped).toMatch(/^the endpoint rejected the output mode json_schema set by --output-mode \(HTTP 400: .*\); use --output-mode auto to let it step down$/);
    expect(statuses.every((s) => s === 'fallback')).toBe(true);
    expect(fake.calls).toBe(1);
  });
});
