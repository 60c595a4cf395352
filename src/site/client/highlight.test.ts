import { describe, expect, it } from 'vitest';
import { highlightRanges, keywordMatcher, matchable, phraseNote, queryTerms, searchMatcher } from './highlight.js';

const marked = (text: string, m: ((t: string) => boolean) | null): string[] =>
  m ? highlightRanges(text, m).map(([a, b]) => text.slice(a, b)) : [];

describe('highlighting', () => {
  it('takes query words as the index does (case and accents folded, stop words dropped)', () => {
    expect(queryTerms('The Gödel-Transformers of a graph')).toEqual(['godel', 'transformers', 'graph']);
  });

  it('notes that a quoted phrase of two or more words is not matched as a phrase', () => {
    expect(phraseNote('"gradient descent" convergence')).toMatch(/not as a phrase/);
    for (const q of ['gradient descent', '"gradient"', '"gradient descent', '" "']) expect(phraseNote(q), q).toBeNull();
  });

  it('marks words a search matched: by prefix, and the expanded terms the engine reports', () => {
    const m = searchMatcher('transform', ['tranformer']);
    expect(marked('Transformers transform; a tranformer typo; transit', m)).toEqual(['Transformers', 'transform', 'tranformer']);
  });

  it('marks words containing a keyword for the day filter', () => {
    expect(marked('Hypergraph and graph but not grape; GRAPHS', keywordMatcher(['graph']))).toEqual(['Hypergraph', 'graph', 'GRAPHS']);
    expect(marked('Dynamics-Aware Solver', keywordMatcher(['dynamics-aware']))).toEqual(['Dynamics', 'Aware']);
    expect(keywordMatcher(['', '--'])).toBeNull();
  });

  it('marks whole words only', () => {
    expect(marked('<img src=x onerror=alert(1)>', searchMatcher('onerror'))).toEqual(['onerror']);
  });

  it('folds case, accents and the kind of dash for the keyword filter', () => {
    expect(matchable('Kullback–Leibler and Gödel—Escher')).toBe('kullback-leibler and godel-escher');
  });
});
