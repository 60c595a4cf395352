import { describe, expect, it } from 'vitest';
import { hasPairs, pairFilter, queryPhrasePairs } from './phrases.js';

describe('phrase filters', () => {
  it('takes the word pairs of quoted phrases only, as the index sees the words', () => {
    expect(queryPhrasePairs('graph "Neural Networks of the Brain" "open')).toEqual(['neural networks', 'networks brain']);
    expect(queryPhrasePairs('plain words only')).toEqual([]);
  });

  it('never misses a pair the text holds, and rarely claims one it does not', () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`);
    const filter = pairFilter([words.join(' ')]);
    const held = words.slice(1).map((w, i) => `${words[i]} ${w}`);
    expect(hasPairs(filter, held)).toBe(true);
    const absent = words.slice(2).map((w, i) => `${w} ${words[i]}`);
    const false_positives = absent.filter((pair) => hasPairs(filter, [pair])).length;
    expect(false_positives / absent.length).toBeLessThan(0.04);
  });

  it('holds no pair that spans two fields, nor any for a one-word text', () => {
    const filter = pairFilter(['A title about graphs', 'Ada Lovelace']);
    expect(hasPairs(filter, ['graphs ada'])).toBe(false);
    expect(hasPairs(filter, ['ada lovelace'])).toBe(true);
    expect(pairFilter(['Word'])).toBe('');
    expect(hasPairs('', ['ada lovelace'])).toBe(false);
  });
});
