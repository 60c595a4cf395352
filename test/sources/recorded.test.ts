// Every recorded payload in ../shared/fixtures/arxiv, read in place, through the parser meant for it.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NoAnnouncementError, SourceError } from '../../src/errors.js';
import { parseApiFeed } from '../../src/sources/api.js';
import { parseListing } from '../../src/sources/listing.js';
import { parseFeed } from '../../src/sources/rss.js';
import { ACTIVE_CATEGORIES, CATEGORY_ALIASES, LEGACY_CATEGORIES, SUBSUMED_ARCHIVES } from '../../src/taxonomy/index.js';
import { readShared, SHARED_FIXTURES } from '../helpers/arxiv-server.js';

const api = (name: string) => JSON.parse(readShared(name)) as { url: string; status_code: number; body: string };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

/** Each recorded payload and the test below that reads it. */
const HANDLED = [
  'rss-all-archives-2024-11-28.excerpt.xml',
  'rss-cs.LG+stat.ML-2026-01-30.reconstructed.xml',
  'rss-empty-test-archive-2024-11-28.xml',
  'rss-error-bad-archive-2024-11-28.xml',
  'api-query-all-testing-10-results-2026-04-12.json',
  'api-legacy-format-id-list-2016-10-09.xml',
  'api-error-400-bad-id-2026-04-12.json',
  'api-empty-result-2026-04-12.json',
  'list-new-cs.AI-2026-08-12.excerpt.html',
  'taxonomy-category-def.json',
];
const use = (name: string) => {
  if (!HANDLED.includes(name)) throw new Error(`${name} is missing from HANDLED`);
  return name;
};

