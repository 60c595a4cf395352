import { describe, expect, it } from 'vitest';
import type { SentenceRole } from '../../types.js';
import { composeSummary, NOT_STATED, roleCoverage } from './compose.js';

const S = [
  'Graph neural networks are widely used for molecules.',
  'However, they struggle with long-range interactions.',
  'In this paper, we propose RangeNet, a transformer over graph paths.',
  'RangeNet encodes each path with a recurrent unit.',
  'On three benchmarks RangeNet improves accuracy by 4.2%.',
  'Overall, these results suggest that path encodings are a promising direction.',
];
const R: SentenceRole[] = ['background', 'background', 'objective', 'method', 'result', 'result'];

describe('composeSummary', () => {
  it('fills each field from sentences of the matching role, the TL;DR without its "In this paper," lead', () => {
    const { summary, sources } = composeSummary(S, R);
    expect(summary.tldr).toBe('We propose RangeNet, a transformer over graph paths.');
    expect(summary.motivation).toBe(`${S[0]} ${S[1]}`);
    expect(summary.method).toBe(S[3]);
    expect(summary.result).toBe(S[4]);
    expect(summary.conclusion).toBe(S[5]);
    expect(sources).toEqual({ tldr: 'objective', motivation: 'background', method: 'method', result: 'result', conclusion: 'result' });
  });

  it('says "Not stated in the abstract." for a field with no material and never reuses a sentence', () => {
    const { summary, sources } = composeSummary(S.slice(0, 4), R.slice(0, 4));
    expect(summary.result).toBe(NOT_STATED);
    expect(summary.conclusion).toBe(NOT_STATED);
    expect(sources.result).toBe('none');
    const filled = Object.values(summary).filter((v) => v !== NOT_STATED);
    expect(new Set(filled).size).toBe(filled.length);
  });

  it('puts a one-sentence abstract in the TL;DR and the field of its role only', () => {
    const { summary } = composeSummary([S[4]!], ['result']);
    expect(summary).toEqual({ tldr: S[4], motivation: NOT_STATED, method: NOT_STATED, result: S[4], conclusion: NOT_STATED });
  });

  it('spends no field on where the code or data is, but keeps a result about code', () => {
    const code = 'The code is open source at https://github.com/x/rangenet.';
    const later = 'Code and data will be made publicly available upon publication.';
    const onCode = 'RangeNet also improves pass@1 on code tasks.';
    const roles: SentenceRole[] = ['objective', 'method', 'result', 'result', 'result'];
    const { summary } = composeSummary([S[2]!, S[3]!, code, onCode, later], roles);
    expect(summary.result).toBe(onCode);
    expect(Object.values(summary).join(' ')).not.toMatch(/github|publication/);
    expect(composeSummary([S[2]!, S[3]!, code], ['objective', 'method', 'result']).summary.result).toBe(NOT_STATED);
    const both = 'RangeNet reaches 95% accuracy; code at https://github.com/x/rangenet.';
    expect(composeSummary([S[2]!, S[3]!, both], ['objective', 'method', 'result']).summary.result).toBe(both);
    const gap = 'Stochastic optimization is a hard setting when labelled data is scarce but pre-trained models are available.';
    expect(composeSummary([gap, S[2]!, S[3]!], ['background', 'objective', 'method']).summary.motivation).toBe(gap);
  });

  it('gives all fields "Not stated" for an empty abstract', () => {
    expect(Object.values(composeSummary([], []).summary)).toEqual(Array(5).fill(NOT_STATED));
  });
});

describe('roleCoverage', () => {
  it('counts a field as covered only when its source is one of its own roles', () => {
    const cov = roleCoverage([
      { sources: { tldr: 'objective', motivation: 'background', method: 'result', result: 'none', conclusion: 'other' } },
      { sources: { tldr: 'background', motivation: 'objective', method: 'method', result: 'result', conclusion: 'none' } },
    ]);
    expect(cov).toEqual({ tldr: 0.5, motivation: 0.5, method: 0.5, result: 0.5, conclusion: 0.5 });
  });
});

describe('TL;DR from the contribution statement', () => {
  const opening = 'We introduce PathFlow, a flow model for graph reconstruction.';
  const gap = 'Reconstructing graphs from partial observations remains a key challenge.';
  const method = 'It first forms an initial estimate from a prior, then refines it with rectified flow matching.';

  it('takes "We introduce X" whatever role the classifier gave it; Motivation keeps the background', () => {
    const { summary, sources } = composeSummary([opening, gap, method], ['background', 'background', 'method']);
    expect(summary.tldr).toBe(opening);
    expect(sources.tldr).toBe('background');
    expect(summary.motivation).toBe(gap);
    expect(summary.method).toBe(method);
  });

  it('with a lead-in dropped; not a follow-up contribution, nor "we present experiments"', () => {
    const led = 'To address this, we propose PathFlow, a flow model for graphs.';
    expect(composeSummary([gap, led, method], ['background', 'method', 'method']).summary.tldr).toBe('We propose PathFlow, a flow model for graphs.');
    const study = 'We study graph reconstruction from partial observations.';
    for (const later of ['We then introduce PathFlow, a flow model.', 'Furthermore, we propose PathFlow, a flow model.', 'We present extensive experiments on six datasets.']) {
      expect(composeSummary([gap, study, later], ['background', 'objective', 'method']).summary.tldr).toBe(study);
    }
  });
});

