// OAI-PMH ListRecords parsing (formats arXiv, arXivRaw, oai_dc; errors) on hand-written payloads in the markup of
// arXiv/oaipmh's templates, plus the pieces records are built from (authors, sets, request URLs).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listRecordsUrl, OaiError, oaiSet, parseOaiResponse, parseTargets } from '../../src/backfill/index.js';
import { splitAuthors, texToUnicode } from '../../src/backfill/authors.js';
import { SourceError } from '../../src/errors.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/oai/${name}.xml`, import.meta.url), 'utf8');

describe('parseOaiResponse', () => {
  it('reads the arXiv format: structured authors, primary first, aliases collapsed, deleted records skipped', () => {
    const page = parseOaiResponse(fixture('listrecords-arXiv-page1'));
    expect(page.papers.map((p) => p.id)).toEqual(['2401.00123', '2312.17001']);
    const [a, b] = page.papers;
    expect(a).toMatchObject({
      title: 'Sparse Mixtures of Low-Rank Experts for Continual Learning',
      authors: ['Chiamaka N. Okafor', 'Jonas Müller'],
      categories: ['cs.LG', 'stat.ML'],
      primaryCategory: 'cs.LG',
      comment: '12 pages, 4 figures; code at https://example.org/smle',
      license: 'http://creativecommons.org/licenses/by/4.0/',
      submitted: '2023-12-30',
      version: 1,
    });
    expect(a?.abstract).toMatch(/^We study .* replay baselines & uses a tenth of the memory\.$/);
    // cs.SY is an alias of eess.SY: one category, in the record's order.
    expect(b).toMatchObject({ categories: ['eess.SY', 'cs.LG'], authors: ['Robert A. Smith Jr', 'Consortium'], doi: '10.1109/TPWRS.2024.0000001', updated: '2024-01-02' });
    expect(page.deleted).toEqual(['2401.00999']);
    expect(page.resumptionToken).toMatch(/^verb%3DListRecords.*skip%3D2$/);
    expect(page.tokenExpires).toBe('2024-01-06T00:00:00Z');
    expect([page.firstDatestamp, page.lastDatestamp]).toEqual(['2024-01-01', '2024-01-02']);
  });

  it('reads old-style ids and treats an absent or empty token as the last page', () => {
    const page2 = parseOaiResponse(fixture('listrecords-arXiv-page2'));
    expect(page2.papers.map((p) => [p.id, p.primaryCategory])).toEqual([
      ['cs/0112017', 'cs.LG'],
      ['solv-int/9901003', 'nlin.SI'],
    ]);
    expect(page2.resumptionToken).not.toBeNull();
    expect(parseOaiResponse(fixture('listrecords-arXiv-last')).resumptionToken).toBeNull();
    expect(parseOaiResponse(fixture('listrecords-oai_dc')).resumptionToken).toBeNull();
  });

  it('reads arXivRaw: the latest version number, v1 and latest times, TeX accents and affiliations in authors', () => {
    const [a, b] = parseOaiResponse(fixture('listrecords-arXivRaw')).papers;
    expect(a).toMatchObject({
      id: '2312.17001',
      version: 2,
      submitted: '2023-12-20T18:03:44.000Z',
      updated: '2024-01-02T09:15:00.000Z',
      authors: ['Robert A. Smith Jr.', 'Maria García', 'the GridRL Consortium'],
    });
    expect(b).toMatchObject({ id: 'hep-th/9901001', version: 3, categories: ['hep-th', 'cs.LG'], authors: ['J. Kowalski', 'P. Nowak'] });
  });

  it('counts oai_dc records as unreadable: it names categories by title, not id, so no primary can be read', () => {
    const page = parseOaiResponse(fixture('listrecords-oai_dc'));
    expect(page).toMatchObject({ papers: [], unreadable: 1 });
  });

  it('noRecordsMatch is an empty last page; other OAI errors throw OaiError with the code', () => {
    expect(parseOaiResponse(fixture('error-noRecordsMatch'))).toMatchObject({ papers: [], resumptionToken: null });
    for (const code of ['badArgument', 'badResumptionToken']) {
      const err = (() => {
        try {
          return parseOaiResponse(fixture(`error-${code}`));
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(OaiError);
      expect(err).toMatchObject({ oaiCode: code, code: 'E_FEED_ERROR' });
    }
  });

  it('rejects what is not OAI-PMH (an HTML page, a truncated body) as E_PARSE', () => {
    for (const body of ['<html><body>Service unavailable</body></html>', fixture('listrecords-arXiv-page1').slice(0, 900)]) {
      expect(() => parseOaiResponse(body)).toThrow(SourceError);
      expect(() => parseOaiResponse(body)).toThrow(expect.objectContaining({ code: 'E_PARSE' }) as Error);
    }
  });
});

describe('requests and sets', () => {
  it('builds the first request from parameters and later ones from the token alone', () => {
    expect(listRecordsUrl('https://oaipmh.arxiv.org/oai/', { metadataPrefix: 'arXivRaw', set: 'cs:cs:LG', from: '2024-01-01', until: '2024-01-31' })).toBe(
      'https://oaipmh.arxiv.org/oai?verb=ListRecords&metadataPrefix=arXivRaw&set=cs%3Acs%3ALG&from=2024-01-01&until=2024-01-31',
    );
    expect(listRecordsUrl('https://x.test/oai', { resumptionToken: 'a%3Db&c' })).toBe('https://x.test/oai?verb=ListRecords&resumptionToken=a%253Db%26c');
  });

  it('maps categories, aliases and archives to OAI-PMH sets', () => {
    const sets = parseTargets(['cs.LG', 'astro-ph.CO', 'hep-th', 'cs', 'math.MP', 'cs.SY', 'eess.SY']).map(oaiSet);
    expect(sets).toEqual(['cs:cs:LG', 'physics:astro-ph:CO', 'physics:hep-th', 'cs:cs', 'physics:math-ph', 'eess:eess:SY']);
    expect(() => parseTargets(['cs.XX'])).toThrow(/cs\.XX/);
    expect(() => parseTargets([])).toThrow(/no categories/);
  });
});

describe('author names', () => {
  it('turns TeX accents into Unicode and splits on commas and "and"', () => {
    expect(texToUnicode(String.raw`Erd\H{o}s, G\"odel, \v{C}ech, Ma\l{}gorzata, {\o}ystein`)).toBe('Erdős, Gödel, Čech, Małgorzata, øystein');
    expect(splitAuthors('A. Smith, B. Jones (MIT, (CSAIL)), and C. Lee Jr.')).toEqual(['A. Smith', 'B. Jones', 'C. Lee Jr.']);
    expect(splitAuthors('A. Smith, Jr., B. Jones')).toEqual(['A. Smith Jr.', 'B. Jones']);
  });
});
