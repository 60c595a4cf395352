import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('writes braces that do not pair up as \\textbrace… (BibTeX counts \\{ too), and drops unbalanced math to text', () => {
    expect(bibtexValue('a} , title = {evil')).toBe('a\\textbraceright{} , title = \\textbraceleft{}evil');
    expect(bibtexValue('Bob {Jones')).toBe('Bob \\textbraceleft{}Jones');
    expect(bibtexValue('$x}$ then')).toBe('\\$x\\textbraceright{}\\$ then');
    // Escaped braces count for BibTeX, so this is not math that can be pasted: it is written as text.
    expect(bibtexValue('$f(x) = \\left\\{ x \\right.$')).toBe(
      '\\$f(x) = \\textbackslash{}left\\textbackslash{}\\textbraceleft{} x \\textbackslash{}right.\\$',
    );
    expect(bibtexValue('$\\{x\\}$ and {y}')).toBe('$\\{x\\}$ and \\{y\\}');
    expect(bibtexValue('back\\slash ~ ^')).toBe('back\\textbackslash{}slash \\textasciitilde{} \\textasciicircum{}');
  });

  it('writes text-mode formatting as LaTeX again, escaping the text inside and around it', () => {
    expect(bibtexValue('\\textbf{bold} and \\emph{\\texttt{code}} in $\\frac{a}{b}$ at 50\\% & 5_000')).toBe(
      '\\textbf{bold} and \\emph{\\texttt{code}} in $\\frac{a}{b}$ at 50\\% \\& 5\\_000',
    );
    expect(bibtexValue('\\textit{a_b} \\textbf{x {y} \\& z}')).toBe('\\emph{a\\_b} \\textbf{x \\{y\\} \\& z}');
    // A macro the reader does not know, or a formatting group that does not close, stays escaped text.
    expect(bibtexValue('\\ORDebug{} \\textbf{open')).toBe('\\textbackslash{}ORDebug\\{\\} \\textbackslash{}textbf\\textbraceleft{}open');
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

/** Titles and names that once ended a field early: stray braces, escaped or not, in text and in math. */
const HOSTILE = [
  'Evil} , note = {INJECTED',
  'Bob {Jones',
  '$f(x) = \\left\\{ x \\right.$',
  'Unclosed $\\frac{a$',
  '\\textbf{open { and } close}} {',
  '$\\}x\\{$ and \\} then \\{',
  '}}}{{{',
  '\\emph{a}b}',
];

/** A deterministic mix of the characters and macros that matter to BibTeX and LaTeX. */
function fuzzed(count: number): string[] {
  const parts = ['{', '}', '\\', '\\{', '\\}', '$', ',', ' ', 'a', ' and ', '%', '#', '&', '_', '^', '~', '\\textbf{', '\\emph{', '\\alpha', '\\left\\{'];
  let seed = 7;
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  return Array.from({ length: count }, () => Array.from({ length: 1 + next(24) }, () => parts[next(parts.length)]).join(''));
}

/** The field names of one entry read as BibTeX reads it: a value ends at the brace that closes its own. */
function bibtexFields(entry: string): string[] {
  const names: string[] = [];
  const field = /\s*(\w+)\s*=\s*\{/y;
  field.lastIndex = entry.indexOf(',') + 1;
  for (let m = field.exec(entry); m; m = field.exec(entry)) {
    names.push(m[1]!);
    let depth = 1;
    let i = field.lastIndex;
    for (; depth > 0 && i < entry.length; i++) depth += entry[i] === '{' ? 1 : entry[i] === '}' ? -1 : 0;
    if (depth > 0) return [...names, '(runaway)'];
    if (entry[i] !== ',') return entry.slice(i).trim() === '}' ? names : [...names, '(junk after field)'];
    field.lastIndex = i + 1;
  }
  return names;
}

describe('BibTeX export of hostile titles and names', () => {
  const FIELDS = ['title', 'author', 'year', 'eprint', 'archivePrefix', 'primaryClass', 'url'];

  it('every field of every entry balances its braces as BibTeX counts them (escaped ones too)', () => {
    const texts = [...HOSTILE, ...fuzzed(500)];
    for (const text of texts) {
      const entry = bibtexEntry(fav({ title: text, authors: ['Alice Smith', text] }));
      expect(bibtexFields(entry), `${JSON.stringify(text)} →\n${entry}`).toEqual(FIELDS);
    }
  });

  const bibtex = spawnSync('bibtex', ['--version'], { encoding: 'utf8' });
  // bibtex is not something CI installs (the brace test above is the check there); where TeX Live is installed
  // the export goes through the real program too.
  it.runIf(!bibtex.error)('real bibtex reads the export without an error (skipped: no bibtex binary)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-bibtex-'));
    try {
      const favs = HOSTILE.map((t, i) => fav({ id: `2601.${String(i).padStart(5, '0')}`, title: t, authors: ['Alice Smith', t] }));
      writeFileSync(join(dir, 'fav.bib'), toBibtex(favs));
      writeFileSync(join(dir, 'fav.aux'), '\\citation{*}\n\\bibdata{fav}\n\\bibstyle{plain}\n');
      const run = spawnSync('bibtex', ['fav'], { cwd: dir, encoding: 'utf8' });
      expect(run.stdout).not.toMatch(/error message|Warning/);
      expect(run.status).toBe(0);
      expect(readFileSync(join(dir, 'fav.bbl'), 'utf8').match(/\\bibitem/g)).toHaveLength(HOSTILE.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
