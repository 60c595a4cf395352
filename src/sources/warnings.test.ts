import { describe, expect, it } from 'vitest';
import type { Problem } from '../types.js';
import { fetchWarnings } from './warnings.js';

const p = (code: string, message: string, stage: Problem['stage'] = 'fetch'): Problem => ({ stage, code, message });

describe('fetchWarnings', () => {
  it('gives one line per kind of fetch problem, counting the rest of its kind', () => {
    const lines = fetchWarnings([
      p('filled-from-listing', 'cs.LG: added 5'),
      p('filled-from-listing', 'stat.ML: added 2'),
      p('listing-failed', 'math.OC: no cross-check'),
      p('reconstructed', 'rebuilt'),
      p('stand-in', 'other settings', 'summarize'),
    ]);
    expect(lines).toEqual([
      'warning: cs.LG: added 5 (and 1 more like it in run-report.json)',
      'warning: math.OC: no cross-check',
    ]);
  });

  it('prints no control sequence or bidi override a message quotes from a feed', () => {
    const [line] = fetchWarnings([p('listing-failed', 'cs.LG: \u001b]0;PWNED\u0007\u001b[2J\u009b31m no cross-check \u202egnp.exe')]);
    expect(line).toBe('warning: cs.LG: ]0;PWNED[2J31m no cross-check gnp.exe');
  });
});
