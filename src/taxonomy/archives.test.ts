import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { archiveOf, categoriesOf, covers, expandArchives, inCategory, isArchive, validateCategories } from './index.js';

describe('archives', () => {
  it('knows the 20 archives, one-category archives (hep-th) included, and no legacy or unknown id', () => {
    for (const a of ['cs', 'math', 'q-bio', 'astro-ph', 'physics', 'hep-th', 'quant-ph']) expect(isArchive(a)).toBe(true);
    for (const x of ['cs.LG', 'alg-geom', 'bio', '']) expect(isArchive(x)).toBe(false);
    expect(archiveOf('cs.LG')).toBe('cs');
    expect(archiveOf('hep-th')).toBe('hep-th');
  });

  it('lists an archive as its canonical categories in taxonomy order (cs.SY as eess.SY)', () => {
    const cs = categoriesOf('cs');
    expect(cs.slice(0, 3)).toEqual(['cs.AI', 'cs.AR', 'cs.CC']);
    expect(cs).toContain('eess.SY');
    expect(cs).not.toContain('cs.SY');
    expect(categoriesOf('hep-th')).toEqual(['hep-th']);
    expect(categoriesOf('stat.ML')).toEqual(['stat.ML']);
    expect(expandArchives(['stat.ML', 'q-bio', 'stat.ML'])).toEqual(['stat.ML', ...categoriesOf('q-bio')]);
  });

  it('matches papers and coverage through archives', () => {
    expect(inCategory(['eess.SY'], 'cs')).toBe(true);
    expect(inCategory(['cs.LG'], 'cs')).toBe(true);
    expect(inCategory(['cs.LGX'], 'cs.LG')).toBe(false);
    expect(covers(['cs', 'stat.ML'], 'cs.CV')).toBe(true);
    expect(covers(['cs.LG', 'stat.ML'], 'cs')).toBe(false);
    expect(covers(['cs.LG'], 'math.AG')).toBe(false);
  });

  it('accepts archive ids as categories, and keeps sensible hints for retired ones and typos', () => {
    expect(validateCategories(['cs.LG', 'q-bio', 'cs'])).toEqual(['cs.LG', 'q-bio', 'cs']);
    expect(() => validateCategories(['alg-geom'])).toThrow('"alg-geom" is a retired archive; did you mean math.AG?');
    expect(() => validateCategories(['cs.LGG'])).toThrow(ConfigError);
    expect(() => validateCategories(['cs.LGG'])).toThrow('did you mean cs.LG?');
  });
});
