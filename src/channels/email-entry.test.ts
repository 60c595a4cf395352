import { describe, expect, it } from 'vitest';
import { entry, paper, summary } from '../../test/channels/digests.js';
import { NOT_STATED } from '../types.js';
import { entryHtml } from './email-entry.js';
import { S } from './email-layout.js';

describe('entryHtml in full', () => {
  it('mutes a field the abstract gives no material for and keeps the others plain', () => {
    const s = summary('We do X.');
    s.summary.conclusion = NOT_STATED;
    const html = entryHtml(entry(paper('2601.00001'), { summary: s }), { date: '2026-01-30', site: '', full: true });
    expect(html).toContain(`<p style="${S.muted}"><strong>Conclusion:</strong> <span lang="en" dir="auto">${NOT_STATED}</span></p>`);
    expect(html).toContain(`<p style="${S.p}"><strong>Result:</strong> <span lang="en" dir="auto">Result of: We do X.</span></p>`);
  });
});

describe('entryHtml with an LLM summary', () => {
  it("mutes the model's own short 'not stated' sentence in another language, not a field that says more", () => {
    const s = summary('Wir tun X.');
    s.summary.conclusion = 'Im Abstract nicht angegeben.';
    s.summary.result = 'Die Genauigkeit wird nicht angegeben. Die Laufzeit sinkt um die Hälfte.';
    const html = entryHtml(entry(paper('2601.00002'), { summary: s }), { date: '2026-01-30', site: '', full: true });
    expect(html).toContain(`<p style="${S.muted}"><strong>Conclusion:</strong> <span lang="en" dir="auto">Im Abstract nicht angegeben.</span></p>`);
    expect(html).toContain(`<p style="${S.p}"><strong>Result:</strong> <span lang="en" dir="auto">Die Genauigkeit`);
  });
});

describe('entryHtml in the summary\'s language', () => {
  const html = (language: string, status: 'ok' | 'fallback' = 'ok'): string => {
    const s = summary('نقدم طريقة.');
    s.meta = { ...s.meta, language, status, reason: status === 'ok' ? null : 'HTTP 429' };
    return entryHtml(entry(paper('2601.00003', { title: 'An English title' }), { summary: s }), { date: '2026-01-30', site: '', full: true });
  };

  it('marks each summary field with its language and direction, right to left for Arabic, labels and title left as they are', () => {
    const ar = html('ar');
    expect(ar).toContain('<strong>TL;DR:</strong> <span lang="ar" dir="rtl">');
    expect(ar).toContain('<strong>Method:</strong> <span lang="ar" dir="rtl">');
    expect(ar.match(/<span lang="ar" dir="rtl">/g)).toHaveLength(5);
    expect(ar).toMatch(/<a [^>]*>An English title<\/a>/);
    expect(html('zh-CN')).toContain('<strong>TL;DR:</strong> <span lang="zh-CN" dir="auto">');
  });

  it('keeps the English note of a fallback summary outside the summary\'s span', () => {
    expect(html('ar', 'fallback')).toMatch(/<strong>TL;DR:<\/strong> <em>\([^<]*\)<\/em> <span lang="ar" dir="rtl">/);
  });

  it('writes an unknown language (not a code) as lang="", never the text as given', () => {
    expect(html('ar" onload="x')).toContain('<strong>TL;DR:</strong> <span lang="" dir="auto">');
  });
});
