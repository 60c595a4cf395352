/**
 * Builders for the store contract suite: papers as the export API and the RSS feed deliver them, summaries and
 * run reports. Plain data, no store involved.
 */
import type { StoredDay, StoredSummary } from '../../src/store/types.js';
import type { AnnounceType, Paper, RunReport } from '../../src/types.js';

/** A paper as the export API gives it: every field known, primary confirmed. */
export function apiPaper(id: string, version = 1, overrides: Partial<Paper> = {}): Paper {
  return {
    id,
    version,
    title: `On the convergence of method ${id} (v${version})`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: `We study ${id}. Version ${version} of the abstract.`,
    categories: ['cs.LG', 'stat.ML'],
    primaryCategory: 'cs.LG',
    primaryConfirmed: true,
    comment: '12 pages, 3 figures',
    journalRef: 'J. Mach. Learn. Res. 27 (2026) 1-12',
    doi: '10.1000/xyz.123',
    license: 'http://creativecommons.org/licenses/by/4.0/',
    submitted: '2026-01-20T18:00:00Z',
    updated: `2026-01-2${Math.min(version, 9)}T18:00:00Z`,
    ...overrides,
  };
}

/** The same version as the RSS feed gives it: no comment, journal ref, doi or dates; primary only implied. */
export function rssPaper(paper: Paper, overrides: Partial<Paper> = {}): Paper {
  return {
    ...paper,
    primaryConfirmed: false,
    comment: null,
    journalRef: null,
    doi: null,
    license: null,
    submitted: null,
    updated: null,
    ...overrides,
  };
}

export function day(date: string, listings: [string, number, AnnounceType][], extra: Partial<StoredDay> = {}): StoredDay {
  return {
    date,
    categories: ['cs.LG'],
    source: 'rss',
    reconstructed: false,
    listings: listings.map(([id, version, announceType]) => ({ id, version, announceType })),
    ...extra,
  };
}

export function storedSummary(key: string, paperId: string, overrides: Partial<StoredSummary> = {}): StoredSummary {
  return {
    key,
    paperId,
    version: 1,
    createdAt: '2026-01-30T12:00:00.000Z',
    summary: {
      tldr: `A short take on ${paperId}.`,
      motivation: 'Training is slow.',
      method: 'We propose a faster optimizer.',
      result: 'It converges 2x faster on ImageNet.',
      conclusion: 'Faster training is possible.',
    },
    meta: {
      summarizer: 'builtin',
      model: 'roles-crf@1',
      language: 'en',
      status: 'ok',
      reason: null,
      sources: { tldr: 'objective', motivation: 'background', method: 'method', result: 'result', conclusion: 'none' },
    },
    ...overrides,
  };
}

export function runReport(startedAt: string, overrides: Partial<RunReport> = {}): RunReport {
  return {
    command: 'run',
    startedAt,
    finishedAt: startedAt.replace(/\d\d\.\d{3}Z$/, '59.000Z'),
    date: '2026-01-30',
    categories: ['cs.LG', 'stat.ML'],
    source: 'rss',
    reconstructed: false,
    exitCode: 0,
    outcome: 'done',
    counts: {
      fetched: 120,
      listed: 98,
      byAnnounceType: { new: 60, cross: 30, replace: 8 },
      bySection: { 'cs.LG': 70, 'stat.ML': 28 },
      byStatus: { ok: 95, fallback: 2, failed: 1 },
      reused: 10,
      summarized: 88,
      seenBefore: 8,
    },
    stages: { fetch: 1500, store: 12, summarize: 800, render: 30 },
    requests: { total: 3, byHost: { 'rss.arxiv.org': 1, 'export.arxiv.org': 2 }, retries: 0 },
    roleCoverage: { tldr: 0.9, method: 0.8 },
    problems: [{ stage: 'summarize', code: 'E_PARSE', message: 'abstract is empty', paperId: '2601.00003' }],
    ...overrides,
  };
}

/** Text that breaks naive HTML, SQL, JSON or encoding handling. */
export const HOSTILE = {
  title: 'Attention <img src=x onerror=alert(1)> is “all” you need 🤖🧪 — naïve Bayes &amp; co',
  abstract: [
    'We prove $\\mathcal{O}(n \\log n)$ bounds for $\\|x_i\\|^2 \\le \\frac{1}{2}$ with 100\\% recall.',
    "Quotes ' \" ` and '; DROP TABLE papers; -- and a backslash-u: \\u0000 and {\"json\": [1]}.",
    'Line\r\nbreaks\tand tabs. العربية עברית 中文 한국어 👩‍🔬 e\u0301 (combining) ﬁ ligature.',
  ].join('\n'),
  authors: ['Zoë Ångström', "Seán O'Brien, Jr.", '李小龙', '<script>alert(1)</script>'],
  comment: 'Accepted at NeurIPS & ICML; see https://example.org/?a=1&b=<2>',
};
