import { describe, expect, it } from 'vitest';
import { escapeSlack } from './slack.js';
import { escapeTelegram } from './telegram.js';
import { fitEscaped } from './_chat.js';
import { announcedAt, authorLine, plainText, summaryView, truncate } from './_text.js';
import { readerUrl, siteBase } from './reader-link.js';
import type { DigestEntry } from '../types.js';

describe('plainText', () => {
  it('drops controls, bidi overrides, noncharacters and lone surrogates; keeps real pairs', () => {
    expect(plainText('a\u0000b\u202Ec\uFFFEd\uD800e\n\tf 😀')).toBe('abcde f 😀');
    expect(plainText(null)).toBe('');
  });
});

describe('plainText and LaTeX', () => {
  it('reads text-mode formatting as plain text and leaves math as written', () => {
    expect(plainText('We present \\textbf{BFR}, \\emph{fast}: 5\\% better on $\\textbf{x}_1$')).toBe('We present BFR, fast: 5% better on $\\textbf{x}_1$');
  });

  it('reads TeX accents in titles and author names, and formatting around math', () => {
    expect(plainText('\\textbf{$k$-means} and {\\em Schr\\"odinger} bridges')).toBe('$k$-means and Schrödinger bridges');
    expect(authorLine(['Ana M\\"uller', "Henri Poincar{\\'e}", 'S{\\o}ren {\\L}ukasz'])).toBe('Ana Müller, Henri Poincaré, Søren Łukasz');
  });
});

describe('truncate', () => {
  it('cuts at a nearby word boundary with an ellipsis, never inside a surrogate pair', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('one two three four', 12)).toBe('one two…');
    expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('fitEscaped', () => {
  it('fits the escaped text and never ends inside an entity', () => {
    const text = '&'.repeat(50);
    const out = fitEscaped(text, 23, escapeTelegram);
    expect(out.length).toBeLessThanOrEqual(23);
    expect(out).toMatch(/^(&amp;)+…$/);
    const slack = fitEscaped('*'.repeat(20), 10, escapeSlack);
    expect(slack.length).toBeLessThanOrEqual(10);
    expect(slack.replace(/\u200B\*\u200B/g, '')).toBe('…');
  });
});

describe('announcedAt', () => {
  it('is midnight in New York on both sides of the DST switches', () => {
    expect(announcedAt('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(announcedAt('2026-03-09').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(announcedAt('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(announcedAt('2026-11-02').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });
});

describe('reader links', () => {
  it('use the form the reader adopts: index.html?day=DATE#ID under the site path', () => {
    expect(readerUrl('https://me.github.io/digest/', '2026-01-30', 'hep-th/9901001')).toBe(
      'https://me.github.io/digest/index.html?day=2026-01-30#hep-th%2F9901001',
    );
    expect(readerUrl('https://me.github.io', '2026-01-30')).toBe('https://me.github.io/index.html?day=2026-01-30');
  });

  it('accept only absolute http(s) site URLs', () => {
    expect(siteBase('javascript:alert(1)')).toBe('');
    expect(siteBase('/relative')).toBe('');
    expect(readerUrl('file:///tmp/site', '2026-01-30')).toBe('');
  });
});

describe('authorLine and summaryView', () => {
  it('shortens long author lists and says when there are none', () => {
    expect(authorLine(['A', 'B', 'C', 'D', 'E', 'F'])).toBe('A, B, C, D, E et al.');
    expect(authorLine([' ', ''])).toBe('(no authors listed)');
  });

  it('labels fallbacks and missing summaries like the Markdown digest', () => {
    const base = { paper: {} as DigestEntry['paper'], announceType: 'new', section: 'cs.LG', crossList: false, firstSeen: null } as const;
    expect(summaryView({ ...base, summary: null })).toMatchObject({ available: false, note: 'Summary unavailable (no summary was made).' });
    const summary = { tldr: 't', motivation: 'm', method: 'x', result: 'r', conclusion: 'c' };
    const fallback = summaryView({ ...base, summary: { summary, meta: { summarizer: 'llm', model: 'm', language: 'en', status: 'fallback', reason: null } } });
    expect(fallback).toMatchObject({ available: true, note: 'fallback summary' });
  });
});
