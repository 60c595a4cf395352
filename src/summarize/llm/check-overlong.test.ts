import { describe, expect, it } from 'vitest';
import { checkSummary } from './check.js';

const ABSTRACT = 'We study things. It is hard. We propose X. It works well.';
const base = { tldr: 'We propose X for things.', motivation: 'It is hard.', method: 'We propose X.', result: 'It works well.', conclusion: 'It works well in practice.' };

describe('checkSummary: a field far longer than any summary', () => {
  it('is refused up front, before the per-sentence checks (350 KB took 30 s)', () => {
    const huge = { ...base, result: 'The results are good. '.repeat(16_000) };
    const started = performance.now();
    const r = checkSummary(huge, { title: 'T', abstract: ABSTRACT, language: 'en', mathTokens: [] });
    expect(performance.now() - started).toBeLessThan(500);
    expect(r.summary).toBeNull();
    expect(r.problems).toEqual([expect.objectContaining({ code: 'length', field: 'result', message: expect.stringMatching(/^field "result" is far too long \(351999 characters\)/) })]);
  });
});
