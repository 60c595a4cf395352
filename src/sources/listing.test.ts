import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listingPage } from '../../test/sources/builders.js';
import { SourceError } from '../errors.js';
import { parseListing } from './listing.js';

const own = (name: string) => readFileSync(new URL(`../../test/fixtures/arxiv/${name}`, import.meta.url), 'utf8');

describe('parseListing', () => {
  it('reads "No updates today." as an empty listing with its date', () => {
    const listing = parseListing(own('list-new-cs.LG-no-updates.small.html'));
    expect(listing.date).toBe('2026-01-31');
    expect(listing.items).toEqual([]);
    expect(listing.sections.new).toEqual({ shown: 0, total: 0 });
  });

  it('rejects the pre-2024 layout as E_PARSE instead of reporting a quiet day', () => {
    let err: unknown;
    try {
      parseListing(own('list-new-cs.LG-legacy.small.html'), { url: 'http://x/list/cs.LG/new' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('E_PARSE');
    expect((err as Error).message).toBe(
      '[fetch] listing page http://x/list/cs.LG/new is not in the expected layout (no "showing X of Y entries" headings)',
    );
  });

  it('rejects a page whose headings count entries but whose items are in other markup', () => {
    const html = listingPage('Thursday, 29 January 2026', [{ id: '2601.00001', categories: ['cs.LG'] }], [])
      .replace(/<dt>/g, "<div class='item'>")
      .replace(/<\/dt>/g, '</div>')
      .replace(/<dd>/g, '<section>')
      .replace(/<\/dd>/g, '</section>');
    expect(() => parseListing(html, { url: 'http://x/list/cs.LG/new' })).toThrow(
      '[fetch] listing page http://x/list/cs.LG/new is not in the expected layout (its headings show 1 entries but no item was found)',
    );
  });

  it('rejects an unrelated page', () => {
    expect(() => parseListing('<html><body><h1>Service Unavailable</h1></body></html>')).toThrow(/not in the expected layout/);
  });

  it('reads the real heading wording with the date and "first"/"continued" counts', () => {
    const html = listingPage('Thursday, 29 January 2026', [{ id: '2601.00001', categories: ['cs.LG', 'math.IT'] }], [
      { id: '2601.00002', categories: ['stat.ML', 'cs.LG'], version: 3 },
    ]);
    const listing = parseListing(html);
    expect(listing.date).toBe('2026-01-29');
    expect(listing.sections).toMatchObject({ new: { shown: 1, total: 1 }, cross: { shown: 1, total: 1 } });
    expect(listing.items[0]).toMatchObject({ id: '2601.00001', section: 'new', primary: 'cs.LG', categories: ['cs.LG', 'cs.IT'], version: 1 });
    expect(listing.items[1]).toMatchObject({ id: '2601.00002', section: 'cross', primary: 'stat.ML', version: 3 });
    const first = html.replace('(showing 1 of 1 entries )', '(showing first 1 of 25 entries )');
    expect(parseListing(first).sections.new).toEqual({ shown: 1, total: 25 });
    const continued = html.replace('(showing 1 of 1 entries )', '(continued, showing last 1 of 25 entries )');
    expect(parseListing(continued).sections.new).toEqual({ shown: 1, total: 25 });
  });

  it('collapses alias subjects to the canonical category', () => {
    const html = listingPage('Thursday, 29 January 2026', [{ id: '2601.00003', categories: ['cs.SY', 'eess.SY', 'cs.LG'] }], []);
    const [item] = parseListing(html).items;
    expect(item?.primary).toBe('eess.SY');
    expect(item?.categories).toEqual(['eess.SY', 'cs.LG']);
  });
});
