/**
 * Digests for the channel tests: small hand-made days (hostile strings, fallback and failed summaries, a ranked
 * day with reasons, a later cross-listing of the same version) and a large day of 400 papers.
 */
import type { AnnounceType, Digest, DigestEntry, Paper, Relevance, SummaryResult } from '../../src/types.js';
import { makePaper } from '../fixtures/render/entries.js';

export const HOSTILE_TITLE = '<img src=x onerror=alert(1)> *bold* _it_ ~s~ `code` & AT&amp;T <b>x</b> ]]> |pipe|';
export const HOSTILE_AUTHOR = 'Ann <script>alert(1)</script> O\'Brien & *Co* &amp;';
export const HOSTILE_TLDR = '<script>window.__pwned=1</script> We show *x* < y & z > w for _all_ inputs ~ `rm -rf` [link](http://evil.example) @channel <!here>';

export function paper(id: string, overrides: Partial<Paper> = {}): Paper {
  return makePaper({ id, title: `A study of ${id}`, abstract: `We study ${id}. We propose a method. It works well.`, ...overrides });
}

export function summary(tldr: string, status: SummaryResult['meta']['status'] = 'ok', reason: string | null = null): SummaryResult {
  return {
    summary: {
      tldr,
      motivation: `Motivation of: ${tldr}`,
      method: `Method of: ${tldr}`,
      result: `Result of: ${tldr}`,
      conclusion: `Conclusion of: ${tldr}`,
    },
    meta: { summarizer: status === 'fallback' ? 'builtin' : 'llm', model: 'test-model', language: 'en', status, reason },
  };
}

export function entry(p: Paper, options: { section?: string; announceType?: AnnounceType; summary?: SummaryResult | null; relevance?: Relevance } = {}): DigestEntry {
  const section = options.section ?? p.primaryCategory;
  return {
    paper: p,
    announceType: options.announceType ?? 'new',
    section,
    crossList: section !== p.primaryCategory,
    firstSeen: null,
    summary: options.summary === undefined ? summary(`TL;DR of ${p.id}.`) : options.summary,
    ...(options.relevance ? { relevance: options.relevance } : {}),
  };
}

export function digest(date: string, entries: DigestEntry[], categories = ['cs.LG', 'stat.ML']): Digest {
  return {
    date,
    categories,
    reconstructed: false,
    sections: categories.map((category) => ({ category, entries: entries.filter((e) => e.section === category) })),
  };
}

/** A day with a hostile title, author and summary, a fallback, a failed summary, a replacement and a cross-list. */
export function hostileDay(date = '2026-02-02'): Digest {
  return digest(date, [
    entry(paper('2602.00001', { title: HOSTILE_TITLE, authors: [HOSTILE_AUTHOR, 'Bob'] }), { summary: summary(HOSTILE_TLDR) }),
    entry(paper('2602.00002'), { summary: summary('Built-in fallback text.', 'fallback', 'LLM timed out <again>') }),
    entry(paper('2602.00003'), { summary: { ...summary('x'), meta: { ...summary('x').meta, status: 'failed', reason: 'refused & <odd>' } } }),
    entry(paper('2601.09999', { version: 3, categories: ['stat.ML', 'cs.LG'], primaryCategory: 'stat.ML' }), { announceType: 'replace' }),
    entry(paper('2602.00004', { categories: ['cs.LG', 'stat.ML'] }), { section: 'cs.LG' }),
    entry(paper('2602.00005', { authors: [] }), { summary: null }),
  ]);
}

/** A ranked day: For-you ids and relevance with reasons on every entry. */
export function rankedDay(date = '2026-02-03'): Digest {
  const entries = Array.from({ length: 12 }, (_, i) => {
    const id = `2602.1${String(i).padStart(4, '0')}`;
    const score = Number((1 - i / 20).toFixed(2));
    return entry(paper(id), { relevance: { score, reasons: [`matched "diffusion" in ${id}`, 'follows A. <Author>'], inLibrary: false } });
  });
  const d = digest(date, entries);
  // Best first, and not in listing order, so a test can tell the two apart.
  d.forYou = entries.slice(0, 6).map((e) => e.paper.id).reverse();
  return d;
}

/** The ranked day with every score halved (at most 0.5), for thresholds nothing reaches. */
export function lowScoredDay(): Digest {
  const d = rankedDay();
  for (const e of d.sections.flatMap((s) => s.entries)) if (e.relevance) e.relevance.score /= 2;
  return d;
}

/** A large day: `n` papers with long titles, many authors and long summaries, half of them hostile. */
export function bigDay(n = 400, date = '2026-02-04'): Digest {
  const entries = Array.from({ length: n }, (_, i) => {
    const id = `2602.2${String(i).padStart(4, '0')}`;
    const hostile = i % 2 === 0;
    const title = `${hostile ? HOSTILE_TITLE : 'Plain title'} number ${i} ${'with many words '.repeat(8)}`;
    const authors = Array.from({ length: 30 }, (_, k) => `Author ${k} of ${id}`);
    // Every 50th summary is far longer than any message allows, so cutting is exercised.
    const tldr = `${hostile ? HOSTILE_TLDR : 'A plain summary'} ${'and more detail '.repeat(i % 50 === 1 ? 400 : 40)}`;
    const section = i % 3 === 0 ? 'stat.ML' : 'cs.LG';
    return entry(paper(id, { title, authors, primaryCategory: section, categories: [section] }), { summary: summary(tldr) });
  });
  return digest(date, entries);
}
