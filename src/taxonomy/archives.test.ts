import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { archiveOf, categoriesOf, covers, expandArchives, filterCategories, inCategory, isArchive, validateCategories } from './index.js';

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

  it('filters by what stored papers carry: an archive also as its legacy id, a category also as the archive it subsumed', () => {
    // Before the split (astro-ph in 2009, cond-mat in 1998, q-bio's first papers) a paper carried the bare id.
    for (const a of ['astro-ph', 'q-bio']) expect(filterCategories([a])).toEqual([...categoriesOf(a), a]);
    expect(filterCategories(['cond-mat'])).toEqual([...categoriesOf('cond-mat'), 'mtrl-th', 'supr-con', 'cond-mat']);
    expect(filterCategories(['cond-mat.supr-con'])).toEqual(['cond-mat.supr-con', 'supr-con']);
    expect(filterCategories(['cs.CL', 'stat.ML'])).toEqual(['cs.CL', 'cmp-lg', 'stat.ML']);
    expect(filterCategories(['cs'])).toContain('cmp-lg');
    expect(filterCategories(['cs'])).not.toContain('cs');
    expect(filterCategories(['hep-th', 'cs.LG'])).toEqual(['hep-th', 'cs.LG']);
    // The digest's expansion is unchanged: a feed lists active categories only.
    expect(expandArchives(['astro-ph'])).not.toContain('astro-ph');
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
