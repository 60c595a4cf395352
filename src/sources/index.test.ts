import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rssFeed } from '../../test/sources/builders.js';
import { tempDir } from '../../test/helpers/cli.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoAnnouncementError, UsageError } from '../errors.js';
import { readFeedFile } from './index.js';

const path = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
const SAMPLE = path('../../data/sample/rss-cs.LG+stat.ML-2026-01-30.xml');
const SMALL = path('../../test/fixtures/arxiv/rss-eess.SY+cs.LG-2026-01-29.small.xml');
const EMPTY = path('../../../shared/fixtures/arxiv/rss-empty-test-archive-2024-11-28.xml');

describe('readFeedFile', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('builds the batch from the file alone, without any network request', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('network used')));
    vi.stubGlobal('fetch', fetch);
    const batch = await readFeedFile(SAMPLE);
    expect(fetch).not.toHaveBeenCalled();
    expect(batch).toMatchObject({ date: '2026-01-30', categories: ['cs.LG', 'stat.ML'], source: 'file', reconstructed: false });
    expect(batch.items).toHaveLength(189);
  });

  it('keeps only the requested categories when given', async () => {
    const batch = await readFeedFile(SAMPLE, { categories: ['stat.ML'] });
    expect(batch.categories).toEqual(['stat.ML']);
    expect(batch.items).toHaveLength(17);
    expect(batch.items.every((i) => i.paper.categories.includes('stat.ML'))).toBe(true);
  });

  it('matches requested aliases to their canonical category', async () => {
    const batch = await readFeedFile(SMALL, { categories: ['cs.SY'], announceTypes: ['new', 'cross', 'replace', 'replace-cross'] });
    expect(batch.categories).toEqual(['eess.SY']);
    expect(batch.items.map((i) => i.paper.id)).toEqual(['2601.10001', '2312.00001']);
  });

  it('filters announce types', async () => {
    const batch = await readFeedFile(SMALL, { announceTypes: ['new', 'cross'] });
    expect(batch.items.map((i) => [i.paper.id, i.announceType])).toEqual([
      ['2601.10001', 'new'],
      ['2601.10002', 'new'],
      ['hep-th/9901001', 'cross'],
    ]);
  });

  it('reports a missing file or a directory as a one-line UsageError', async () => {
    await expect(readFeedFile('/nonexistent/feed.xml')).rejects.toThrow(UsageError);
    await expect(readFeedFile('/nonexistent/feed.xml')).rejects.toThrow('cannot read feed file /nonexistent/feed.xml: no such file');
    await expect(readFeedFile(path('.'))).rejects.toThrow(/it is a directory/);
  });

  it('reports an empty saved feed as no announcement', async () => {
    await expect(readFeedFile(EMPTY)).rejects.toThrow(NoAnnouncementError);
  });

  it('refuses categories the feed does not cover, naming what it covers', async () => {
    await expect(readFeedFile(SAMPLE, { categories: ['cs.LG', 'math.AG'] })).rejects.toThrow(UsageError);
    await expect(readFeedFile(SAMPLE, { categories: ['math.AG'] })).rejects.toThrow(/covers cs\.LG, stat\.ML, not math\.AG/);
    await expect(readFeedFile(SAMPLE, { categories: ['q-bio'] })).rejects.toThrow(/not q-bio/);
  });

  it('reads an archive feed for one of its categories, and counts the items before filtering', async () => {
    const file = `${tempDir()}/cs.xml`;
    writeFileSync(file, rssFeed(['cs'], 'Thu, 29 Jan 2026 00:00:00 -0500', [
      { id: '2601.00001', categories: ['cs.CV'] },
      { id: '2601.00002', categories: ['cs.LG'], type: 'cross' },
    ]));
    const batch = await readFeedFile(file, { categories: ['cs.CV'], announceTypes: ['new'] });
    expect(batch.items.map((i) => i.paper.id)).toEqual(['2601.00001']);
    expect(batch.feedItems).toBe(2);
  });

  it('leaves out an item without a category and says so in the problems', async () => {
    const file = `${tempDir()}/nocat.xml`;
    writeFileSync(file, rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', [
      { id: '2601.00001', categories: ['cs.LG'] },
      { id: '2601.00002', categories: [] },
    ]));
    const batch = await readFeedFile(file);
    expect(batch.items.map((i) => i.paper.id)).toEqual(['2601.00001']);
    expect(batch.problems).toEqual([
      { stage: 'fetch', code: 'no-category', message: 'skipped 2601.00002: the feed lists it without a category', paperId: '2601.00002' },
    ]);
  });

  it('reads a Latin-1 feed by its declaration and refuses a gzip file in one line', async () => {
    const dir = tempDir();
    const xml = rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', [{ id: '2601.00001', categories: ['cs.LG'], title: 'Réthinking Zürich' }]);
    writeFileSync(`${dir}/latin1.xml`, Buffer.from(xml.replace(/^<\?xml[^>]*\?>/, "<?xml version='1.0' encoding='ISO-8859-1'?>"), 'latin1'));
    expect((await readFeedFile(`${dir}/latin1.xml`)).items[0]?.paper.title).toBe('Réthinking Zürich');
    writeFileSync(`${dir}/feed.xml.gz`, gzipSync(xml));
    await expect(readFeedFile(`${dir}/feed.xml.gz`)).rejects.toMatchObject({ code: 'E_PARSE', message: expect.stringMatching(/not an XML feed \(it looks like gzip/) });
  });
});
