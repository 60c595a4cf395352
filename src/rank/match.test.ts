import { describe, expect, it } from 'vitest';
import { authorMatcher, keywordMatcher, parseName } from './match.js';
import { DIMS, paperTerms, termCount, termId, termSurfaces, tokenize } from './text.js';

describe('text', () => {
  it('stems words, drops stopwords and bare numbers, and keeps LaTeX arguments only', () => {
    const t = tokenize('We propose Diffusion-Models for 3D graphs in $\\mathcal{O}(n)$ time, 2024.');
    expect(t.filter((x) => x.content).map((x) => x.stem)).toEqual(['diffus', 'model', '3d', 'graph', 'time']);
  });

  it('matches a keyword with symbols ("C++", "C#") only where the text has it as written', () => {
    const m = keywordMatcher([{ term: 'C++', weight: 1 }, { term: 'C#', weight: 1 }, { term: 'graph', weight: 1 }]);
    expect(m.match('Fast C++ templates', 'We compile C# and c++ code.').map((k) => k.term)).toEqual(['C++', 'C#']);
    expect(m.match('The C-index of survival models', 'A bound in C^0.12 for graphs.').map((k) => k.term)).toEqual(['graph']);
    // Other punctuation still matches by words.
    expect(keywordMatcher([{ term: 'diffusion models.', weight: 1 }]).match('Diffusion Models for X', '').map((k) => k.term)).toEqual(['diffusion models.']);
  });

  it('folds accents, so a keyword matches with or without them (as author names do)', () => {
    const m = keywordMatcher([{ term: 'Frechet distance', weight: 1 }, { term: 'naïve Bayes', weight: 1 }]);
    expect(m.match('The Fréchet Distance of curves', 'A naive Bayes baseline.').map((k) => k.term)).toEqual(['Frechet distance', 'naïve Bayes']);
    expect(tokenize('Naïve Fréchet').map((x) => x.stem)).toEqual(tokenize('naive frechet').map((x) => x.stem));
  });

  it('counts unigrams and adjacent-word bigrams, not across title and abstract or over stopwords', () => {
    const title = 'Graph Neural Networks';
    const abstract = 'Networks of graphs; graph neural networks again.';
    const terms = paperTerms(title, abstract);
    expect(termCount(terms, 'graph neural')).toBe(2);
    expect(termCount(terms, 'network graph')).toBe(0);
    expect(termCount(terms, 'graph')).toBe(3);
    expect([...terms.ids]).toEqual([...terms.ids].sort((a, b) => a - b));
    // The counting scratch is left clean: the same text counts the same again.
    expect(paperTerms(title, abstract)).toEqual(terms);
    expect(terms.length).toBe(8);
    expect(terms.runs).toEqual([['graph', 'neural', 'network'], ['network', 'of', 'graph', 'graph', 'neural', 'network', 'again']]);
    const ids = new Set([termId('neural network'), termId('network'), termId('of')]);
    expect(termSurfaces(title, abstract, ids)).toEqual(new Map([[termId('network'), 'networks'], [termId('neural network'), 'neural networks']]));
  });

  it('hashes terms into a fixed range, stably', () => {
    expect(termId('diffus model')).toBe(termId('diffus model'));
    expect(termId('diffus model')).not.toBe(termId('model diffus'));
    for (const w of ['a', 'graph', 'x'.repeat(500)]) expect(termId(w)).toBeLessThan(DIMS);
  });
});

describe('keywordMatcher', () => {
  const m = keywordMatcher([
    { term: 'diffusion models', weight: 1 },
    { term: 'Learning to Rank', weight: 2 },
    { term: 'GPT-4', weight: 1 },
  ]);

  it('matches phrases by stems and word order, in title or abstract', () => {
    expect(m.match('A Diffusion-Model for Audio', '')).toEqual([{ term: 'diffusion models', weight: 1 }]);
    expect(m.match('', 'models of diffusion')).toEqual([]);
    expect(m.match('', 'We study learning to rank with GPT-4.')).toEqual([
      { term: 'Learning to Rank', weight: 2 },
      { term: 'GPT-4', weight: 1 },
    ]);
    expect(m.match('', 'learning ranks')).toEqual([]);
  });

  it('does not match across the title/abstract boundary', () => {
    expect(m.match('Generative diffusion', 'models are everywhere')).toEqual([]);
  });
});

describe('authorMatcher', () => {
  it('parses names in either order, accents and initials', () => {
    expect(parseName('Lovelace, Ada M.')).toEqual({ surname: 'lovelace', given: ['ada', 'm'] });
    expect(parseName('J.-P. Sartre')).toEqual({ surname: 'sartre', given: ['j', 'p'] });
    expect(parseName('Bernhard Schölkopf')).toEqual({ surname: 'scholkopf', given: ['bernhard'] });
  });

  it('follows by surname with compatible given names', () => {
    const m = authorMatcher([{ name: 'A. Lovelace', weight: 1 }, { name: 'Bernhard Schoelkopf', weight: 1 }, { name: 'Alan Turing', weight: 3 }]);
    expect(m.match(['Ada Lovelace'])).toEqual([{ name: 'A. Lovelace', weight: 1 }]);
    expect(m.match(['Ada M. Lovelace', 'A. M. Turing'])).toEqual([{ name: 'A. Lovelace', weight: 1 }, { name: 'Alan Turing', weight: 3 }]);
    expect(m.match(['Bob Lovelace', 'Alan Turingson', 'Alice Turing'])).toEqual([]);
    // Transliteration differs (ö vs oe): not the same surname; the profile should spell it as arXiv does.
    expect(m.match(['Bernhard Schölkopf'])).toEqual([]);
  });
});
