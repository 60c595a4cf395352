import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../sources/index.js';
import { splitSentences } from './split.js';
import { headingOf, readSections, withSectionRoles } from './headings.js';
import { summarizeSync } from './index.js';

const STRUCTURED = [
  'Objective: Accurate estimation of intracranial pressure remains a challenge.',
  'We developed an algorithm that estimates it from noninvasive signals.',
  'METHODS: A model was fitted to arterial blood pressure recordings.',
  'It was tuned on a held-out cohort.',
  'Results: Errors were within 2 mmHg for 31.9% of entries.',
  'Conclusions: The approach is feasible.',
  'Significance: It lays a foundation for bedside monitoring.',
];

describe('readSections', () => {
  it('gives every sentence its section heading\'s role and strips the heading', () => {
    const s = readSections(STRUCTURED);
    expect(s.roles).toEqual(['objective', 'objective', 'method', 'method', 'result', 'other', 'other']);
    expect(s.conclude).toEqual([false, false, false, false, false, true, true]);
    expect(s.sentences[0]).toBe('Accurate estimation of intracranial pressure remains a challenge.');
    expect(s.sentences[2]).toBe('A model was fitted to arterial blood pressure recordings.');
    expect(s.sentences[4]).toBe('Errors were within 2 mmHg for 31.9% of entries.');
    expect(s.sentences[3]).toBe(STRUCTURED[3]);
    expect(s.source).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('reads headings the splitter left as sentences of their own ("Objective. To … Main results. …")', () => {
    const split = ['Objective.', 'To decode speech from cortical recordings.', 'Approach.', 'We recorded 12 patients.', 'Main results.', 'Accuracy reached 81%.', 'Significance.', 'Decoding is feasible.'];
    const s = readSections(split);
    expect(s.sentences).toEqual([split[1], split[3], split[5], split[7]]);
    expect(s.source).toEqual([1, 3, 5, 7]);
    expect(s.roles).toEqual(['objective', 'method', 'result', 'other']);
    expect(s.conclude).toEqual([false, false, false, true]);
    expect(withSectionRoles(['other', 'background', 'other', 'background', 'other', 'method', 'other', 'result'], s)).toEqual(s.roles);
  });

  it('leaves an abstract with one heading-like lead-in, or unknown words before a colon, alone', () => {
    const one = ['We study X.', 'Results: X beats Y by 3%.', 'Overall, X is useful.'];
    expect(readSections(one)).toEqual({ sentences: one, source: [0, 1, 2], roles: [null, null, null], conclude: [false, false, false] });
    expect(headingOf('Constructor: a prototype key is not a heading.')).toBeNull();
    expect(headingOf('Theorem 2: the bound is tight.')).toBeNull();
    expect(headingOf('Results: ')?.alone).toBe(true);
    expect(headingOf('Results are mixed.')).toBeNull();
  });

  it('overrules the classifier only inside recognised sections', () => {
    const sections = { sentences: ['a', 'b', 'c'], source: [0, 1, 2], roles: [null, 'method' as const, 'method' as const], conclude: [false, false, false] };
    expect(withSectionRoles(['background', 'result', 'method'], sections)).toEqual(['background', 'method', 'method']);
  });
});

describe('the built-in summarizer on a structured abstract', () => {
  it('fills fields by the authors\' headings, with no heading left in any field', () => {
    const { summary, meta } = summarizeSync({ abstract: STRUCTURED.join(' ') });
    expect(summary.tldr).toBe(STRUCTURED[1]);
    expect(summary.motivation).toBe('Accurate estimation of intracranial pressure remains a challenge.');
    expect(summary.method).toBe('A model was fitted to arterial blood pressure recordings. It was tuned on a held-out cohort.');
    expect(summary.result).toBe('Errors were within 2 mmHg for 31.9% of entries.');
    expect(summary.conclusion).toBe('The approach is feasible. It lays a foundation for bedside monitoring.');
    expect(meta.sources).toEqual({ tldr: 'objective', motivation: 'objective', method: 'method', result: 'result', conclusion: 'other' });
  });

  it('reads the period style through the splitter, headings gone from every field', () => {
    const abstract = 'Objective. To decode speech from cortical recordings. Approach. We recorded 12 patients and trained a decoder. Main results. Accuracy reached 81%. Significance. Decoding is feasible at the bedside.';
    const { summary } = summarizeSync({ abstract });
    expect(summary.result).toBe('Accuracy reached 81%.');
    expect(summary.conclusion).toBe('Decoding is feasible at the bedside.');
    expect(Object.values(summary).join(' ')).not.toMatch(/Objective|Approach|Main results|Significance/);
  });
});

describe('on the bundled sample day', () => {
  it('reads only the one structured abstract as structured', () => {
    const feed = parseFeed(readFileSync(new URL('../../../data/sample/rss-cs.LG+stat.ML-2026-01-30.xml', import.meta.url), 'utf8'));
    const structured = feed.items.filter((i) => readSections(splitSentences(i.paper.abstract)).roles.some((r) => r !== null));
    expect(structured.map((i) => i.paper.id)).toEqual(['2601.20916']);
  });
});