describe('recorded arXiv payloads', () => {

  it('reads the all-archives RSS excerpt: 14 items, 7 new / 3 cross / 4 replace, in feed order', () => {
    const batch = parseFeed(readShared(use('rss-all-archives-2024-11-28.excerpt.xml')));
    expect(batch.date).toBe('2024-11-28');
    expect(batch.builtAt).toBe('2024-11-28T14:47:20.000Z');
    expect(batch.source).toBe('rss');
    expect(batch.categories).toHaveLength(20);
    expect(batch.categories).toContain('astro-ph');
    expect(batch.items).toHaveLength(14);
    const types = batch.items.map((i) => i.announceType);
    expect(types).toEqual([...Array(7).fill('new'), ...Array(3).fill('cross'), ...Array(4).fill('replace')]);
    expect(batch.problems).toEqual([]);
  });

  it('keeps id, version, DOI and journal ref of old papers cross-listed today', () => {
    const batch = parseFeed(readShared(use('rss-all-archives-2024-11-28.excerpt.xml')));
    const byId = new Map(batch.items.map((i) => [i.paper.id, i]));
    const old = byId.get('2202.06515');
    expect(old?.announceType).toBe('cross');
    expect(old?.paper.version).toBe(3);
    expect(old?.paper.doi).toBe('10.1063/5.0236964');
    expect(old?.paper.journalRef).toBe('Physics of Fluids 36, 117158 (2024)');
    expect(byId.get('2405.12090')?.paper.version).toBe(3);
    expect(batch.items.filter((i) => i.paper.doi && i.paper.journalRef)).toHaveLength(5);
  });

  it('takes authors, licence, categories and the abstract after "Abstract:" from each item', () => {
    const batch = parseFeed(readShared(use('rss-all-archives-2024-11-28.excerpt.xml')));
    const ecg = batch.items.find((i) => i.paper.id === '2411.17702')!.paper;
    expect(ecg.authors).toEqual(['Hyewon Jeong', 'Suyeol Yun', 'Hammaad Adam']);
    expect(ecg.categories).toEqual(['eess.SP', 'cs.LG']);
    expect(ecg.primaryCategory).toBe('eess.SP');
    expect(ecg.primaryConfirmed).toBe(false);
    expect(ecg.abstract.startsWith('Electrocardiograms (ECGs)')).toBe(true);
    expect(ecg.abstract).not.toMatch(/Announce Type|Abstract:/);
    const first = batch.items[0]!.paper;
    expect(first.license).toBe('http://creativecommons.org/licenses/by/4.0/');
    // Every category left is canonical: no alias id survives normalisation.
    const all = batch.items.flatMap((i) => i.paper.categories);
    expect(all.filter((c) => Object.hasOwn(CATEGORY_ALIASES, c))).toEqual([]);
  });

  it('reads the reconstructed cs.LG+stat.ML day: 189 new papers, 172 cs.LG and 17 stat.ML', () => {
    const batch = parseFeed(readShared(use('rss-cs.LG+stat.ML-2026-01-30.reconstructed.xml')));
    expect(batch.date).toBe('2026-01-30');
    expect(batch.categories).toEqual(['cs.LG', 'stat.ML']);
    expect(batch.items).toHaveLength(189);
    expect(batch.items.every((i) => i.announceType === 'new')).toBe(true);
    const primaries = batch.items.map((i) => i.paper.primaryCategory);
    expect(primaries.filter((c) => c === 'cs.LG')).toHaveLength(172);
    expect(primaries.filter((c) => c === 'stat.ML')).toHaveLength(17);
    expect(new Set(batch.items.map((i) => i.paper.id)).size).toBe(189);
  });

  it('reports the empty feed as no announcement, with its date and category', () => {
    const xml = readShared(use('rss-empty-test-archive-2024-11-28.xml'));
    const err = thrown(() => parseFeed(xml));
    expect(err).toBeInstanceOf(NoAnnouncementError);
    expect((err as NoAnnouncementError).date).toBe('2024-11-28');
    expect((err as Error).message).toBe(
      '[fetch] no announcement for 2024-11-28 in test (weekend, holiday or quiet category)',
    );
    expect(parseFeed(xml, { allowEmpty: true }).items).toEqual([]);
  });

  it("reports the error feed as E_FEED_ERROR with arXiv's own description", () => {
    const err = thrown(() => parseFeed(readShared(use('rss-error-bad-archive-2024-11-28.xml'))));
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('E_FEED_ERROR');
    expect((err as Error).message).toMatch(/^\[fetch\] arXiv rejected the feed query: Bad archive 'astroph'\. Valid archive names are: astro-ph,/);
    expect((err as Error).message).not.toContain('\n');
  });

  it('reads the 2026 API serialization: 10 entries with primary, comment, journal ref and DOI', () => {
    const fx = api(use('api-query-all-testing-10-results-2026-04-12.json'));
    const page = parseApiFeed(fx.body);
    expect(fx.status_code).toBe(200);
    expect(page).toMatchObject({ totalResults: 214881, startIndex: 0, itemsPerPage: 10 });
    expect(page.papers).toHaveLength(10);
    const p = page.papers[0]!;
    expect(p).toMatchObject({ id: '2202.12139', version: 1, primaryCategory: 'cs.SE', primaryConfirmed: true });
    expect(p.categories).toEqual(['cs.SE', 'cs.LG']);
    expect(p.comment).toBe('Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022');
    expect(p.doi).toBe('10.1109/ICSTW55395.2022.00035');
    expect(p.journalRef).toMatch(/^Artificial Intelligence in Software Testing @ 2022 IEEE/);
    expect(p.authors).toEqual(['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker']);
    expect(p.submitted).toBe('2022-02-24T15:05:19Z');
    expect(page.papers.every((x) => x.primaryConfirmed && x.title && x.abstract)).toBe(true);
  });

  it('reads the 2016 API serialization through namespaces declared on each element', () => {
    const page = parseApiFeed(readShared(use('api-legacy-format-id-list-2016-10-09.xml')));
    expect(page.totalResults).toBe(1);
    const p = page.papers[0]!;
    expect(p).toMatchObject({
      id: '1111.2011',
      version: 2,
      primaryCategory: 'cond-mat.str-el',
      doi: '10.1103/PhysRevB.85.115117',
      comment: '8 pages, 3 figures. Published version',
      journalRef: 'Phys. Rev. B 85, 115117 (2012)',
      submitted: '2011-11-08T18:48:36Z',
      updated: '2012-04-02T12:38:54Z',
    });
    expect(p.title).toBe('Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit');
    expect(p.categories).toEqual(['cond-mat.str-el', 'cond-mat.stat-mech']);
    expect(p.abstract.startsWith('Theoretical description of anisotropic systems')).toBe(true);
    expect(p.abstract).not.toContain('\n');
  });

  it('turns the API error entry (HTTP 400) into E_FEED_ERROR with its message', () => {
    const fx = api(use('api-error-400-bad-id-2026-04-12.json'));
    expect(fx.status_code).toBe(400);
    const err = thrown(() => parseApiFeed(fx.body));
    expect((err as SourceError).code).toBe('E_FEED_ERROR');
    expect((err as Error).message).toBe('[fetch] the export API answered with an error: incorrect id format for abc');
  });

  it('reads the empty API result as zero papers, not an error', () => {
    const page = parseApiFeed(api(use('api-empty-result-2026-04-12.json')).body);
    expect(page).toEqual({ totalResults: 0, startIndex: 0, itemsPerPage: 100, papers: [] });
  });

  it('reads the cs.AI listing excerpt: date, section counts and six items', () => {
    const listing = parseListing(readShared(use('list-new-cs.AI-2026-08-12.excerpt.html')));
    expect(listing.date).toBe('2026-08-12');
    expect(listing.sections).toEqual({ new: { shown: 2, total: 2 }, cross: { shown: 2, total: 2 }, replace: { shown: 2, total: 2 } });
    expect(listing.items.map((i) => [i.id, i.section, i.primary])).toEqual([
      ['2608.09949', 'new', 'cs.AI'],
      ['2608.09967', 'new', 'cs.AI'],
      ['2505.11635', 'cross', 'cs.LG'],
      ['2607.28646', 'cross', 'cs.HC'],
      ['2112.07752', 'replace', 'cs.AI'],
      ['2505.23399', 'replace', 'cs.AI'],
    ]);
    const chatbots = listing.items[3]!;
    expect(chatbots.title.startsWith('"YES! YES! I absolutely love this insight!"')).toBe(true);
    expect(chatbots.comment).toBe('In review for a special issue of Narrative Inquiry');
    expect(chatbots.journalRef).toBe('2026 Narrative Inquiry 23 (2)');
    expect(chatbots.version).toBeUndefined(); // no HTML link on this one
    expect(chatbots.categories).toEqual(['cs.HC', 'cs.AI']);
    expect(listing.items[2]!.version).toBe(2);
    expect(listing.items[2]!.authors).toEqual(['Nikhil Kapasi', 'Mohamed Elfouly', 'William Whitehead', 'Luke Theogarajan']);
    expect(listing.items[0]!.abstract.startsWith('This study evaluates the application of Large Language Models')).toBe(true);
  });

  it('matches src/taxonomy with arXiv\'s category table: 155 active ids and names, legacy ids, aliases', () => {
    const rows = JSON.parse(readShared(use('taxonomy-category-def.json'))) as { category: string; name: string; active: number }[];
    expect(rows).toHaveLength(184);
    const active = rows.filter((r) => r.active === 1 && !r.category.startsWith('test'));
    expect(active).toHaveLength(155);
    expect(Object.fromEntries(active.map((r) => [r.category, r.name]))).toEqual(ACTIVE_CATEGORIES);
    const legacy = rows.filter((r) => r.active === 0 && r.category !== 'test');
    expect(Object.fromEntries(legacy.map((r) => [r.category, r.name]))).toEqual(LEGACY_CATEGORIES);
    for (const [alias, canonical] of Object.entries(CATEGORY_ALIASES)) {
      expect(ACTIVE_CATEGORIES[alias], alias).toBeDefined();
      expect(ACTIVE_CATEGORIES[canonical], canonical).toBeDefined();
    }
    for (const [old, successor] of Object.entries(SUBSUMED_ARCHIVES)) {
      expect(LEGACY_CATEGORIES[old], old).toBeDefined();
      expect(ACTIVE_CATEGORIES[successor], successor).toBeDefined();
    }
  });

  it('has a test above for every recorded payload in the shared folder', () => {
    const files = readdirSync(fileURLToPath(SHARED_FIXTURES)).filter((f) => f !== 'README.md');
    expect(files.filter((f) => !HANDLED.includes(f))).toEqual([]);
    expect(HANDLED.filter((f) => !files.includes(f))).toEqual([]);
  });
});
