/**
 * An endpoint answering with a body far larger than any summary (a runaway model, a misconfigured proxy)
 * is cut off at the cap instead of being read into memory whole.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { everyRequest } from '../helpers/fake-llm.js';
import { closeRun, run } from './harness.js';

afterEach(closeRun);

describe('a response body over the size cap', () => {
  it('is not read past the cap: the paper gets the marked fallback at once, with the reason', async () => {
    const { statuses, results, llm, fake } = await run(everyRequest({ kind: 'answer', content: 'x'.repeat(3_000_000) }), { papers: 2 });
    expect(statuses).toEqual(['fallback', 'fallback']);
    expect(results[0]!.meta.reason).toMatch(/answer is larger than 1 MB/);
    expect(llm.faults).toEqual({ too_large: 2 });
    expect(fake.calls).toBe(2);
  });
});
