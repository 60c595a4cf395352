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
    expect(html).toContain(`<p style="${S.muted}"><strong>Conclusion:</strong> ${NOT_STATED}</p>`);
    expect(html).toContain(`<p style="${S.p}"><strong>Result:</strong> Result of: We do X.</p>`);
  });
});

describe('entryHtml with an LLM summary', () => {
  it("mutes the model's own short 'not stated' sentence in another language, not a field that says more", () => {
    const s = summary('Wir tun X.');
    s.summary.conclusion = 'Im Abstract nicht angegeben.';
    s.summary.result = 'Die Genauigkeit wird nicht angegeben. Die Laufzeit sinkt um die Hälfte.';
    const html = entryHtml(entry(paper('2601.00002'), { summary: s }), { date: '2026-01-30', site: '', full: true });
    expect(html).toContain(`<p style="${S.muted}"><strong>Conclusion:</strong> Im Abstract nicht angegeben.</p>`);
    expect(html).toContain(`<p style="${S.p}"><strong>Result:</strong> Die Genauigkeit`);
  });
});
