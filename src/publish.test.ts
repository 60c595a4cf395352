/**
 * publishDay into a folder other runs publish to at the same time: the "has it a site yet?" decision and the
 * feed writes happen under the folder's lock, so two runs into a new folder do one whole build, not two.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../test/fixtures/render/entries.js';
import { loadStoredDigest } from './stored-digest.js';
import { publishDay } from './publish.js';
import type { PublishOptions } from './publish.js';
import sqliteStore from './store/sqlite.js';
import type { Store } from './store/types.js';
import { createBuiltinSummarizer } from './summarize/builtin/index.js';
import type { Digest } from './types.js';

const DATES = ['2026-01-30', '2026-02-27', '2026-03-27'] as const; // one per month: one search shard each

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-publish-'));
  store = sqliteStore({ path: path.join(dir, 'db.sqlite') });
  for (const [i, date] of DATES.entries()) {
    const paper = makePaper({ id: `2601.0000${i + 1}`, title: `Paper of ${date}` });
    await store.upsertPapers([paper]);
    await store.saveDay({ date, categories: ['cs.LG'], source: 'test', reconstructed: false, listings: [{ id: paper.id, version: 1, announceType: 'new' }] });
  }
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const options: PublishOptions = {
  siteUrl: 'https://example.org/digest/',
  feedDays: 3,
  announceTypes: async () => ['new', 'cross'],
  summarizer: createBuiltinSummarizer(),
  language: 'en',
};

async function day(date: string): Promise<Digest> {
  const digest = await loadStoredDigest(store, date, { announceTypes: ['new', 'cross'], summarizer: options.summarizer, language: 'en' });
  if (!digest) throw new Error(`no stored day ${date}`);
  return digest;
}

describe('publishDay', () => {
  it('lets two runs into a new folder build it whole once, the second adding only its day', async () => {
    const site = path.join(dir, 'site');
    const results = await Promise.all([publishDay(store, await day(DATES[2]), site, options), publishDay(store, await day(DATES[1]), site, options)]);
    // One whole build indexes every month; the other, incremental, finds its day already there.
    expect(results.map((r) => r.indexed.length).sort()).toEqual([0, 3]);
    const manifest = JSON.parse(readFileSync(path.join(site, 'data', 'manifest.json'), 'utf8')) as { days: { date: string }[] };
    expect(manifest.days.map((d) => d.date)).toEqual([...DATES]);
    const feed = readFileSync(path.join(site, 'feed.json'), 'utf8');
    for (const date of DATES) expect(feed).toContain(`Paper of ${date}`);
  });
});
