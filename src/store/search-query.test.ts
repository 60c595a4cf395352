import { describe, expect, it } from 'vitest';
import { MAX_QUERY_PARTS, parseSearchQuery, toFts5Query } from './search-query.js';

describe('parseSearchQuery', () => {
  it('cuts words and quoted phrases', () => {
    expect(parseSearchQuery('  graph "neural  networks" molecules ')).toEqual([
      { text: 'graph', phrase: false },
      { text: 'neural networks', phrase: true },
      { text: 'molecules', phrase: false },
    ]);
  });

  it('an open quote runs to the end; curly quotes count; a one-word phrase is a word', () => {
    expect(parseSearchQuery('a "b c')).toEqual([{ text: 'a', phrase: false }, { text: 'b c', phrase: true }]);
    expect(parseSearchQuery('“sparse attention”')).toEqual([{ text: 'sparse attention', phrase: true }]);
    expect(parseSearchQuery('"word"')).toEqual([{ text: 'word', phrase: false }]);
  });

  it('drops parts without letters or digits and repeats', () => {
    expect(parseSearchQuery('* -- "" " " & Graph graph GRAPH 42')).toEqual([
      { text: 'Graph', phrase: false },
      { text: '42', phrase: false },
    ]);
    expect(parseSearchQuery('')).toEqual([]);
  });

  it(`keeps at most ${MAX_QUERY_PARTS} parts`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(parseSearchQuery(words)).toHaveLength(MAX_QUERY_PARTS);
  });
});

describe('toFts5Query', () => {
  it('quotes every part, doubling quotes inside', () => {
    expect(toFts5Query(parseSearchQuery('NEAR(a b) title:x'))).toBe('"NEAR(a" "b)" "title:x"');
    expect(toFts5Query([{ text: 'say "hi"', phrase: true }])).toBe('"say ""hi"""');
    expect(toFts5Query([])).toBeNull();
  });
});
