/**
 * Days for the reader's tests and benchmarks: the bundled sample day (parsed by the real sources stage,
 * summarized by the built-in summarizer), a day with math and a "For you" ranking in an earlier month, and a
 * day of hostile titles, authors and "LLM" summaries, with fallback and failed summaries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleDigest } from '../../src/digest/assemble.js';
import { parseFeed } from '../../src/sources/index.js';
import { createBuiltinSummarizer } from '../../src/summarize/builtin/index.js';
import { ANNOUNCE_TYPES } from '../../src/types.js';
import type { Digest, DigestEntry, Paper, SummaryResult } from '../../src/types.js';
import { makePaper } from '../fixtures/render/entries.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_XML = path.join(REPO, 'data/sample/rss-cs.LG+stat.ML-2026-01-30.xml');

/** The sample day as the pipeline builds it, every entry summarized by the built-in summarizer. */
export async function sampleDay(): Promise<Digest> {
  const batch = parseFeed(readFileSync(SAMPLE_XML, 'utf8'));
  const { digest } = assembleDigest(batch, { categories: ['cs.LG', 'stat.ML'], announceTypes: ANNOUNCE_TYPES });
  const summarizer = createBuiltinSummarizer();
  for (const entry of digest.sections.flatMap((s) => s.entries)) entry.summary = await summarizer.summarize(entry.paper, { language: 'en' });
  return digest;
}

export function paper(id: string, over: Partial<Paper> = {}): Paper {
  return makePaper({ id, title: `Paper ${id}`, abstract: 'We study a plain problem. We find a plain answer.', ...over });
}

export function summary(text: string, meta: Partial<SummaryResult['meta']> = {}): SummaryResult {
  return {
    summary: { tldr: `${text} tldr.`, motivation: `${text} motivation.`, method: `${text} method.`, result: `${text} result.`, conclusion: `${text} conclusion.` },
    meta: { summarizer: 'llm', model: 'test-model', language: 'en', status: 'ok', reason: null, ...meta },
  };
}

export function entry(p: Paper, over: Partial<DigestEntry> = {}): DigestEntry {
  return { paper: p, announceType: 'new', section: p.primaryCategory, crossList: false, firstSeen: null, summary: summary('Plain'), ...over };
}

export function day(date: string, entries: DigestEntry[], over: Partial<Digest> = {}): Digest {
  const categories = [...new Set(entries.map((e) => e.section))];
  return { date, categories, reconstructed: false, sections: categories.map((category) => ({ category, entries: entries.filter((e) => e.section === category) })), ...over };
}

/** A word that appears nowhere else, in the abstract of a paper on the math day. */
export const RARE_WORD = 'zygomorphic';
export const MATH_ID = '2512.00101';
/** On the math day: TeX accents in its title and authors, math inside a formatting macro. */
export const ACCENT_ID = '2512.00103';

export function mathDay(): Digest {
  const math = paper(MATH_ID, {
    title: 'Sorting in $\\mathcal{O}(n \\log n)$ with $\\alpha$-divergences',
    abstract: `We show a ${RARE_WORD} bound $\\mathcal{O}(n \\log n)$ and the identity $$\\sum_{i=1}^{n} x_i^2 \\ge \\frac{1}{n}\\Big(\\sum_i x_i\\Big)^2$$ for every $n \\ge 2$; prices of $5 and $10 stay text; \\textbf{bold} and \\emph{\\texttt{code}} read 50\\%. See \\href{https://example.org/notes}{our notes}, \\href{javascript:alert(1)}{bad} and \\url{https://example.org/a--b}.`,
    categories: ['stat.ML', 'cs.LG'],
    primaryCategory: 'stat.ML',
  });
  const ranked = paper('2512.00102', { title: 'A ranked paper on graph neural networks', abstract: 'Graph neural networks for molecules.' });
  const other = paper(ACCENT_ID, {
    title: "\\textbf{$k$-means} kernels after Poincar{\\'e}",
    authors: ['Ana M\\"uller', 'Bob'],
    abstract: 'We revisit kernels.',
    categories: ['stat.ML'],
    primaryCategory: 'stat.ML',
  });
  return day('2025-12-15', [
    entry(ranked, { relevance: { score: 0.9, reasons: ['keyword: graph neural', 'author: Ada Lovelace'], inLibrary: false } }),
    entry(math, { summary: summary('Math $x^2$'), relevance: { score: 0.4, reasons: ['similar to a library paper'], inLibrary: true } }),
    entry(other, { announceType: 'replace' }),
  ], { forYou: ['2512.00102', MATH_ID, '9999.99999'] });
}

