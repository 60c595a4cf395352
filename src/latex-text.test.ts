import { describe, expect, it } from 'vitest';
import { bestTime, fill } from '../test/helpers/linear-time.js';
import { latexPlain, latexRuns } from './latex-text.js';

const text = (t: string, style: Partial<{ bold: boolean; italic: boolean; mono: boolean; href: string }> = {}) => ({ kind: 'text', text: t, bold: false, italic: false, mono: false, ...style });

describe('latexRuns', () => {
  it('reads formatting macros as styles, nested ones combined', () => {
    expect(latexRuns('We present \\textbf{Flow Perturbation++}, a \\emph{variance-reduced} method.')).toEqual([
      text('We present '),
      text('Flow Perturbation++', { bold: true }),
      text(', a '),
      text('variance-reduced', { italic: true }),
      text(' method.'),
    ]);
    expect(latexRuns('\\textbf{bold \\textit{both}} \\texttt{code_x}')).toEqual([
      text('bold ', { bold: true }),
      text('both', { bold: true, italic: true }),
      text(' '),
      text('code_x', { mono: true }),
    ]);
  });

  it('drops macros that only change the font, reads escapes and TeX quotes', () => {
    expect(latexPlain("\\textsc{Bert} gains 5\\% on \\mbox{Q\\&A}: ``hard'' cases")).toBe('Bert gains 5% on Q&A: “hard” cases');
  });

  it('reads TeX dashes between words, and leaves spaced ones, flags, arrows and math alone', () => {
    expect(latexPlain('Kullback--Leibler bounds, pages 3--5, a---b')).toBe('Kullback–Leibler bounds, pages 3–5, a—b');
    expect(latexPlain('run --help, then a --> b, $a--b$, x -- y --- z and the end--')).toBe('run --help, then a --> b, $a--b$, x -- y --- z and the end--');
  });

  it('keeps URLs exactly as written: no dashes or quotes inside them, escapes read', () => {
    const url = 'https://github.com/ZhengyanHuan/The-Ensemble-Inverse-Problem--Applications-and-Methods';
    expect(latexPlain(`The codes are available at ${url}. Kullback--Leibler`)).toBe(`The codes are available at ${url}. Kullback–Leibler`);
    expect(latexPlain('see github.com/a/b--c, www.x.org/d---e and 3--5')).toBe('see github.com/a/b--c, www.x.org/d---e and 3–5');
    expect(latexPlain('code: github.com/foo/bar\\_baz')).toBe('code: github.com/foo/bar_baz');
  });

  it('reads \\url{u} as u and \\href{u}{t} as t (u), the runs carrying u as their link', () => {
    const u = 'https://github.com/ICML26-anon/XFactors';
    expect(latexRuns(`Code at \\href{${u}}{github.com/ICML26-anon/XFactors}.`)).toEqual([text('Code at '), text(u, { href: u }), text('.')]);
    expect(latexRuns('see \\url{https://x.org/a\\_b--c} and \\href{https://x.org}{our \\textbf{site}}')).toEqual([
      text('see '),
      text('https://x.org/a_b--c', { href: 'https://x.org/a_b--c' }),
      text(' and '),
      text('our ', { href: 'https://x.org' }),
      text('site', { bold: true, href: 'https://x.org' }),
      text(' (https://x.org)', { href: 'https://x.org' }),
    ]);
    expect(latexPlain('\\href{javascript:alert(1)}{click} \\url{open')).toBe('click (javascript:alert(1)) \\url{open');
  });

  it('leaves math whole, unknown macros and unclosed braces as written', () => {
    const runs = latexRuns('\\textbf{\\ORDebug{}} with $\\textbf{x}_1$ and \\textit{open');
    expect(runs).toEqual([
      text('\\ORDebug{}', { bold: true }),
      text(' with '),
      { kind: 'math', tex: '\\textbf{x}_1', display: false, source: '$\\textbf{x}_1$' },
      text(' and \\textit{open'),
    ]);
    expect(latexPlain('a \\{b\\} \\$5 \\alpha')).toBe('a \\{b\\} $5 \\alpha');
  });

  it('keeps hostile text as text: markup inside a macro is only characters', () => {
    expect(latexRuns('\\textbf{<script>alert(1)</script>}')).toEqual([text('<script>alert(1)</script>', { bold: true })]);
    expect(latexRuns('')).toEqual([]);
  });

  it('styles the text around math inside a formatting macro, and reads {\\em …} and {\\bf …} groups', () => {
    const math = (tex: string) => ({ kind: 'math', tex, display: false, source: `$${tex}$` });
    expect(latexRuns('\\textbf{$k$-means} clustering with \\emph{$\\alpha$-stable} noise')).toEqual([
      math('k'),
      text('-means', { bold: true }),
      text(' clustering with '),
      math('\\alpha'),
      text('-stable', { italic: true }),
      text(' noise'),
    ]);
    expect(latexRuns('{\\em robust} and {\\bf fast $x$} {\\bf\\em both}')).toEqual([
      text('robust', { italic: true }),
      text(' and '),
      text('fast ', { bold: true }),
      math('x'),
      text(' '),
      text('both', { bold: true, italic: true }),
    ]);
    expect(latexPlain('{\\rm plain} {\\em open and \\{\\em x\\} {\\foo y}')).toBe('plain {\\em open and \\{\\em x\\} {\\foo y}');
    expect(latexPlain('\\toString{x} {\\constructor y}')).toBe('\\toString{x} {\\constructor y}');
  });

  it('reads TeX accents and special letters outside math, braces around one letter dropped', () => {
    expect(latexPlain('Schr\\"odinger, Poincar{\\\'e}, Ana M\\"uller, \\\'{\\i}, Erd\\H{o}s, Stra{\\ss}e, Stra\\ss e')).toBe(
      'Schrödinger, Poincaré, Ana Müller, í, Erdős, Straße, Straße',
    );
    expect(latexPlain('\\o, \\O, \\l{}, \\L, \\aa, \\ae, \\c{c}, \\c c, \\v{s}, \\~n, Pe\\~{n}a, \\`a, \\^o, \\=a, \\.Z, \\r{u}, \\k{a}, \\u{g}')).toBe(
      'ø, Ø, ł, Ł, å, æ, ç, ç, š, ñ, Peña, à, ô, ā, Ż, ů, ą, ğ',
    );
    expect(latexRuns('\\textbf{G\\"odel} and $\\"o$')).toEqual([text('Gödel', { bold: true }), text(' and '), { kind: 'math', tex: '\\"o', display: false, source: '$\\"o$' }]);
    // Not accents: a code point written out, a word macro, braces of their own, a URL's tilde.
    expect(latexPlain('\\u00e9 \\label{x} \\lambda {a} \\{b\\} x.edu/\\~me')).toBe('\\u00e9 \\label{x} \\lambda {a} \\{b\\} x.edu/~me');
  });
});

