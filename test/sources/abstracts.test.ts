// Abstracts are read raw (fast-xml-parser stop nodes) and decoded by the feed parser itself: once, like other text.
import { describe, expect, it } from 'vitest';
import { parseApiFeed } from '../../src/sources/api.js';
import { parseFeed } from '../../src/sources/rss.js';
import { apiFeed, rssFeed } from './builders.js';

const RAW = [
  ['entities once: a literal "&lt;" stays', 'x &amp;lt; y &lt;b&gt; AT&amp;T', 'x &lt; y <b> AT&T'],
  ['numeric references', 'Schr&#246;dinger &#x3b1;-stable', 'Schrödinger α-stable'],
  ['CDATA verbatim, text around it decoded', 'a &amp; <![CDATA[b &amp; <c>]]> d', 'a & b &amp; <c> d'],
  ['comments dropped', 'a <!-- note &amp; -->b', 'a b'],
  ['line breaks and runs of spaces collapsed', 'first\n  line\tand   more ', 'first line and more'],
] as const;

describe('abstracts in feeds', () => {
  it.each(RAW)('RSS description: %s', (_, raw, abstract) => {
    const xml = rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', [{ id: '2601.00001', categories: ['cs.LG'], rawAbstract: raw }]);
    expect(parseFeed(xml).items[0]?.paper.abstract).toBe(abstract);
  });

  it.each(RAW)('API summary: %s', (_, raw, abstract) => {
    const xml = apiFeed([{ id: '2601.00001', categories: ['cs.LG'], rawAbstract: raw }]);
    expect(parseApiFeed(xml).papers[0]?.abstract).toBe(abstract);
  });

  it('a title keeps its own decoding (not a stop node): "&amp;lt;" becomes "&lt;", not "<"', () => {
    const xml = rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', [{ id: '2601.00001', categories: ['cs.LG'], title: 'A &lt; B' }]);
    expect(parseFeed(xml).items[0]?.paper.title).toBe('A &lt; B');
  });
});
