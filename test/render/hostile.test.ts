/**
 * Hostile titles, authors, summaries, abstracts and comments: rendered to HTML by a real CommonMark + GFM
 * parser, they must show as the text they are, with no HTML, links, emphasis or blocks of their own, and the
 * digest must keep its structure (headings, details blocks, sections) exactly.
 */
import { describe, expect, it } from 'vitest';
import { cleanText, renderMarkdown } from '../../src/render/index.js';
import type { DigestEntry, Summary } from '../../src/types.js';
import { makeDigest, makeEntry, makeSummary } from '../fixtures/render/entries.js';
import { htmlText, hrefs, tagCounts, toHtml } from './html.js';
import { parseDigest } from './parse-digest.js';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</details><script>alert(1)</script><details>',
  '[x](javascript:alert(1)) and ![y](evil.png) and <javascript:alert(1)>',
  'Title] (evil) [',
  '*bold* _it_ **strong** __strong__ ~~gone~~ ~gone~ `code` ``more``',
  'line one\n# Heading\n## Sub\n> quote\n- item\n1. item\n\n---\n<div id=\'cs.LG\'></div>',
  'ctrl\u0000\u0007\u001b[31m red\u202e\u2066 bidi\u2028sep\u0085nel\r\nend',
  'entities &amp; &lt;b&gt; &#42; &copy; and a [^1] footnote',
  '\n\n### [999] [Fake](abs/0000.00000)\n*Fake Author*\n\nTL;DR: fake\n',
  'math $\\hat{x}_{1} + \\bar{y}_{2}$ and $\\{0,1\\}^n$ with x_i and snake_case_name and a trailing \\',
  '| a | b |\n| --- | --- |\n| c | d |',
];

/**
 * Bare URLs become GFM autolinks, which is wanted. micromark finds them in the raw source, so a URL glued to an
 * encoded character (`…example&gt;`) keeps the reference literally inside the link text (GitHub decodes first):
 * cosmetic, so these are checked for safe links only, not for text fidelity.
 */
const URLS = [
  'https://evil.example/path_(x) www.example.com user@example.com <https://evil.example> https://arxiv.org/abs/0000.00000',
  'javascript:alert(1) data:text/html,<b>x</b> [a](<javascript:alert(1)>) <javascript:alert(1)>',
  'see https://www.cs.example.edu/~user/x_y/page and ~user~ and x~y~',
];

function hostileSummary(i: number, texts = HOSTILE): Summary {
  const pick = (k: number): string => texts[(i + k) % texts.length] ?? '';
  return { tldr: pick(0), motivation: pick(1), method: pick(2), result: pick(3), conclusion: pick(4) };
}

function hostileEntries(texts: string[]): DigestEntry[] {
  return texts.map((text, i) =>
    makeEntry(
      { summary: { ...makeSummary(), summary: hostileSummary(i, texts) } },
      {
        id: `2601.${String(10001 + i)}`,
        title: text,
        authors: [text, 'Smith, Jr.', 'Evil*Author', '_Under_ Score', 'Name*'],
        abstract: texts[(i + 5) % texts.length] ?? '',
        comment: texts[(i + 6) % texts.length] ?? null,
      },
    ),
  );
}

function benignEntries(n: number): DigestEntry[] {
  return Array.from({ length: n }, (_, i) => makeEntry({}, { id: `2601.${String(20001 + i)}` }));
}

