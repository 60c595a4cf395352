import { describe, expect, it } from 'vitest';
import { makePaper } from '../../test/fixtures/render/entries.js';
import type { AnnounceType, FeedBatch, FeedItem } from '../types.js';
import { assembleDigest, digestEntries } from './assemble.js';

function item(id: string, categories: string[], announceType: AnnounceType = 'new'): FeedItem {
  return { paper: makePaper({ id, categories, primaryCategory: categories[0] ?? '' }), announceType };
}

function batch(items: FeedItem[]): FeedBatch {
  return { date: '2026-01-30', categories: ['cs.LG', 'stat.ML'], items, source: 'rss', reconstructed: false, builtAt: null, problems: [] };
}

describe('assembleDigest', () => {
  const items = [
    item('2601.00001', ['stat.ML', 'cs.LG']),
    item('2601.00002', ['cs.LG']),
    item('2601.00003', ['cs.AI', 'stat.ML', 'cs.LG'], 'cross'),
    item('2601.00004', ['math.ST', 'stat.ML'], 'cross'),
    item('2601.00005', ['cs.LG'], 'replace'),
    item('hep-th/9901001', ['hep-th', 'cs.LG'], 'cross'),
  ];

  it('lists a paper once: under its requested primary, else its first requested cross-list', () => {
    const { digest } = assembleDigest(batch(items), { categories: ['cs.LG', 'stat.ML'], announceTypes: ['new', 'cross'] });
    const bySection = Object.fromEntries(digest.sections.map((s) => [s.category, s.entries.map((e) => e.paper.id)]));
    expect(bySection).toEqual({
      'cs.LG': ['2601.00002', '2601.00003', 'hep-th/9901001'],
      'stat.ML': ['2601.00001', '2601.00004'],
    });
    const cross = digestEntries(digest).filter((e) => e.crossList).map((e) => e.paper.id);
    expect(cross).toEqual(['2601.00003', 'hep-th/9901001', '2601.00004']);
  });

  it('carries the fetch stage\'s incomplete-day problems into the digest', () => {
    const b = { ...batch(items), problems: [{ stage: 'fetch' as const, code: 'incomplete', message: 'cs.LG: 5 missing' }, { stage: 'fetch' as const, code: 'listing-failed', message: 'x' }] };
    expect(assembleDigest(b, { categories: ['cs.LG'], announceTypes: ['new'] }).digest.incomplete).toEqual(['cs.LG: 5 missing']);
    expect(assembleDigest(batch(items), { categories: ['cs.LG'], announceTypes: ['new'] }).digest).not.toHaveProperty('incomplete');
  });

  it('keeps the configured category order and honours the order of requested categories for cross-lists', () => {
    const { digest } = assembleDigest(batch(items), { categories: ['stat.ML', 'cs.LG'], announceTypes: ['new', 'cross'] });
    expect(digest.sections.map((s) => s.category)).toEqual(['stat.ML', 'cs.LG']);
    expect(digest.sections[0]?.entries.map((e) => e.paper.id)).toEqual(['2601.00001', '2601.00003', '2601.00004']);
  });

  it('filters announce types and counts what it left out', () => {
    const only = assembleDigest(batch(items), { categories: ['cs.LG'], announceTypes: ['new', 'replace'] });
    expect(digestEntries(only.digest).map((e) => [e.paper.id, e.crossList])).toEqual([
      ['2601.00001', true],
      ['2601.00002', false],
      ['2601.00005', false],
    ]);
    expect(only.skippedByType).toBe(3);
    const math = assembleDigest(batch(items), { categories: ['math.ST'], announceTypes: ['new', 'cross'] });
    expect(digestEntries(math.digest).map((e) => e.paper.id)).toEqual(['2601.00004']);
    expect(math.skippedByCategory).toBe(4);
  });

  it('marks papers seen on an earlier day', () => {
    const firstSeen = new Map([['2601.00002', '2026-01-29']]);
    const { digest } = assembleDigest(batch(items), { categories: ['cs.LG'], announceTypes: ['new'], firstSeen });
    expect(digestEntries(digest).map((e) => [e.paper.id, e.firstSeen])).toEqual([
      ['2601.00001', null],
      ['2601.00002', '2026-01-29'],
    ]);
  });

  it('lets an archive stand for its categories: sections with papers only, taxonomy order, each paper once', () => {
    const day = batch([
      item('2601.00011', ['cs.LG', 'stat.ML']),
      item('2601.00012', ['cs.CV']),
      item('2601.00013', ['physics.optics', 'cs.LG', 'cs.AI'], 'cross'),
      item('2601.00014', ['math.OC']),
    ]);
    const { digest } = assembleDigest(day, { categories: ['cs', 'hep-th'], announceTypes: ['new', 'cross'] });
    const bySection = digest.sections.map((s) => [s.category, s.entries.map((e) => [e.paper.id, e.crossList])]);
    expect(bySection).toEqual([
      ['cs.AI', [['2601.00013', true]]],
      ['cs.CV', [['2601.00012', false]]],
      ['cs.LG', [['2601.00011', false]]],
    ]);
    expect(digest.categories).toEqual(['cs', 'hep-th']);
  });

  it('keeps a named category in place, and its empty section, next to an archive', () => {
    const day = batch([item('2601.00021', ['cs.CV', 'stat.ML']), item('2601.00022', ['cs.LG'])]);
    const { digest } = assembleDigest(day, { categories: ['stat.ML', 'math.OC', 'cs'], announceTypes: ['new'] });
    expect(digest.sections.map((s) => [s.category, s.entries.length])).toEqual([
      ['stat.ML', 0],
      ['math.OC', 0],
      ['cs.CV', 1],
      ['cs.LG', 1],
    ]);
  });
});