describe('latexRuns on hostile input', () => {
  const SIZE = 150_000;
  const time = (input: string): number => bestTime(latexRuns, input);
  const NORMAL = "We study \\emph{robust} $k$-means with 5\\% noise, see github.com/a/b--c and ``Schr\\\"odinger''. ";
  const HOSTILE = ['$a ', '\\emph{a ', '\\(a ', '\\[a ', '$$a ', '{\\em a ', '\\href{a}{b ', '\\url{', 'a-', 'a.a.', '``a ', '$5 ', 'x$ ', '{\\\'e} ', '\\textbf{$a$'];

  // Quadratic time took a 48 KB abstract of `$a ` 12 s per call, and 200 KB of `a-a-…` 47 s; linear time keeps
  // every one of these within a small multiple of an ordinary abstract of the same length.
  let normal = 0;
  it.each(HOSTILE)('takes time in proportion to length for %j repeated to 150 KB', (unit) => {
    normal ||= time(fill(NORMAL, SIZE));
    expect(time(fill(unit, SIZE)) / normal).toBeLessThan(20);
  }, 120_000);

  it('reads 10,000 nested macros without exhausting the stack', () => {
    const runs = latexRuns(`${'\\textbf{'.repeat(10_000)}deep${'}'.repeat(10_000)}`);
    expect(latexPlain(runs.map((r) => (r.kind === 'text' ? r.text : r.source)).join(''))).toContain('deep');
    expect(runs[0]).toMatchObject({ kind: 'text', bold: true });
  });
});

