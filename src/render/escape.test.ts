import { describe, expect, it } from 'vitest';
import { htmlText, tagCounts, toHtml } from '../../test/render/html.js';
import { cleanText, escapeAttribute, escapeAuthor, escapeInline } from './escape.js';

/** What a reader sees for one escaped field written as `Label: …` in a paragraph, and which tags it made. */
function rendered(text: string): { text: string; tags: Record<string, number> } {
  const html = toHtml(`Label: ${escapeInline(text)}\n`);
  return { text: htmlText(html).trim(), tags: tagCounts(html) };
}

describe('cleanText', () => {
  it('collapses newlines, tabs and runs of spaces into single spaces and trims', () => {
    expect(cleanText('  a\n\n  b\tc\r\nd  ')).toBe('a b c d');
  });

  it('removes control characters and bidi overrides but keeps letters, math and no-break spaces', () => {
    expect(cleanText('a\u0000b\u0007c\u001b[31md\u007f\u0085e\u202ef\u2066g\uFEFF')).toBe('abc[31md efg');
    expect(cleanText('x\u00a0y $\\alpha$ é')).toBe('x\u00a0y $\\alpha$ é');
    // Invisible separators go; the joiners that scripts and emoji need stay.
    expect(cleanText('Trans\u200Bfor\u2060mer a\u2062b')).toBe('Transformer ab');
    expect(cleanText('می\u200Cخواهم 👩\u200D💻')).toBe('می\u200Cخواهم 👩\u200D💻');
  });

  it('turns line and paragraph separators into spaces', () => {
    expect(cleanText('a\u2028b\u2029c')).toBe('a b c');
  });
});

describe('escapeInline', () => {
  const hostile = [
    '<img src=x onerror=alert(1)>',
    '</details>',
    '<script>alert(1)</script>',
    '[x](javascript:alert(1))',
    '![i](x.png)',
    '*a* **b** _c_ __d__ ~e~ ~~f~~ `g`',
    '# h\n> q\n- l\n1. n\n---\n===',
    'a\\*b\\_c\\ trailing\\',
    '&amp; &lt; &#42; &copy;',
    '[^1] and [ref][1]',
    'x_{1} and }_{2} and \\{0,1\\}',
    'a_b_ c_ _d y_{i}_{j} z__w__',
  ];

  it.each(hostile)('shows %j literally and makes no HTML of its own', (input) => {
    const out = rendered(input);
    expect(out.text).toBe(`Label: ${cleanText(input)}`);
    expect(out.tags).toEqual({ p: 1 });
  });

  it('leaves no raw <, >, [, ], `, * or newline in its output', () => {
    for (const input of hostile) expect(escapeInline(input)).not.toMatch(/[<>[\]`*\n]/);
  });

  it('encodes & so existing character references show as written', () => {
    expect(escapeInline('H&E &amp;')).toBe('H&amp;E &amp;amp;');
  });

  it('keeps underscores after letters or digits, and math without backslashes added', () => {
    expect(escapeInline('snake_case $x_i + y_{j}$')).toBe('snake_case $x_i + y_{j}$');
    expect(escapeInline('$\\hat{x}_{1}$')).toBe('$\\hat{x}&#95;{1}$');
    expect(escapeInline('$\\{0,1\\}^n$')).toBe('$&#92;{0,1&#92;}^n$');
  });

  it('keeps ~ after a slash (URLs) where it can only open, and _ after a letter where it can only close', () => {
    expect(escapeInline('https://cs.example.edu/~user/x_y/')).toBe('https://cs.example.edu/~user/x_y/');
    expect(rendered('https://cs.example.edu/~a/ and /~b/ x~ y_ a_b_ /_c_').tags).toEqual({ p: 1, a: 1 });
    expect(escapeInline('~a~ _b_ /_c')).toBe('&#126;a&#126; &#95;b_ /&#95;c');
  });

  it('renders the same inside a raw HTML block, where Markdown escapes would show', () => {
    const input = '*a* _b_ [c] <d> \\{';
    const html = toHtml(`<details>\n  <summary>Details</summary>\nMotivation: ${escapeInline(input)}\n\n</details>\n`);
    expect(htmlText(html)).toContain(`Motivation: ${input}`);
    expect(tagCounts(html)).toEqual({ details: 1, summary: 1 });
  });
});

describe('escapeAuthor', () => {
  it('writes commas, stars and underscores as references so the a,b,c line keeps one name per comma', () => {
    expect(escapeAuthor('Smith, Jr.')).toBe('Smith&#44; Jr.');
    expect(escapeAuthor('E*vil_Name')).toBe('E&#42;vil&#95;Name');
    const line = `*${['Smith, Jr.', '*Star*', '_Under_', 'A\nB'].map(escapeAuthor).join(',')}*`;
    expect(line.slice(1, -1).split(',')).toHaveLength(4);
    const html = toHtml(`${line}\n`);
    expect(tagCounts(html)).toEqual({ p: 1, em: 1 });
    expect(htmlText(html).trim()).toBe('Smith, Jr.,*Star*,_Under_,A B');
  });
});

describe('escapeAttribute', () => {
  it('cannot leave a single-quoted attribute', () => {
    expect(escapeAttribute("cs.LG'><script>")).toBe('cs.LG&#39;&#62;&#60;script&#62;');
  });
});