describe('Result without a result sentence', () => {
  it('takes one unused finding of another role ("we show that…", "we prove … bound"), never background', () => {
    const s = [
      'Ranking is costly when exact valuations are expensive.',
      'We study a two-oracle setting.',
      'We prove a lower bound of $\\Omega(m)$ strong calls for any algorithm.',
      'Our main contribution is ACE, an adaptive algorithm that matches this bound.',
      'It queries boundary items first.',
    ];
    const { summary, sources } = composeSummary(s, ['background', 'objective', 'method', 'method', 'method']);
    expect(summary.tldr).toBe(s[3]);
    expect(summary.result).toBe(s[2]);
    expect(sources.result).toBe('method');
    expect(summary.method).toBe(s[4]);
    const others = ['Prior work shows that rankings are costly.', 'We study a setting.', 'We rank items.'];
    expect(composeSummary(others, ['background', 'objective', 'method']).summary.result).toBe(NOT_STATED);
  });
});

describe('TL;DR without objective or method sentences', () => {
  it('takes a "we propose" sentence of another role before falling back to a result', () => {
    const s = ['We propose X.', 'It works well, improving accuracy by 3%.', 'Overall, X is useful.'];
    const { summary, sources } = composeSummary(s, ['background', 'background', 'result']);
    expect(summary.tldr).toBe('We propose X.');
    expect(sources.tldr).toBe('background');
    expect(summary.motivation).toBe('It works well, improving accuracy by 3%.');
  });
});

describe('Result before Conclusion', () => {
  const base = [S[0]!, S[2]!, S[3]!];
  const baseRoles: SentenceRole[] = ['background', 'objective', 'method'];

  it('keeps the only finding for Result even when it also concludes ("Our results show that…", "…, suggesting that…")', () => {
    for (const only of [
      'Our results show that RangeNet enables models with higher fidelity than existing approaches.',
      'Across three tasks, RangeNet consistently reduces collapse, suggesting that the objective is key.',
      'Across benchmarks, RangeNet decreases entanglement, inspiring future work on representations.',
    ]) {
      const { summary, sources } = composeSummary([...base, only], [...baseRoles, 'result']);
      expect(summary.result).toBe(only);
      expect(sources.result).toBe('result');
      expect(summary.conclusion).toBe(NOT_STATED);
    }
  });

  it('gives the Conclusion a concluding sentence when there are two, and a lesson with no finding stays the Conclusion', () => {
    const found = 'Our experiments reveal a critical trade-off between speed and accuracy.';
    const lesson = 'These results suggest that path encodings are a promising direction.';
    const { summary } = composeSummary([...base, found, lesson], [...baseRoles, 'method', 'result']);
    expect(summary.result).toBe(found);
    expect(summary.conclusion).toBe(lesson);
    const alone = composeSummary([...base, lesson], [...baseRoles, 'result']).summary;
    expect([alone.result, alone.conclusion]).toEqual([NOT_STATED, lesson]);
  });

  it('takes an empirical finding the classifier put elsewhere: "reveal", "demonstrate the superior…", "2x speedup"', () => {
    for (const finding of [
      'Our experiments reveal a critical trade-off between flexibility and interpretability.',
      'We apply the framework to sparse logistic regression and demonstrate the superior predictive performance of our method in extensive numerical studies.',
      'Experiments show 2x speedup.',
    ]) {
      const { summary } = composeSummary([...base, finding], [...baseRoles, finding.startsWith('Exp') ? 'other' : 'method']);
      expect(summary.result).toBe(finding);
      expect(Object.values(summary).filter((v) => v === finding)).toHaveLength(1);
    }
  });
});

describe('asides', () => {
  const roles: SentenceRole[] = ['background', 'objective', 'method'];
  it('skips only sentences saying where code, data or supplementary material is', () => {
    for (const kept of ['We use depth maps as a supplementary input to the encoder.', 'Pretrained models are available for many languages, yet quality varies widely.', 'Many models have been released in recent years, but few are calibrated.']) {
      const { summary } = composeSummary([kept, S[2]!, S[3]!], roles);
      expect(summary.motivation).toBe(kept);
    }
    for (const aside of ['Supplementary material is available online.', 'All model implementations and training code will be fully open sourced.', 'The code and data are released under an Apache 2.0 license.', 'Our datasets and models will be released to facilitate future research.']) {
      expect(composeSummary([S[2]!, S[3]!, aside], ['objective', 'method', 'result']).summary.result).toBe(NOT_STATED);
    }
  });
});

describe('one sentence over the length cap', () => {
  it('shows the clause carrying the finding in the Result instead of repeating the TL;DR cut', () => {
    const head = `We present a long study of ${'methods, datasets and evaluation protocols, '.repeat(9)}`;
    const tail = 'we find that our approach consistently improves accuracy by 4.2% on average while reducing cost by 35%';
    const { summary, sources } = composeSummary([`${head}and ${tail}.`], ['result']);
    expect(summary.tldr.endsWith('…')).toBe(true);
    expect(summary.result).toBe(`…${tail}.`);
    expect(sources.result).toBe('result');
    const short = `${head.slice(0, 200)}and ${tail}.`;
    expect(composeSummary([short], ['result']).summary.result).toBe(short);
  });
});
