import { describe, expect, it } from 'vitest';
import { bestTime, fill } from '../test/helpers/linear-time.js';
import { mathRanges, splitMath } from './math-split.js';
import type { Segment } from './math-split.js';

const shape = (segs: Segment[]): string[] => segs.map((s) => (s.kind === 'text' ? `T:${s.text}` : `${s.display ? 'D' : 'M'}:${s.tex}`));

describe('splitMath', () => {
  it('finds the four delimiters and keeps the text between them as text', () => {
    expect(shape(splitMath('a $x^2$ b $$\\sum_i x_i$$ c \\(y\\) d \\[z\\] e'))).toEqual([
      'T:a ', 'M:x^2', 'T: b ', 'D:\\sum_i x_i', 'T: c ', 'M:y', 'T: d ', 'D:z', 'T: e',
    ]);
  });

  it('leaves prices, escaped dollars and unclosed delimiters as text', () => {
    expect(shape(splitMath('costs $5 and $10 today'))).toEqual(['T:costs $5 and $10 today']);
    expect(shape(splitMath('a \\$ sign and $x$'))).toEqual(['T:a $ sign and ', 'M:x']);
    expect(shape(splitMath('open $x and never closed'))).toEqual(['T:open $x and never closed']);
    expect(shape(splitMath('\\( never closed'))).toEqual(['T:\\( never closed']);
    expect(shape(splitMath('$ x$ has a space after the opener'))).toEqual(['T:$ x$ has a space after the opener']);
  });

  it('does not pair a price with a later closing dollar, and still finds the real math after it', () => {
    const abstract = 'Training costs $5 to $10 per run. CheapNet costs $5. We show that it saves $1M per year, while $x$ remains and $y = 2$ holds.';
    expect(shape(splitMath(abstract)).filter((s) => s.startsWith('M:'))).toEqual(['M:x', 'M:y = 2']);
    expect(shape(splitMath('Dollar title $1M prize and $x$'))).toEqual(['T:Dollar title $1M prize and ', 'M:x']);
    expect(shape(splitMath('a US$3 grant and $1.5 billion while x$ grows'))).toEqual(['T:a US$3 grant and $1.5 billion while x$ grows']);
    expect(shape(splitMath('costs $5. We then fix x$ here'))).toEqual(['T:costs $5. We then fix x$ here']);
  });

  it('keeps math that starts with a digit', () => {
    const spans = ['$1$', '$100$', '$12\\%$', '$3 \\times 3$', '$2 \\leq k$', '$0.5n$', '$10^{-3}$'];
    for (const s of spans) expect(shape(splitMath(`a ${s} b`))).toEqual(['T:a ', `M:${s.slice(1, -1)}`, 'T: b']);
  });

  it('gives the place of each span in the source (an escaped dollar is never part of one)', () => {
    expect(mathRanges('\\$5 and $x$, \\(y\\)')).toEqual([
      { start: 8, end: 11, tex: 'x', display: false },
      { start: 13, end: 18, tex: 'y', display: false },
    ]);
  });

  it('keeps HTML inside math as TeX source, for KaTeX to render as text', () => {
    const segs = splitMath('$<img src=x onerror=alert(1)>$');
    expect(segs).toEqual([{ kind: 'math', tex: '<img src=x onerror=alert(1)>', display: false, source: '$<img src=x onerror=alert(1)>$' }]);
  });

  it('records the source of each span (shown until KaTeX loads)', () => {
    expect(splitMath('\\(a\\)')).toEqual([{ kind: 'math', tex: 'a', display: false, source: '\\(a\\)' }]);
  });

  it('looks for each closing delimiter once per pass: unclosed openers cost no more than ordinary math', () => {
    const SIZE = 150_000;
    const time = (unit: string): number => bestTime(mathRanges, fill(unit, SIZE));
    const normal = time('We bound $x^2$ by \\(y\\) and $$z$$ for costs of $5 and $10. ');
    // Searching afresh from every opener took `$a ` repeated to 48 KB 12 s.
    for (const unit of ['$a ', '\\(a ', '\\[a ', '$$a ', 'x$ ', '$5 ']) expect({ unit, slow: time(unit) / normal > 20 }).toEqual({ unit, slow: false });
  }, 120_000);
});