describe('hostile text in the Markdown digest', () => {
  const entries = hostileEntries(HOSTILE);
  const digest = makeDigest([
    ['cs.LG', entries.slice(0, 7)],
    ['stat.ML', entries.slice(7)],
  ]);
  const markdown = renderMarkdown(digest);
  const html = toHtml(markdown);

  it('keeps the structure of a benign digest of the same shape', () => {
    const benign = parseDigest(
      renderMarkdown(
        makeDigest([
          ['cs.LG', benignEntries(7)],
          ['stat.ML', benignEntries(entries.length - 7)],
        ]),
      ),
    );
    const parsed = parseDigest(markdown);
    expect(parsed.toc).toEqual(benign.toc);
    expect(parsed.sections.map((s) => s.entries.map((e) => e.n))).toEqual(
      benign.sections.map((s) => s.entries.map((e) => e.n)),
    );
    for (const entry of parsed.sections.flatMap((s) => s.entries)) {
      expect(entry.details.map((d) => d.label)).toEqual(['Motivation', 'Method', 'Result', 'Conclusion', 'Abstract']);
      expect(entry.url).toMatch(/^https:\/\/arxiv\.org\/abs\/2601\.1\d{4}$/);
    }
    expect(markdown.split('\n').filter((l) => l.startsWith('### '))).toHaveLength(entries.length);
  });

  it('produces only the HTML elements the layout itself makes', () => {
    const counts = tagCounts(html);
    const n = entries.length;
    const withComment = entries.filter((e) => cleanText(e.paper.comment ?? '') !== '').length;
    expect(counts).toEqual({
      div: 3,
      h1: 3,
      ul: 1,
      li: 2,
      h3: n,
      details: n,
      summary: n,
      em: n + 1, // the authors lines and the footer note
      hr: 1,
      // per entry: paragraphs for authors, Main category, links, TL;DR, Method, Result, Conclusion, Abstract
      // (Motivation sits in the raw <details> block), plus comments and the footer's two lines
      p: 8 * n + withComment + 2,
      // per entry: title, pdf and html links; plus the TOC's two and the sections' two [Back] links
      a: 3 * n + 4,
    });
    expect(html).not.toMatch(/<(script|img|strong|code|del|blockquote|h2|ol|table|sup|b)\b/i);
  });

  it('links only to arXiv and the sections, apart from bare http(s)/mail URLs that show their own address', () => {
    const urlHtml = toHtml(renderMarkdown(makeDigest([['cs.LG', hostileEntries(URLS)]])));
    const ours = /^(#(toc|cs\.LG)|https:\/\/arxiv\.org\/(abs|pdf|html)\/2601\.1000\d(v1)?)$/;
    const anchors = [...urlHtml.matchAll(/<a href="([^"]*)">(.*?)<\/a>/g)].map((m) => ({
      href: htmlText(m[1] ?? ''),
      text: htmlText(m[2] ?? ''),
    }));
    expect(anchors).toHaveLength(hrefs(urlHtml).length);
    const autolinks = anchors.filter((a) => !ours.test(a.href));
    expect(autolinks.length).toBeGreaterThan(0);
    for (const { href, text } of autolinks) {
      // An autolink is visible for what it is: its text is its address, never a disguise.
      expect(href, text).toMatch(/^(https?:\/\/|mailto:)/);
      expect(href.replace(/^mailto:/, '').replace(/^http:\/\/(?=www\.)/, '')).toBe(text);
    }
    expect(urlHtml).not.toMatch(/href="(javascript|data):/i);
    expect(urlHtml).not.toMatch(/<(b|del|strong|code)\b/);
    expect(urlHtml).toContain('<a href="https://www.cs.example.edu/~user/x_y/page">');
  });

  it('shows every title, author and summary field as its own text', () => {
    const headings = [...html.matchAll(/<h3>\[(\d+)\] <a href="[^"]*">(.*?)<\/a><\/h3>/g)];
    expect(headings.map((m) => htmlText(m[2] ?? ''))).toEqual(entries.map((e) => cleanText(e.paper.title)));
    const authorLines = [...html.matchAll(/^<p><em>(.*)<\/em><\/p>$/gm)].map((m) => htmlText(m[1] ?? ''));
    expect(authorLines.slice(0, entries.length)).toEqual(
      entries.map((e) => e.paper.authors.map(cleanText).join(',')),
    );
    for (const [i, entry] of entries.entries()) {
      const s = hostileSummary(i);
      const text = htmlText(html);
      for (const [label, value] of [
        ['TL;DR', s.tldr],
        ['Motivation', s.motivation],
        ['Method', s.method],
        ['Result', s.result],
        ['Conclusion', s.conclusion],
        ['Abstract', entry.paper.abstract],
      ] as const) {
        expect(text).toContain(`${label}: ${cleanText(value)}`);
      }
    }
  });
});

