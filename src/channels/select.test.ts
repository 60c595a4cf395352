import { describe, expect, it } from 'vitest';
import { deliveredEntries, passesThreshold, topEntries } from './select.js';
import { digest, entry, paper, rankedDay } from '../../test/channels/digests.js';

describe('topEntries', () => {
  it('takes the For-you list, best first, when the digest is ranked', () => {
    const day = rankedDay();
    const top = topEntries(day, { limit: 4 });
    expect(top.ranked).toBe(true);
    expect(top.entries.map((e) => e.paper.id)).toEqual(day.forYou?.slice(0, 4));
    expect(top.more).toBe(2);
  });

  it('takes the first papers of the day otherwise', () => {
    const day = digest('2026-02-05', [entry(paper('2602.00011')), entry(paper('2602.00012')), entry(paper('2602.00013'))]);
    const top = topEntries(day, { limit: 2 });
    expect(top).toMatchObject({ ranked: false, more: 1 });
    expect(top.entries.map((e) => e.paper.id)).toEqual(['2602.00011', '2602.00012']);
  });

  it('applies --min-score to scored entries only', () => {
    const day = rankedDay();
    expect(topEntries(day, { minScore: 0.85 }).entries.every((e) => (e.relevance?.score ?? 0) >= 0.85)).toBe(true);
    expect(deliveredEntries(day, { minScore: 0.85 })).toHaveLength(4);
    const unscored = entry(paper('2602.00099'));
    expect(passesThreshold(unscored, 0.99)).toBe(true);
    expect(passesThreshold(unscored, undefined)).toBe(true);
  });
});
