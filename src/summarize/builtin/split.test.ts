import { describe, expect, it } from 'vitest';
import { splitSentences } from './split.js';

describe('splitSentences', () => {
  it('does not split after e.g., i.e., et al., Fig. or inside decimals', () => {
    expect(splitSentences('We use optimisers, e.g. SGD and Adam, i.e. First-order ones. Smith et al. Showed gains of 3.5 points in Fig. 2. It works.')).toEqual([
      'We use optimisers, e.g. SGD and Adam, i.e. First-order ones.',
      'Smith et al. Showed gains of 3.5 points in Fig. 2.',
      'It works.',
    ]);
  });

  it('keeps LaTeX spans and URLs whole even when they contain periods', () => {
    expect(splitSentences('It runs in $O(n^{1.5}). T$ time. Code is at https://github.com/org/repo.v2. We release it.')).toEqual([
      'It runs in $O(n^{1.5}). T$ time.',
      'Code is at https://github.com/org/repo.v2.',
      'We release it.',
    ]);
  });

  it('joins hard line breaks inside a sentence and keeps enumerations in their sentence', () => {
    expect(splitSentences('Two issues remain:\n(1) speed; (2) memory. We fix both\nwith one\n  method.')).toEqual([
      'Two issues remain: (1) speed; (2) memory.',
      'We fix both with one method.',
    ]);
  });

  it('handles versions, question marks, exclamations and lowercase continuations', () => {
    expect(splitSentences('Version v1.2 of GPT-4.5 is out. Is it better? Yes! It is approx. two times faster.')).toEqual([
      'Version v1.2 of GPT-4.5 is out.',
      'Is it better?',
      'Yes!',
      'It is approx. two times faster.',
    ]);
  });

  it('treats a capital initial as a name unless a typical sentence opener follows', () => {
    expect(splitSentences('As J. Smith noted, method X. We then extend X to graphs.')).toEqual([
      'As J. Smith noted, method X.',
      'We then extend X to graphs.',
    ]);
  });

  it('splits where the space after a period was lost, but only before a plain sentence opener', () => {
    expect(splitSentences('GBPO fails in high-noise environments.To address this, we propose SAGE.')).toEqual([
      'GBPO fails in high-noise environments.',
      'To address this, we propose SAGE.',
    ]);
    expect(splitSentences('EA needs long-range dependencies across KG structuresTo address this challenge, we propose a model.')).toEqual([
      'EA needs long-range dependencies across KG structures.',
      'To address this challenge, we propose a model.',
    ]);
    const whole = ['We subclass nn.Module and call torch.Tensor methods.', 'Results follow Smith et al.The method is new.'];
    expect(splitSentences(whole[0]!)).toEqual([whole[0]]);
    expect(splitSentences(whole[1]!)).toEqual([whole[1]]);
  });

  it('ends a sentence after "et al.", an initial or a name before a plain opener, and before a "mBERT"-like name', () => {
    expect(splitSentences('This extends the analysis of Smith et al. We propose EtalNet.')).toEqual([
      'This extends the analysis of Smith et al.',
      'We propose EtalNet.',
    ]);
    expect(splitSentences('We propose model C. Next, we evaluate it. Then we use model D. Thus it works.')).toEqual([
      'We propose model C.',
      'Next, we evaluate it.',
      'Then we use model D.',
      'Thus it works.',
    ]);
    expect(splitSentences('We evaluate on XNLI. mBERT performs poorly. We tried word2vec. pH matters, e.g. iPhone data.')).toEqual([
      'We evaluate on XNLI.',
      'mBERT performs poorly.',
      'We tried word2vec.',
      'pH matters, e.g. iPhone data.',
    ]);
    expect(splitSentences('As in J. mBERT work, it is fine.')).toEqual(['As in J. mBERT work, it is fine.']);
  });

  it('reads "$5" as money, not as the start of a math span, and keeps real math whole (the renderer\'s spans)', () => {
    expect(splitSentences('Training costs $5 to $10 per run. We propose CheapNet, which costs $5. We show that it saves $1M per year, while $x.y$ holds.')).toEqual([
      'Training costs $5 to $10 per run.',
      'We propose CheapNet, which costs $5.',
      'We show that it saves $1M per year, while $x.y$ holds.',
    ]);
    expect(splitSentences('We use $2.5$ and $5 \\times 10.5^{3}$ and $1, 2. \\dots, n$ here. It works.')).toEqual([
      'We use $2.5$ and $5 \\times 10.5^{3}$ and $1, 2. \\dots, n$ here.',
      'It works.',
    ]);
  });

  it('returns [] for blank text and the text itself when there is no terminator', () => {
    expect(splitSentences('  \n ')).toEqual([]);
    expect(splitSentences('A title-like abstract without a period')).toEqual(['A title-like abstract without a period']);
  });
});