export const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';
export const HOSTILE_SUMMARY = '<script>window.__pwned=1</script>';

export function hostileDay(): Digest {
  const hostileSummary: SummaryResult = {
    summary: { tldr: HOSTILE_SUMMARY, motivation: '<iframe src="javascript:alert(2)"></iframe>', method: '"><svg onload=alert(3)>', result: '$\\href{javascript:alert(4)}{click}$ and $\\htmlId{x}{y}$', conclusion: '{{constructor.constructor("alert(5)")()}}' },
    meta: { summarizer: 'llm', model: '<b>model</b>', language: 'en', status: 'ok', reason: null },
  };
  const a = paper('2601.00201', {
    title: HOSTILE_TITLE,
    authors: ['<b onmouseover=alert(6)>Bold</b>', 'Robert"); DROP TABLE papers;--'],
    abstract: 'An abstract with <a href="javascript:alert(7)">a link</a> and &lt;entities&gt; and javascript:alert(8).',
    comment: '<style>body{display:none}</style> 12 pages',
    doi: 'javascript:alert(9)',
  });
  const fallback = paper('2601.00202', { title: 'A paper with a fallback summary' });
  const failed = paper('2601.00203', { title: 'A paper whose summary failed' });
  return day('2026-01-29', [
    entry(a, { summary: hostileSummary, relevance: { score: 1, reasons: ['<img src=x onerror=alert(10)>'], inLibrary: false } }),
    entry(fallback, { summary: summary('Built-in', { summarizer: 'builtin', status: 'fallback', reason: 'HTTP 429 <i>twice</i>' }) }),
    entry(failed, { summary: null }),
  ], { forYou: ['2601.00201'] });
}

/** A word of 300 letters with no break opportunity: it must wrap rather than widen the page. */
export const LONG_WORD = `Unbroken${'x'.repeat(292)}`;
export const LONG_ID = '2601.00204';

/** The day plus a paper whose title, authors, abstract, summary, reasons and DOI each hold {@link LONG_WORD}, in "For you". */
export function withLongWords(d: Digest): Digest {
  const e = longWordsEntry();
  const sections = d.sections.map((s) => (s.category === e.section ? { ...s, entries: [...s.entries, e] } : s));
  return { ...d, sections, forYou: [...(d.forYou ?? []), LONG_ID] };
}

function longWordsEntry(): DigestEntry {
  const p = paper(LONG_ID, {
    title: `An overlong title with ${LONG_WORD} in it`,
    authors: [`Author ${LONG_WORD}`, 'Ada Lovelace'],
    abstract: `We study https://example.org/${LONG_WORD} closely.`,
    doi: `10.1000/${LONG_WORD}`,
  });
  return entry(p, { summary: summary(LONG_WORD), relevance: { score: 0.5, reasons: [`matched "${LONG_WORD}"`], inLibrary: false } });
}

export const WIDE_MATH_ID = '2601.00205';
export const OVERLAID = 'Hidden words';

/**
 * The day plus a paper whose title has inline math made to widen the page (rules 120 em long in all) and to draw
 * text over the words before it (a negative kern), and whose first author holds a bidi override.
 */
export function withWideMath(d: Digest): Digest {
  const rules = '\\rule{20em}{1em}'.repeat(6);
  const p = paper(WIDE_MATH_ID, {
    title: `${OVERLAID} $\\kern-7em\\text{OVERLAY}$ then $${rules}$ and more`,
    authors: ['Safe Author \u202eTCARTER SI', 'Ada Lovelace'],
  });
  const e = entry(p);
  const sections = d.sections.map((s) => (s.category === e.section ? { ...s, entries: [...s.entries, e] } : s));
  return { ...d, sections };
}
