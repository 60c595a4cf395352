import { fileURLToPath } from 'node:url';
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
});
