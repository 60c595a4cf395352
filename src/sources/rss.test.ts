import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceError } from '../errors.js';
import type { AnnounceType } from '../types.js';
import { rssFeed, fakeIds } from '../../test/sources/builders.js';
import { abstractOf, splitAuthors } from './_feed-item.js';
import { WORKER_MIN_CHARS } from './_validate.js';
import { feedCategories, parseFeed, readFeed } from './rss.js';

const own = (name: string) => readFileSync(new URL(`../../test/fixtures/arxiv/${name}`, import.meta.url), 'utf8');
const small = () => parseFeed(own('rss-eess.SY+cs.LG-2026-01-29.small.xml'));

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as SourceError).code;
  }
  return undefined;
}

describe('parseFeed', () => {
  it('collapses the alias pair eess.SY / cs.SY into one canonical eess.SY', () => {
    const paper = small().items[0]!.paper;
    expect(paper.id).toBe('2601.10001');
    expect(paper.categories).toEqual(['eess.SY', 'cs.LG']);
    expect(paper.primaryCategory).toBe('eess.SY');
    const replaced = small().items.find((i) => i.paper.id === '2312.00001')!;
    expect(replaced.announceType).toBe('replace-cross');
    expect(replaced.paper.categories).toEqual(['math.OC', 'eess.SY']);
  });

  it('keeps one item per versionless id and records a Problem for the repeat', () => {
    const batch = small();
    expect(batch.items.map((i) => i.paper.id)).toEqual(['2601.10001', '2601.10002', 'hep-th/9901001', '2312.00001', '2509.00002']);
    expect(batch.items[0]!.announceType).toBe('new');
    expect(batch.problems).toEqual([
      { stage: 'fetch', code: 'duplicate', message: 'the feed lists 2601.10001 twice; kept the first', paperId: '2601.10001' },
    ]);
  });

  it('reads old-style ids with their version', () => {
    const old = small().items.find((i) => i.paper.id === 'hep-th/9901001')!;
    expect(old.paper.version).toBe(2);
    expect(old.announceType).toBe('cross');
    expect(old.paper.categories).toEqual(['hep-th', 'cs.LG']);
  });

  it('splits authors at top-level commas and drops affiliations with commas inside', () => {
    expect(small().items[0]!.paper.authors).toEqual(['Ana Ruiz', 'Bo Chen', 'Carla Diaz']);
    expect(splitAuthors('A B (X, Y (Z, W)), C D')).toEqual(['A B', 'C D']);
    expect(splitAuthors('')).toEqual([]);
  });

  it('keeps "Jr."/"III" with the name before it and splits a list joined with "and", but not an organisation', () => {
    expect(splitAuthors("John Smith, Jr., Mary-Jane O'Neil, Ed Vance, III")).toEqual(['John Smith Jr.', "Mary-Jane O'Neil", 'Ed Vance III']);
    expect(splitAuthors('Bob Jones and Carol White')).toEqual(['Bob Jones', 'Carol White']);
    expect(splitAuthors('Alice Smith, Bob Jones and Carol White')).toEqual(['Alice Smith', 'Bob Jones', 'Carol White']);
    expect(splitAuthors('Alice Smith, Bob Jones, and Carol White (MIT and Harvard)')).toEqual(['Alice Smith', 'Bob Jones', 'Carol White']);
    expect(splitAuthors('The ATLAS and CMS Collaborations, D. E. Fowler Jr.')).toEqual(['The ATLAS and CMS Collaborations', 'D. E. Fowler Jr.']);
  });

  it('decodes entities and joins the abstract lines', () => {
    const paper = small().items[0]!.paper;
    expect(paper.abstract).toBe('We study <toy> controllers for "grids". Results hold for n > 2.');
    expect(paper.title).toBe('Synthetic fixture: Controllers for $\\alpha$-stable grids');
    expect(abstractOf('arXiv:2601.1v1 Announce Type: new \nAbstract: Text.')).toBe('Text.');
  });

  it('reads the Atom layout of rss.arxiv.org the same way', () => {
    const batch = parseFeed(own('atom-cs.LG-2026-01-29.small.xml'));
    expect(batch).toMatchObject({ date: '2026-01-29', categories: ['cs.LG'], source: 'atom' });
    expect(batch.builtAt).toBe('2026-01-29T05:02:11.554Z');
    const [a, b] = batch.items;
    expect(a).toMatchObject({ announceType: 'new', paper: { id: '2601.10002', version: 1, doi: '10.1000/example.2026.1' } });
    expect(a!.paper.journalRef).toBe('Journal of Examples 1, 1-10 (2026)');
    expect(a!.paper.authors).toEqual(['Dee Example', 'Eve Sample']);
    expect(a!.paper.abstract).toBe('A short abstract.');
    expect(b).toMatchObject({ announceType: 'cross', paper: { id: 'hep-th/9901001', version: 2 } });
  });

  it('dates the batch by the New York calendar day of the channel pubDate', () => {
    const late = rssFeed(['cs.LG'], 'Fri, 30 Jan 2026 04:30:00 +0000', [{ id: '2601.00001', categories: ['cs.LG'] }]);
    expect(parseFeed(late).date).toBe('2026-01-29');
    const midnight = rssFeed(['cs.LG'], 'Fri, 30 Jan 2026 00:00:00 -0500', [{ id: '2601.00001', categories: ['cs.LG'] }]);
    expect(parseFeed(midnight).date).toBe('2026-01-30');
  });

  it('reports a pubDate arXiv could not state as E_PARSE naming it, in RSS and Atom', async () => {
    const paper = [{ id: '2601.00001', categories: ['cs.LG'] }];
    const atom = own('atom-cs.LG-2026-01-29.small.xml');
    const published = /<published>([^<]*)<\/published>/.exec(atom)![1]!;
    for (const stamp of ['Sat, 01 Jan 10000 00:00:00 -0500', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', 'Mon, 01 Jan 0001 00:00:00 +0000', '\u001b[2Jsoon']) {
      const shown = stamp.replace('\u001b', '');
      expect(() => parseFeed(rssFeed(['cs.LG'], stamp, paper))).toThrow(`not one arXiv could give ("${shown}"`);
      expect(code(() => parseFeed(rssFeed(['cs.LG'], stamp, paper)))).toBe('E_PARSE');
      await expect(readFeed(atom.replaceAll(published, stamp))).rejects.toMatchObject({ code: 'E_PARSE', message: expect.stringContaining(shown) });
    }
  });

  it('reports a feed cut mid-way, a non-feed document and garbage as E_PARSE', () => {
    const xml = own('rss-eess.SY+cs.LG-2026-01-29.small.xml');
    expect(code(() => parseFeed(xml.slice(0, 2500)))).toBe('E_PARSE');
    expect(() => parseFeed(xml.slice(0, 2500))).toThrow(/truncated/);
    expect(code(() => parseFeed('<html><body>Service unavailable</body></html>'))).toBe('E_PARSE');
    expect(code(() => parseFeed('not xml at all'))).toBe('E_PARSE');
    expect(code(() => parseFeed(''))).toBe('E_PARSE');
  });

  it('refuses entities declared in a DOCTYPE (file reference, expansion bomb) as E_PARSE, expanding none', async () => {
    const xml = own('rss-eess.SY+cs.LG-2026-01-29.small.xml');
    const dtd = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>';
    const hostile = xml.replace(/(<\?xml[^>]*>)/, `$1\n${dtd}`).replace('<title>', '<title>&xxe;&a;');
    expect(hostile).toContain(dtd);
    expect(code(() => parseFeed(hostile))).toBe('E_PARSE');
    await expect(readFeed(hostile)).rejects.toMatchObject({ code: 'E_PARSE', message: expect.stringMatching(/declares entities in a DOCTYPE/) });
    const internal = hostile.replace('<!ENTITY xxe SYSTEM "file:///etc/passwd">', '').replace('&xxe;', '');
    expect(() => parseFeed(internal)).toThrow(/refused without expanding them/);
    // A DOCTYPE without entities is harmless.
    expect(parseFeed(xml.replace(/(<\?xml[^>]*>)/, '$1\n<!DOCTYPE rss>')).items).toHaveLength(small().items.length);
  });

  it('quotes no control character from the body in its error', () => {
    for (const body of ['<\u0001\u001b[31mroot>text', '<rss>\u0007<a></b></rss>', '<r\u202eoot\u009b2J>text']) {
      let message = '';
      try {
        parseFeed(body);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/truncated|malformed/);
      // eslint-disable-next-line no-control-regex
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('quotes no control sequence or bidi override from a guid or an announce type in its problems', () => {
    const blink = '\u001b[5mBLINK\u2066' as AnnounceType;
    const xml = rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', [
      { id: '2601.00001', categories: ['cs.LG'] },
      { id: '2601.00002', categories: ['cs.LG'], type: blink },
    ]).replace('oai:arXiv.org:2601.00001v1', '\u001b]0;PWNED-TITLE\u0007\u001b[2J\u001b[31mRED-GUID\u202e');
    const problems = parseFeed(xml).problems;
    expect(problems.map((p) => p.code)).toEqual(['bad-id', 'bad-announce-type']);
    expect(problems[0]!.message).toBe('skipped a feed item without a readable arXiv id ("]0;PWNED-TITLE[2J[31mRED-GUID")');
    expect(problems[1]!.message).toBe('skipped 2601.00002: unknown announce type "[5mBLINK"');
  });

  it('readFeed: a large feed, checked on a worker, gives the same batch; the validator still rejects it when broken', async () => {
    const xml = rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', fakeIds(1500).map((id) => ({ id, categories: ['cs.LG'] })));
    expect(xml.length).toBeGreaterThan(WORKER_MIN_CHARS);
    expect(await readFeed(xml)).toEqual(parseFeed(xml));
    // The parser alone accepts a mismatched closing tag; the verdict of the worker's validator wins.
    const at = xml.indexOf('</title>', xml.length / 2);
    const mismatched = `${xml.slice(0, at)}</titel>${xml.slice(at + 8)}`;
    await expect(readFeed(mismatched)).rejects.toMatchObject({ code: 'E_PARSE', message: expect.stringMatching(/malformed XML \(line \d+: .*titel/) });
    await expect(readFeed(xml.slice(0, -2000))).rejects.toThrow(/truncated/);
    // Concurrent reads share the worker.
    const both = await Promise.allSettled([readFeed(xml), readFeed(mismatched)]);
    expect(both.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('flags a feed of exactly 2000 items as truncated', () => {
    const papers = fakeIds(2000).map((id) => ({ id, categories: ['cs.LG'] }));
    const batch = parseFeed(rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', papers));
    expect(batch.items).toHaveLength(2000);
    expect(batch.problems.map((p) => p.code)).toEqual(['truncated']);
    const fewer = parseFeed(rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', papers.slice(1)));
    expect(fewer.problems).toEqual([]);
  });

  it('lists the papers under their own primaries when the feed names no category it covers', () => {
    const xml = own('rss-eess.SY+cs.LG-2026-01-29.small.xml')
      .replace(/<link>[^<]*<\/link>/g, '<link>http://rss.arxiv.org/rss/%3Cscript%3E</link>')
      .replace(/<title>[^<]*updates on arXiv\.org<\/title>/, '<title>junk</title>');
    const batch = parseFeed(xml);
    expect(batch.categories).toEqual(['eess.SY', 'cs.LG', 'hep-th', 'math.OC']);
    expect(batch.problems.map((p) => p.code)).toContain('no-coverage');
  });

  it('names the categories from the feed link, else from the title', () => {
    expect(feedCategories('http://rss.arxiv.org/rss/cs.SY+stat.ML', '')).toEqual(['eess.SY', 'stat.ML']);
    expect(feedCategories('', 'cs.LG, math.IT updates on arXiv.org')).toEqual(['cs.LG', 'cs.IT']);
    expect(feedCategories('http://rss.arxiv.org/rss/cs.LG+%3Cscript%3E+q-bio.NC+a%E2%80%AEb', '')).toEqual(['cs.LG', 'q-bio.NC']);
    expect(feedCategories('http://rss.arxiv.org/rss/%E0%A4%A', 'x')).toEqual([]);
  });
});
