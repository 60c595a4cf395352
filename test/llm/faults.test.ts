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
