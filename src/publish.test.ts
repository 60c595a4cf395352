/**
 * publishDay into a folder other runs publish to at the same time: the "has it a site yet?" decision and the
 * feed writes happen under the folder's lock, so two runs into a new folder do one whole build, not two.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../test/fixtures/render/entries.js';
import { loadStoredDigest } from './stored-digest.js';
import { publishArchive, publishDay } from './publish.js';
import type { PublishOptions } from './publish.js';
import sqliteStore from './store/sqlite.js';
import type { Store } from './store/types.js';
import { createBuiltinSummarizer } from './summarize/builtin/index.js';
import type { AnnounceType, Digest } from './types.js';

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

/**
 * A week of stored days (one month: one search shard), each with its own paper; the paper of 03-03 is
 * cross-listed again on 03-09. Runs publish them one after another, as a daily user or a catch-up does.
 */
describe('publishDay over a week of days', () => {
  const WEEK = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10'];
  const CROSS = '2603.00100';
  const weekly: PublishOptions = { ...options, feedDays: 3 };
  let week: Store;

  async function saveDay(date: string): Promise<void> {
    const listings: { id: string; version: number; announceType: AnnounceType }[] = [{ id: `2603.0000${WEEK.indexOf(date)}`, version: 1, announceType: 'new' }];
    if (date === '2026-03-03') listings.push({ id: CROSS, version: 1, announceType: 'new' });
    if (date === '2026-03-09') listings.push({ id: CROSS, version: 1, announceType: 'cross' });
    await week.saveDay({ date, categories: ['cs.LG', 'stat.ML'], source: 'test', reconstructed: false, listings });
  }

  beforeEach(async () => {
    week = sqliteStore({ path: path.join(dir, 'week.sqlite') });
    const papers = WEEK.map((date, i) => makePaper({ id: `2603.0000${i}`, title: `Paper of ${date}` }));
    await week.upsertPapers([...papers, makePaper({ id: CROSS, title: 'Cross-listed later', categories: ['stat.ML', 'cs.LG'], primaryCategory: 'stat.ML' })]);
  });
  afterEach(() => week.close());

  async function stored(date: string): Promise<Digest> {
    const digest = await loadStoredDigest(week, date, { announceTypes: ['new', 'cross'], summarizer: options.summarizer, language: 'en' });
    if (!digest) throw new Error(`no stored day ${date}`);
    return digest;
  }

  /** Each day stored and run in turn into `site`, the first run finding no site yet. */
  async function daily(site: string, dates: readonly string[]): Promise<void> {
    for (const date of dates) {
      await saveDay(date);
      await publishDay(week, await stored(date), site, weekly);
    }
  }

  /** What `site` makes of the same store: the files every run should leave behind. */
  async function archive(): Promise<string> {
    const out = path.join(dir, 'archive');
    await publishArchive(week, out, weekly);
    return out;
  }

  function files(root: string, sub: string): Map<string, string> {
    return new Map(readdirSync(path.join(root, sub)).sort().map((f) => [f, readFileSync(path.join(root, sub, f), 'utf8')]));
  }

  /** The announcement days the root feed's items link to in the reader. */
  function feedDays(site: string): string[] {
    const feed = JSON.parse(readFileSync(path.join(site, 'feed.json'), 'utf8')) as { items: { _arxiv: { reader_url: string } }[] };
    return [...new Set(feed.items.map((i) => /day=([\d-]+)/.exec(i._arxiv.reader_url)?.[1]))].sort() as string[];
  }

  it('re-running an old day keeps the latest-days feeds on the newest days', async () => {
    const site = path.join(dir, 'site');
    await daily(site, WEEK);
    expect(feedDays(site)).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
    await publishDay(week, await stored('2026-03-03'), site, weekly);
    expect(feedDays(site)).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
    const whole = await archive();
    for (const file of ['feed.json', 'feed.atom.xml']) expect(readFileSync(path.join(site, file), 'utf8'), file).toBe(readFileSync(path.join(whole, file), 'utf8'));
    expect(files(site, 'feeds')).toEqual(files(whole, 'feeds'));
  });

  it('a run into a fresh folder writes every stored day\'s feeds, as `site` does', async () => {
    for (const date of WEEK) await saveDay(date);
    const site = path.join(dir, 'site');
    await publishDay(week, await stored(WEEK[6] ?? ''), site, weekly);
    const written = files(site, 'feeds');
    for (const date of WEEK) expect(written.has(`${date}.atom.xml`) && written.has(`${date}.json`), date).toBe(true);
    expect(written).toEqual(files(await archive(), 'feeds'));
  });

  it('a paper keeps the date of its first announcement when the feeds\' window slides past it', async () => {
    const site = path.join(dir, 'site');
    await daily(site, WEEK);
    // The window is 03-06..03-10: the paper is there by its cross-listing of 03-09, first listed on 03-03.
    const feed = JSON.parse(readFileSync(path.join(site, 'feed.json'), 'utf8')) as { items: { id: string; date_published: string }[] };
    expect(feed.items.find((i) => i.id === `urn:arxiv:${CROSS}v1`)?.date_published).toBe('2026-03-03T05:00:00.000Z');
  });

  it('catching up an older day refreshes the "first listed" marks of the later days it shares papers with', async () => {
    const site = path.join(dir, 'site');
    await daily(site, WEEK.filter((d) => d !== '2026-03-03'));
    const record = () =>
      (JSON.parse(readFileSync(path.join(site, 'data', 'days', '2026-03-09.json'), 'utf8')) as { records: { id: string; first_seen: string | null }[] }).records.find((r) => r.id === CROSS);
    expect(record()?.first_seen).toBeNull();
    await daily(site, ['2026-03-03']);
    expect(record()?.first_seen).toBe('2026-03-03');
    const whole = await archive();
    expect(files(site, path.join('data', 'days'))).toEqual(files(whole, path.join('data', 'days')));
    expect(files(site, 'feeds')).toEqual(files(whole, 'feeds'));
  });
});
