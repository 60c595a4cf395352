/**
 * buildSite: the files it writes, what they hold, incremental rebuilds, and the guards. The bundle is a small
 * stand-in folder (the builder only copies it); the browser test uses the real one.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DigestError, UsageError } from '../errors.js';
import { toJsonRecord } from '../render/jsonl.js';
import { ACCENT_ID, HOSTILE_SUMMARY, HOSTILE_TITLE, MATH_ID, RARE_WORD, day, entry, hostileDay, mathDay, paper } from '../../test/site/days.js';
import { buildSite } from './index.js';
import { INDEX_OPTIONS, QUERY_OPTIONS } from './search-options.js';
import type { Digest } from '../types.js';
import type { Manifest, SiteDay } from './types.js';

let dir: string;
let assets: string;
let out: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-site-'));
  assets = path.join(dir, 'bundle');
  mkdirSync(path.join(assets, 'fonts'), { recursive: true });
  for (const f of ['reader.js', 'reader.css', 'theme.js', 'fonts/KaTeX_Main-Regular.woff2']) writeFileSync(path.join(assets, f), `/* ${f} */`);
  out = path.join(dir, 'site');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (rel: string): string => readFileSync(path.join(out, rel), 'utf8');
const json = <T>(rel: string): T => JSON.parse(read(rel)) as T;
const files = (rel: string): string[] => readdirSync(path.join(out, rel)).sort();

describe('buildSite', () => {
  it('writes the page, the manifest, a file per day, a shard per month and the assets', async () => {
    const result = await buildSite([hostileDay(), mathDay()], out, { assetsDir: assets });
    expect(result.days).toEqual(['2025-12-15', '2026-01-29']);
    expect(result.papers).toBe(6);
    expect(files('.')).toEqual(['.nojekyll', 'assets', 'data', 'index.html']);
    expect(files('data/days')).toEqual(['2025-12-15.json', '2026-01-29.json']);
    expect(files('data/search')).toEqual(['2025-12.json', '2026-01.json']);
    expect(read('assets/fonts/KaTeX_Main-Regular.woff2')).toContain('KaTeX_Main');
    const manifest = json<Manifest>('data/manifest.json');
    expect(manifest.days.map((d) => [d.date, d.period, d.papers])).toEqual([['2025-12-15', '2025-12', 3], ['2026-01-29', '2026-01', 3]]);
    expect(manifest.periods.map((p) => [p.id, p.file, p.docs])).toEqual([['2025-12', 'data/search/2025-12.json', 3], ['2026-01', 'data/search/2026-01.json', 3]]);
    expect(manifest.days[0]?.bytes).toBe(statSync(path.join(out, 'data/days/2025-12-15.json')).size);
  });

  it('keeps every URL in the page relative, with a strict CSP and the arXiv acknowledgement', async () => {
    await buildSite([mathDay()], out, { assetsDir: assets, title: 'My <digest>', siteUrl: 'https://me.github.io/digest/' });
    const html = read('index.html');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self';`);
    expect(html).toContain('Thank you to arXiv for use of its open access interoperability.');
    expect(html).toContain('<title>My &#60;digest&#62;</title>');
    expect(html).toContain('<link rel="canonical" href="https://me.github.io/digest/">');
    expect(html).toContain('<input type="search" id="search"');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.filter((u) => u !== 'https://me.github.io/digest/' && (u?.startsWith('/') || /^[a-z]+:/i.test(u ?? '')))).toEqual([]);
    expect(urls).toContain(`assets/reader.js?v=${/reader\.js\?v=(\w+)/.exec(html)?.[1]}`);
  });

  it('stores each day as its JSONL records (relevance included) and the For-you ids it lists', async () => {
    const digest = mathDay();
    await buildSite([digest], out, { assetsDir: assets });
    const site = json<SiteDay>('data/days/2025-12-15.json');
    const entries = digest.sections.flatMap((s) => s.entries);
    expect(site.records).toEqual(entries.map((e) => toJsonRecord(e, digest.date, digest.forYou)));
    expect(site.records[0]?.relevance).toEqual({ score: 0.9, reasons: ['keyword: graph neural', 'author: Ada Lovelace'], in_library: false, for_you: 1 });
    expect(site.records[2]?.relevance).toBeNull();
    expect(site.forYou).toEqual(['2512.00102', MATH_ID]); // the unlisted id is dropped
    expect(site.sections).toEqual([{ category: 'cs.LG', name: 'Machine Learning', count: 1 }, { category: 'stat.ML', name: 'Machine Learning', count: 2 }]);
  });

  it('keeps hostile strings as data: exact in the JSON, absent from the HTML', async () => {
    await buildSite([hostileDay()], out, { assetsDir: assets });
    const site = json<SiteDay>('data/days/2026-01-29.json');
    expect(site.records[0]?.title).toBe(HOSTILE_TITLE);
    expect(site.records[0]?.summary?.tldr).toBe(HOSTILE_SUMMARY);
    expect(read('index.html')).not.toContain('onerror');
    expect(read('index.html')).not.toContain('__pwned');
  });

  it('writes search shards that MiniSearch loads and that find a paper by a word of its abstract', async () => {
    await buildSite([mathDay(), hostileDay()], out, { assetsDir: assets });
    const index = MiniSearch.loadJSON(read('data/search/2025-12.json'), INDEX_OPTIONS);
    const hits = index.search(RARE_WORD, QUERY_OPTIONS);
    expect(hits.map((h) => [h.id, h.date, h.pid, h.section])).toEqual([[`2025-12-15/${MATH_ID}`, '2025-12-15', MATH_ID, 'stat.ML']]);
    expect(hits[0]?.match[RARE_WORD]).toEqual(['text']);
    expect(index.search('lovelace', QUERY_OPTIONS)).toHaveLength(2);
    // Indexed as shown: TeX accents read, so the plain and the accented spelling both find the paper.
    // Fuzzy matching alone found "uller" and "poincar"; the words themselves are indexed now.
    for (const [q, term] of [['muller', 'muller'], ['Müller', 'muller'], ['Poincaré', 'poincare']] as const) {
      const found = index.search(q, QUERY_OPTIONS);
      expect(found.map((h) => [h.pid, Object.keys(h.match)]), q).toEqual([[ACCENT_ID, [term]]]);
    }
    const other = MiniSearch.loadJSON(read('data/search/2026-01.json'), INDEX_OPTIONS);
    expect(other.search(RARE_WORD, QUERY_OPTIONS)).toEqual([]);
    expect(other.search('pwned', QUERY_OPTIONS).map((h) => h.pid)).toEqual(['2601.00201']);
  });

  it('without incremental holds exactly the given days and removes the others', async () => {
    await buildSite([mathDay(), hostileDay()], out, { assetsDir: assets });
    const result = await buildSite([hostileDay()], out, { assetsDir: assets });
    expect(result.days).toEqual(['2026-01-29']);
    expect(files('data/days')).toEqual(['2026-01-29.json']);
    expect(files('data/search')).toEqual(['2026-01.json']);
    expect(result.written).toEqual([]); // unchanged content is not rewritten
  });

  it('incrementally keeps earlier days, rewrites only changed days and re-indexes only their months', async () => {
    const first = await buildSite([mathDay(), hostileDay()], out, { assetsDir: assets, incremental: true });
    expect(first.indexed).toEqual(['2025-12', '2026-01']);
    const same = await buildSite([mathDay()], out, { assetsDir: assets, incremental: true });
    expect([same.written, same.indexed, same.days]).toEqual([[], [], ['2025-12-15', '2026-01-29']]);
    const next = day('2026-01-30', [entry(paper('2601.00301', { abstract: 'A quokka appears.' }))]);
    const grown = await buildSite([next], out, { assetsDir: assets, incremental: true });
    expect([grown.written, grown.indexed, grown.days]).toEqual([['2026-01-30'], ['2026-01'], ['2025-12-15', '2026-01-29', '2026-01-30']]);
    const index = MiniSearch.loadJSON(read('data/search/2026-01.json'), INDEX_OPTIONS);
    // The rebuilt month holds the day read back from disk as well as the new one.
    expect(index.search('quokka pwned', { ...QUERY_OPTIONS, combineWith: 'OR' }).map((h) => h.date).sort()).toEqual(['2026-01-29', '2026-01-30']);
    expect(json<Manifest>('data/manifest.json').periods.find((p) => p.id === '2026-01')?.docs).toBe(4);
  });

  it('names in each period the months its papers\' ids name, and adds them to a shard kept from an older build', async () => {
    const old = day('2026-01-30', [entry(paper('1706.03762'), { announceType: 'replace' }), entry(paper('math/0601001'), { announceType: 'replace' })]);
    await buildSite([mathDay(), hostileDay(), old], out, { assetsDir: assets, incremental: true });
    const months = (): string[][] => json<Manifest>('data/manifest.json').periods.map((p) => p.paperMonths);
    expect(months()).toEqual([['2025-12'], ['2006-01', '2017-06', '2026-01']]);
    // A manifest written before the field: the unchanged month is indexed again to get it.
    const manifest = json<Manifest>('data/manifest.json');
    for (const p of manifest.periods) delete (p as Partial<typeof p>).paperMonths;
    writeFileSync(path.join(out, 'data/manifest.json'), JSON.stringify(manifest));
    const again = await buildSite([mathDay()], out, { assetsDir: assets, incremental: true });
    expect([again.written, again.indexed]).toEqual([[], ['2025-12', '2026-01']]);
    expect(months()).toEqual([['2025-12'], ['2006-01', '2017-06', '2026-01']]);
  });

  it('runs two builds of one folder one after the other: incremental builds at once both keep their day', async () => {
    await buildSite([mathDay()], out, { assetsDir: assets });
    const made = (date: string): Digest => day(date, [entry(paper(`2602.0${date.slice(8)}01`))]);
    // Unlocked, each read the same manifest and wrote back its own day only, and the asset copies collided.
    await Promise.all(['2026-02-02', '2026-02-03', '2026-02-04'].map((d) => buildSite([made(d)], out, { assetsDir: assets, incremental: true })));
    expect(json<Manifest>('data/manifest.json').days.map((d) => d.date)).toEqual(['2025-12-15', '2026-02-02', '2026-02-03', '2026-02-04']);
    expect(files('.')).toEqual(['.nojekyll', 'assets', 'data', 'index.html']); // no lock or asset copy left behind
  });

  it('leaves assets/ alone while the bundle is unchanged, and swaps it whole when it changes', async () => {
    await buildSite([mathDay()], out, { assetsDir: assets });
    writeFileSync(path.join(out, 'assets/marker'), ''); // stands for "the folder a reader is being served from"
    await buildSite([mathDay()], out, { assetsDir: assets });
    expect(existsSync(path.join(out, 'assets/marker'))).toBe(true);
    rmSync(path.join(assets, 'fonts/KaTeX_Main-Regular.woff2'));
    writeFileSync(path.join(assets, 'fonts/KaTeX_Main-Regular-NEW.woff2'), 'new');
    await buildSite([mathDay()], out, { assetsDir: assets });
    expect(files('assets/fonts')).toEqual(['KaTeX_Main-Regular-NEW.woff2']);
    expect(existsSync(path.join(out, 'assets/marker'))).toBe(false);
    expect(files('.')).toEqual(['.nojekyll', 'assets', 'data', 'index.html']);
  });

  it('refuses a folder that holds something other than a site', async () => {
    mkdirSync(out);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    await expect(buildSite([mathDay()], out, { assetsDir: assets })).rejects.toThrow(UsageError);
    expect(files('.')).toEqual(['notes.txt']);
  });

  it('builds over what a first build that died left (a half asset copy, day files, temporary files) and clears it', async () => {
    mkdirSync(path.join(out, 'assets.new/fonts'), { recursive: true });
    mkdirSync(path.join(out, 'data/days'), { recursive: true });
    mkdirSync(path.join(out, 'data/search'), { recursive: true });
    writeFileSync(path.join(out, 'data/days/2025-12-15.json'), '{}');
    writeFileSync(path.join(out, 'data/search/2026-01.json.23618.tmp'), '{"half');
    writeFileSync(path.join(out, 'index.html.23618.0badcafe.tmp'), '<html');
    await buildSite([mathDay()], out, { assetsDir: assets });
    expect(files('.')).toEqual(['.nojekyll', 'assets', 'data', 'index.html']);
    expect(files('data/search')).toEqual(['2025-12.json']);
    // Also when the next build is incremental (it skips the removal of stale days).
    writeFileSync(path.join(out, 'data/search/2026-01.json.23618.tmp'), '{"half');
    await buildSite([mathDay()], out, { assetsDir: assets, incremental: true });
    expect(files('data/search')).toEqual(['2025-12.json']);
  });

  it('still refuses a folder with files of its own among names a site uses', async () => {
    for (const foreign of ['data/notes.txt', 'data/days/notes.txt', 'notes.txt.123.tmp', 'data/manifest.json/x']) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(path.dirname(path.join(out, foreign)), { recursive: true });
      writeFileSync(path.join(out, foreign), 'mine');
      await expect(buildSite([mathDay()], out, { assetsDir: assets }), foreign).rejects.toThrow(UsageError);
      expect(existsSync(path.join(out, foreign))).toBe(true);
    }
  });

  it('says which file it could not write, in one line, and leaves no temporary file', async () => {
    await buildSite([mathDay()], out, { assetsDir: assets });
    rmSync(path.join(out, 'data/search/2025-12.json'));
    mkdirSync(path.join(out, 'data/search/2025-12.json/inner'), { recursive: true }); // in the way of the month's shard
    const err = await buildSite([mathDay()], out, { assetsDir: assets }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestError);
    expect((err as DigestError).message).toMatch(/^\[render\] cannot write .*search\/2025-12\.json: (EISDIR|ENOTEMPTY|EEXIST)$/);
    expect(files('data/search')).toEqual(['2025-12.json']);
  });

  it('says so in one line when the asset copy fails, and leaves no half copy', async () => {
    execFileSync('mkfifo', [path.join(assets, 'fonts/pipe')]); // a FIFO: fs.cp refuses to copy one
    const err = await buildSite([mathDay()], out, { assetsDir: assets }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestError);
    expect((err as DigestError).message).toMatch(/^\[render\] cannot copy the reader's files to .*assets\.new: \w+$/);
    expect(existsSync(path.join(out, 'assets.new'))).toBe(false);
  });

  it('says how to build the bundle when it is missing', async () => {
    const err = await buildSite([mathDay()], out, { assetsDir: path.join(dir, 'nowhere') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestError);
    expect((err as DigestError).message).toMatch(/^\[render\] the reader bundle is missing reader\.js in .*; run `npm run build`$/);
  });

  it('takes only an absolute http(s) site URL, as the root of the site', async () => {
    await expect(buildSite([mathDay()], out, { assetsDir: assets, siteUrl: 'javascript:alert(1)' })).rejects.toThrow(ConfigError);
    await expect(buildSite([mathDay()], out, { assetsDir: assets, siteUrl: 'me.github.io/digest' })).rejects.toThrow('the site URL must be an absolute http(s) URL');
    await buildSite([mathDay()], out, { assetsDir: assets, siteUrl: 'https://me.github.io/digest' });
    expect(json<Manifest>('data/manifest.json').siteUrl).toBe('https://me.github.io/digest/');
  });

  it('takes the days as a stream, asking for the next month only once a month is written', async () => {
    const dates = ['2026-01-05', '2026-01-20', '2026-02-03', '2026-02-17', '2026-03-02', '2026-03-16'];
    const made = (date: string): Digest => day(date, [entry(paper(`2601.${date.slice(5, 7)}${date.slice(8)}0`, { abstract: `Seen on ${date}.` }))]);
    const asked: [string, string[]][] = [];
    async function* stream(): AsyncGenerator<Digest> {
      for (const date of dates) {
        asked.push([date, existsSync(path.join(out, 'data/search')) ? files('data/search') : []]);
        yield made(date);
      }
    }
    const result = await buildSite(stream(), out, { assetsDir: assets });
    // A month's days are held until the first day of the next month arrives; then its shard is written.
    expect(asked).toEqual([
      ['2026-01-05', []],
      ['2026-01-20', []],
      ['2026-02-03', []],
      ['2026-02-17', ['2026-01.json']],
      ['2026-03-02', ['2026-01.json']],
      ['2026-03-16', ['2026-01.json', '2026-02.json']],
    ]);
    expect([result.days, result.written, result.indexed]).toEqual([dates, dates, ['2026-01', '2026-02', '2026-03']]);
    const streamed = read('data/manifest.json');
    rmSync(out, { recursive: true });
    await buildSite([...dates].reverse().map(made), out, { assetsDir: assets });
    expect(read('data/manifest.json')).toBe(streamed);
  });

  it('refuses a stream that is not oldest first', async () => {
    async function* stream(): AsyncGenerator<Digest> {
      yield hostileDay();
      yield mathDay();
    }
    await expect(buildSite(stream(), out, { assetsDir: assets })).rejects.toThrow('days must come oldest first: 2025-12-15 came after 2026-01-29');
  });

  it('rejects a day given twice and a malformed date', async () => {
    await expect(buildSite([mathDay(), mathDay()], out, { assetsDir: assets })).rejects.toThrow('day 2025-12-15 is given twice');
    await expect(buildSite([{ ...mathDay(), date: '../../etc' }], out, { assetsDir: assets })).rejects.toThrow('not an announcement date');
  });
});
