import { describe, expect, it } from 'vitest';
import { arxivYear, bibtexEntry, bibtexValue, toBibtex } from './bibtex.js';
import type { FavouriteRef } from './state.js';

const fav = (over: Partial<FavouriteRef> = {}): FavouriteRef => ({
  id: '2601.20868',
  version: 2,
  title: 'Rethinking $\\mathcal{O}(n)$ Design: 100% & more_things',
  authors: ['Rongzheng Wang', 'Kurt Gödel'],
  date: '2026-01-30',
  primary: 'cs.LG',
  added: '2026-01-30T10:00:00.000Z',
  ...over,
});

describe('BibTeX export', () => {
  it('writes an arXiv-style @misc entry', () => {
    expect(bibtexEntry(fav())).toBe(
      [
        '@misc{arXiv:2601.20868,',
        '  title         = {Rethinking $\\mathcal{O}(n)$ Design: 100\\% \\& more\\_things},',
        '  author        = {Rongzheng Wang and Kurt Gödel},',
        '  year          = {2026},',
        '  eprint        = {2601.20868},',
        '  archivePrefix = {arXiv},',
        '  primaryClass  = {cs.LG},',
        '  url           = {https://arxiv.org/abs/2601.20868v2}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes braces so a field can never end early, and drops unbalanced math to text', () => {
    expect(bibtexValue('a} , title = {evil')).toBe('a\\} , title = \\{evil');
    expect(bibtexValue('$x}$ then')).toBe('\\$x\\}\\$ then');
    expect(bibtexValue('back\\slash ~ ^')).toBe('back\\textbackslash{}slash \\textasciitilde{} \\textasciicircum{}');
  });

  it('writes text-mode formatting as LaTeX again, escaping the text inside and around it', () => {
    expect(bibtexValue('\\textbf{bold} and \\emph{\\texttt{code}} in $\\frac{a}{b}$ at 50\\% & 5_000')).toBe(
      '\\textbf{bold} and \\emph{\\texttt{code}} in $\\frac{a}{b}$ at 50\\% \\& 5\\_000',
    );
    expect(bibtexValue('\\textit{a_b} \\textbf{x {y} \\& z}')).toBe('\\emph{a\\_b} \\textbf{x \\{y\\} \\& z}');
    // A macro the reader does not know, or a formatting group that does not close, stays escaped text.
    expect(bibtexValue('\\ORDebug{} \\textbf{open')).toBe('\\textbackslash{}ORDebug\\{\\} \\textbackslash{}textbf\\{open');
  });

  it('escapes %, # and & inside math, whose bare forms break the build', () => {
    expect(bibtexValue('Reaching $99%$ and $a#b & c$ with $\\mathcal{O}(n)$, $\\alpha$, $x^2_i$ and $50\\%$')).toBe(
      'Reaching $99\\%$ and $a\\#b \\& c$ with $\\mathcal{O}(n)$, $\\alpha$, $x^2_i$ and $50\\%$',
    );
  });

  it('writes math with a control sequence that does more than typeset as inert text', () => {
    for (const evil of ['\\input{/etc/hostname}', '\\def\\x{y}', '\\immediate\\write18{rm -rf ~}', '\\openin', '\\catcode`\\^=7', '^^5cinput{x}', '\\csname input\\endcsname', '\\text{\\input{x}}']) {
      const value = bibtexValue(`ok $\\alpha$ and $a${evil}$`);
      expect(value.startsWith('ok $\\alpha$ and \\$a')).toBe(true);
      // Every backslash left is an escape of ours (\$, \{, \textbackslash{}, …), never a command from the title.
      expect(value.slice('ok $\\alpha$ and '.length)).not.toMatch(/\\(?!textbackslash\{\}|textasciicircum\{\}|textasciitilde\{\}|[{}$%#&_])/);
    }
    expect(bibtexValue('$a\\input{/etc/hostname}$')).toBe('\\$a\\textbackslash{}input\\{/etc/hostname\\}\\$');
  });

  it('takes the year from the id, old and new style', () => {
    expect([arxivYear('2601.20868', '2030-01-01'), arxivYear('0704.0001', ''), arxivYear('hep-th/9901001', ''), arxivYear('math/0309136', '')]).toEqual(['2026', '2007', '1999', '2003']);
    expect(bibtexEntry(fav({ id: 'hep-th/9901001' }))).toMatch(/^@misc\{arXiv:hep-th_9901001,/);
  });

  it('joins entries with a blank line', () => {
    expect(toBibtex([fav(), fav({ id: '2601.00001' })]).split('\n\n')).toHaveLength(2);
  });
});