describe('text-mode LaTeX in the Markdown digest', () => {
  const title = '\\textbf{<img src=x onerror=alert(1)>} and \\emph{[x](javascript:alert(1))} in \\texttt{*a* _b_}';
  const motivation = 'Methods need \\emph{explicit equations}; costs fall 5\\% to $108M, with $\\textbf{x}_1$ kept.';
  const entry = makeEntry(
    { summary: { ...makeSummary(), summary: { ...makeSummary().summary, motivation } } },
    { id: '2601.30001', title, abstract: "We present \\textbf{Flow++}, ``fast'' and \\textit{\\textbf{exact}}." },
  );
  const html = toHtml(renderMarkdown(makeDigest([['cs.LG', [entry]]])));

  it('shows formatting as <b>, <i> and <code> around text only, in the title link and the raw details block alike', () => {
    const heading = /<h3>\[1\] <a href="[^"]*">(.*?)<\/a><\/h3>/.exec(html)?.[1] ?? '';
    expect(heading).toBe('<b>&lt;img src=x onerror=alert(1)&gt;</b> and <i>[x](javascript:alert(1))</i> in <code>*a* _b_</code>');
    expect(html).not.toMatch(/<img|href="javascript/i);
    expect(html).toContain('Motivation: Methods need <i>explicit equations</i>; costs');
    expect(htmlText(html)).toContain('Motivation: Methods need explicit equations; costs fall 5% to $108M, with $\\textbf{x}_1$ kept.');
    expect(htmlText(html)).toContain('Abstract: We present Flow++, “fast” and exact.');
    expect(html).toContain('<b><i>exact</i></b>');
  });

  it('styles the text around math inside a macro and reads TeX accents, in the title and the author line', () => {
    const accented = makeEntry({}, { id: '2601.30003', title: "\\textbf{$k$-means} for {\\em Schr\\\"odinger} bridges after Poincar{\\'e}", authors: ['Ana M\\"uller', 'Bob'] });
    const page = toHtml(renderMarkdown(makeDigest([['cs.LG', [accented]]])));
    const heading = /<h3>\[1\] <a href="[^"]*">(.*?)<\/a><\/h3>/.exec(page)?.[1] ?? '';
    expect(heading).toBe('$k$<b>-means</b> for <i>Schrödinger</i> bridges after Poincaré');
    expect(htmlText(page)).toContain('Ana Müller,Bob');
  });
});

describe('URLs in LaTeX text in the Markdown digest', () => {
  const dashed = 'https://github.com/ZhengyanHuan/The-Ensemble-Inverse-Problem--Applications-and-Methods';
  const abstract = `Code: ${dashed}. See \\url{https://x.org/a\\_b} and \\href{https://github.com/ICML26-anon/XFactors}{github.com/ICML26-anon/XFactors}.`;
  const tldr = 'Read \\href{https://y.org/p}{our notes} or \\href{javascript:alert(1)}{click}.';
  const entry = makeEntry({ summary: { ...makeSummary(), summary: { ...makeSummary().summary, tldr } } }, { id: '2601.30002', abstract });
  const html = toHtml(renderMarkdown(makeDigest([['cs.LG', [entry]]])));

  it('keeps a URL exactly as written (no en dash for its --) and links it', () => {
    expect(htmlText(html)).toContain(`Code: ${dashed}.`);
    expect(hrefs(html)).toContain(dashed);
  });

  it('reads \\url{u} as u and \\href{u}{t} as "t (u)", u linked only when it is http(s)', () => {
    expect(htmlText(html)).toContain('See https://x.org/a_b and https://github.com/ICML26-anon/XFactors.');
    expect(htmlText(html)).toContain('TL;DR: Read our notes (https://y.org/p) or click (javascript:alert(1)).');
    expect(hrefs(html)).toEqual(expect.arrayContaining(['https://x.org/a_b', 'https://github.com/ICML26-anon/XFactors', 'https://y.org/p']));
    expect(html).not.toMatch(/%7B|%7D|href="javascript/i);
  });
});
