import { describe, expect, it } from 'vitest';
import { splitMath } from './math-split.js';
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

  it('keeps HTML inside math as TeX source, for KaTeX to render as text', () => {
    const segs = splitMath('$<img src=x onerror=alert(1)>$');
    expect(segs).toEqual([{ kind: 'math', tex: '<img src=x onerror=alert(1)>', display: false, source: '$<img src=x onerror=alert(1)>$' }]);
  });

  it('records the source of each span (shown until KaTeX loads)', () => {
    expect(splitMath('\\(a\\)')).toEqual([{ kind: 'math', tex: 'a', display: false, source: '\\(a\\)' }]);
  });
});
