/**
 * The site's day data and search shards hold text cleaned as every other output cleans it: no bidi overrides or
 * isolates, no controls, while right-to-left letters and emoji (ZWJ sequences included) stay as they are.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { toJsonRecord } from '../render/jsonl.js';
import { day, entry, paper, summary } from '../../test/site/days.js';
import { toSiteDay } from './day-data.js';
import { buildShard } from './search-index.js';
import { INDEX_OPTIONS, QUERY_OPTIONS } from './search-options.js';
import type { SiteDay } from './types.js';

const RLO = '\u202e';
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
const RTL = 'שלום עולם و نموذج';

function bidiDay() {
  const p = paper('2601.00301', {
    title: `Safe Title ${RLO}TCARTER SI REPAP SIHT`,
    authors: ['\u2066Eve\u2069 Mallory', `Ada${RLO} Lovelace`],
    abstract: `Text in ${RTL} with ${FAMILY} and \u200fmarks\u200e,\u0007 a bell and\nnew lines.`,
    comment: `\u202d12 pages\u202c`,
  });
  const s = summary('Plain');
  s.summary.tldr = `A ${RLO}DETCARTER summary \u2067x\u2069.`;
  return day('2026-01-29', [entry(p, { summary: s, relevance: { score: 1, reasons: [`keyword: ${RLO}ecnerolF`], inLibrary: false } })]);
}

describe('toSiteDay', () => {
  it('removes bidi overrides, isolates and controls from every text, keeping RTL letters and emoji', () => {
    const r = toSiteDay(bidiDay()).records[0];
    expect(r?.title).toBe('Safe Title TCARTER SI REPAP SIHT');
    expect(r?.authors).toEqual(['Eve Mallory', 'Ada Lovelace']);
    expect(r?.abstract).toBe(`Text in ${RTL} with ${FAMILY} and marks, a bell and new lines.`);
    expect(r?.comment).toBe('12 pages');
    expect(r?.summary?.tldr).toBe('A DETCARTER summary x.');
    expect(r?.relevance?.reasons).toEqual(['keyword: ecnerolF']);
  });

  it('carries a day\'s incomplete-day notes, cleaned, and has no such field for a whole day', () => {
    const d = day('2026-01-29', [entry(paper('2601.00303'))]);
    expect(toSiteDay(d)).not.toHaveProperty('incomplete');
    expect(toSiteDay({ ...d, incomplete: [`cs.LG: 4 ${RLO}gnissim`] }).incomplete).toEqual(['cs.LG: 4 gnissim']);
  });

  it('leaves ordinary records exactly as the JSONL has them', () => {
    const d = day('2026-01-29', [entry(paper('2601.00302', { title: 'Sorting in $\\mathcal{O}(n)$ \u{1F680}' }))]);
    expect(toSiteDay(d).records).toEqual(d.sections.flatMap((s) => s.entries.map((e) => toJsonRecord(e, d.date))));
  });
});

describe('buildShard', () => {
  it('stores clean titles and TL;DRs, also for a day written raw by an older version', () => {
    const raw: SiteDay = { ...toSiteDay(bidiDay()), records: bidiDay().sections.flatMap((s) => s.entries.map((e) => toJsonRecord(e, '2026-01-29'))) };
    expect(raw.records[0]?.title).toContain(RLO);
    const index = MiniSearch.loadJSON(buildShard([raw]).json, INDEX_OPTIONS);
    const [hit] = index.search('mallory', QUERY_OPTIONS);
    expect([hit?.title, hit?.byline, hit?.tldr]).toEqual(['Safe Title TCARTER SI REPAP SIHT', 'Eve Mallory, Ada Lovelace', 'A DETCARTER summary x.']);
  });
});
