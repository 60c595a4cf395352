import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '@rowanmanning/feed-parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { Feed } from 'feed';
import { parse as parseHtml } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDayFeeds, buildFeeds, buildLatestFeeds, writeFeeds } from '../../src/channels/feeds.js';
import type { FeedFiles } from '../../src/channels/feeds.js';
import { ConfigError, DigestError } from '../../src/errors.js';
import type { Digest } from '../../src/types.js';
import { sampleDigest } from '../render/sample-digest.js';
import { HOSTILE_AUTHOR, HOSTILE_TITLE, HOSTILE_TLDR, digest, entry, hostileDay, paper, summary } from './digests.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/channels/', import.meta.url));
const RNG = path.join(FIXTURES, 'atom.rng');
const SITE = 'https://someone.github.io/preprint-digest/';

/** The same paper version first announced in cs.LG, cross-listed to stat.ML two days later. */
function crossLaterDay(): Digest {
  const p = paper('2602.00004', { categories: ['cs.LG', 'stat.ML'] });
  return digest('2026-02-04', [entry(p, { section: 'stat.ML', announceType: 'cross' }), entry(paper('2602.00100'))]);
}

function days(): Digest[] {
  return [sampleDigest(), hostileDay('2026-02-02'), crossLaterDay()];
}

/** Validate files against the RFC 4287 grammar; returns xmllint's exit status and output. */
function xmllint(files: string[]): { status: number | null; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--relaxng', RNG, ...files], { encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint is needed for the feed tests (Debian libxml2-utils): ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function jsonFeedValidator() {
  // strictRequired off: the schema's author `anyOf: [{ required: ['name'] }, …]` names properties defined beside it.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(FIXTURES, 'jsonfeed-1.1.schema.json'), 'utf8')) as object);
}

describe('buildFeeds / writeFeeds', () => {
  let dir: string;
  let files: FeedFiles;
  let written: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'feeds-'));
    files = buildFeeds(days(), { siteUrl: SITE, latestDays: 5 });
    written = await writeFeeds(files, dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a pair per day, per category and at the root', () => {
    expect([...files.keys()].sort()).toEqual(
      [
        'feed.atom.xml', 'feed.json',
        'feeds/2026-01-30.atom.xml', 'feeds/2026-01-30.json',
        'feeds/2026-02-02.atom.xml', 'feeds/2026-02-02.json',
        'feeds/2026-02-04.atom.xml', 'feeds/2026-02-04.json',
        'feeds/cs.LG.atom.xml', 'feeds/cs.LG.json',
        'feeds/stat.ML.atom.xml', 'feeds/stat.ML.json',
      ].sort(),
    );
    expect(written.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort()).toEqual([...files.keys()].sort());
  });

  it('writes each feed atomically: a failure is one line naming the file, with no temporary file left', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'feeds-fail-'));
    try {
      mkdirSync(path.join(other, 'feed.json')); // a folder where the file must go
      const err = await writeFeeds(files, other).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(DigestError);
      expect((err as Error).message).toMatch(/cannot write .*feed\.json: /);
      expect(readdirSync(other).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('every Atom file validates against the RFC 4287 RELAX NG grammar with xmllint', () => {
    const atom = written.filter((f) => f.endsWith('.atom.xml'));
    const { status, output } = xmllint(atom);
    expect(output).not.toMatch(/error/i);
    expect(status).toBe(0);
    for (const f of atom) expect(output).toContain(`${f} validates`);
  });

  it('the grammar is not vacuous: xmllint rejects a feed without an id and an entry with a bad date', () => {
    const good = files.get('feeds/2026-02-02.atom.xml') ?? '';
    const broken = [
      good.replace(/<id>[^<]*<\/id>/, ''),
      good.replace(/<updated>2026-02-02T05:00:00.000Z<\/updated>\s*<summary/, '<updated>yesterday</updated><summary'),
    ];
    const paths = broken.map((text, i) => {
      const p = path.join(dir, `broken-${i}.xml`);
      writeFileSync(p, text);
      return p;
    });
    expect(broken[1]).toContain('yesterday');
    for (const p of paths) expect(xmllint([p]).status).not.toBe(0);
  });

  it('holds the RFC rules xmllint does not check: a feed author, and an alternate link on every entry', () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'link', 'author'].includes(name) });
    for (const [name, text] of files) {
      if (!name.endsWith('.atom.xml')) continue;
      const feed = (parser.parse(text) as { feed: { author?: unknown[]; entry?: { link: Record<string, string>[] }[] } }).feed;
      expect(feed.author?.length, name).toBeGreaterThan(0);
      for (const e of feed.entry ?? []) {
        expect(e.link.some((l) => (l['@_rel'] ?? 'alternate') === 'alternate')).toBe(true);
      }
    }
  });

  it('every JSON Feed validates against the JSON Feed 1.1 schema', () => {
    const validate = jsonFeedValidator();
    for (const [name, text] of files) {
      if (!name.endsWith('.json')) continue;
      const ok = validate(JSON.parse(text));
      expect(validate.errors ?? [], name).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the JSON Feed schema rejects what the spec forbids (a 1.0 feed from `feed`, an item without content)', () => {
    const validate = jsonFeedValidator();
    const old = new Feed({ id: SITE, title: 't', link: SITE });
    old.addItem({ title: 't', id: 'x', link: SITE, date: new Date(0), content: 'c', author: [{ name: 'a' }] });
    expect(validate(JSON.parse(old.json1()))).toBe(false);
    const feed = JSON.parse(files.get('feed.json') ?? '{}') as { items: Record<string, unknown>[] };
    delete feed.items[0]?.content_html;
    delete feed.items[0]?.content_text;
    expect(validate(feed)).toBe(false);
  });

  it('Atom parses back with a feed parser: titles, links, authors, dates and categories', () => {
    const feed = parseFeed(files.get('feeds/2026-01-30.atom.xml') ?? '');
    const sample = sampleDigest();
    const entries = sample.sections.flatMap((s) => s.entries);
    expect(feed.items).toHaveLength(entries.length);
    const first = feed.items[0];
    const e0 = entries[0];
    if (!first || !e0) throw new Error('no items');
    expect(first.title).toBe(e0.paper.title.replace(/\s+/g, ' ').trim());
    expect(first.url).toBe(`https://arxiv.org/abs/${e0.paper.id}`);
    expect(first.id).toBe(`urn:arxiv:${e0.paper.id}v${e0.paper.version}`);
    expect(first.authors.map((a) => a.name)).toEqual(e0.paper.authors);
    expect(first.published?.toISOString()).toBe('2026-01-30T05:00:00.000Z');
    expect(first.categories.map((c) => c.term)).toEqual(e0.paper.categories);
    expect(first.description).toBe(e0.summary?.summary.tldr.replace(/\s+/g, ' ').trim());
    expect(first.content).toContain('<strong>Method:</strong>');
    expect(first.content).toContain(`${SITE}index.html?day=2026-01-30#${e0.paper.id}`);
  });

  it('hostile titles, authors and summaries survive as text, and no markup of theirs reaches the content', () => {
    const atom = parseFeed(files.get('feeds/2026-02-02.atom.xml') ?? '');
    const item = atom.items.find((i) => i.id === 'urn:arxiv:2602.00001v1');
    expect(item?.title).toBe(HOSTILE_TITLE);
    // Person names are plain text in Atom. This parser decodes entities once more than XML does (lenient), so the
    // exact name is read with a plain XML parser; the parser still sees the markup as text.
    expect(item?.authors[0]?.name).toContain('<script>alert(1)</script>');
    const xml = new XMLParser({ isArray: (name) => ['entry', 'author'].includes(name) }).parse(files.get('feeds/2026-02-02.atom.xml') ?? '') as {
      feed: { entry: { id: string; author: { name: string }[] }[] };
    };
    expect(xml.feed.entry.find((e) => e.id === 'urn:arxiv:2602.00001v1')?.author[0]?.name).toBe(HOSTILE_AUTHOR);
    expect(item?.description).toBe(HOSTILE_TLDR);
    // The content is HTML: as a browser would parse it, it has no element of the paper's and shows its text.
    const raw = xml.feed.entry.find((e) => e.id === 'urn:arxiv:2602.00001v1') as unknown as { content: string } | undefined;
    const html = parseHtml(raw?.content ?? '');
    expect(html.querySelectorAll('script, img, b')).toHaveLength(0);
    expect(html.querySelectorAll('strong').map((s) => s.text)).toEqual(['TL;DR:', 'Motivation:', 'Method:', 'Result:', 'Conclusion:']);
    expect(html.text).toContain(`TL;DR: ${HOSTILE_TLDR}`);
    const json = JSON.parse(files.get('feeds/2026-02-02.json') ?? '{}') as { items: Record<string, unknown>[] };
    const jItem = json.items.find((i) => i.id === 'urn:arxiv:2602.00001v1');
    expect(jItem?.title).toBe(HOSTILE_TITLE);
    expect(jItem?.authors).toEqual([{ name: HOSTILE_AUTHOR }, { name: 'Bob' }]);
    expect(jItem?.summary).toBe(HOSTILE_TLDR);
    expect(parseHtml(String(jItem?.content_html)).querySelectorAll('script, img, b')).toHaveLength(0);
  });

  it('text-mode LaTeX: plain text in titles and summaries, elements in the HTML content', () => {
    const title = 'Fast \\emph{<i>exact</i>} search';
    const day = digest('2026-02-06', [entry(paper('2602.00010', { title }), { summary: summary('We present \\textbf{Flow++}, 5\\% faster, $\\textbf{x}_1$.') })]);
    const json = JSON.parse(buildFeeds([day], { siteUrl: SITE }).get('feeds/2026-02-06.json') ?? '{}') as { items: Record<string, unknown>[] };
    const item = json.items[0];
    expect(item?.title).toBe('Fast <i>exact</i> search');
    expect(item?.summary).toBe('We present Flow++, 5% faster, $\\textbf{x}_1$.');
    const html = parseHtml(String(item?.content_html));
    expect(html.querySelectorAll('b').map((b) => b.text)).toEqual(['Flow++', 'Flow++', 'Flow++', 'Flow++', 'Flow++']);
    expect(String(item?.content_html)).toContain('<strong>TL;DR:</strong> We present <b>Flow++</b>, 5% faster, $\\textbf{x}_1$.</p>');
  });

  it('TeX accents read in titles and author names, in Atom and JSON Feed alike', () => {
    const p = paper('2602.00011', { title: 'Schr\\"odinger bridges after Poincar{\\\'e}', authors: ['Ana M\\"uller', 'Bob'] });
    const files = buildFeeds([digest('2026-02-07', [entry(p)])], { siteUrl: SITE });
    const atom = parseFeed(files.get('feeds/2026-02-07.atom.xml') ?? '').items[0];
    expect([atom?.title, atom?.authors.map((a) => a.name)]).toEqual(['Schrödinger bridges after Poincaré', ['Ana Müller', 'Bob']]);
    const json = JSON.parse(files.get('feeds/2026-02-07.json') ?? '{}') as { items: Record<string, unknown>[] };
    expect([json.items[0]?.title, json.items[0]?.authors]).toEqual(['Schrödinger bridges after Poincaré', [{ name: 'Ana Müller' }, { name: 'Bob' }]]);
  });

  it('shows fallback and unavailable labels, and omits authors only where a paper lists none', () => {
    const json = JSON.parse(files.get('feeds/2026-02-02.json') ?? '{}') as { items: Record<string, unknown>[] };
    const byId = new Map(json.items.map((i) => [i.id, i]));
    expect(byId.get('urn:arxiv:2602.00002v1')?.summary).toBe('(built-in summary; LLM failed: LLM timed out <again>) Built-in fallback text.');
    expect(byId.get('urn:arxiv:2602.00003v1')?.summary).toBe('Summary unavailable (refused & <odd>).');
    expect(String(byId.get('urn:arxiv:2602.00003v1')?.content_html)).not.toContain('Motivation');
    expect(byId.get('urn:arxiv:2602.00005v1')?.summary).toBe('Summary unavailable (no summary was made).');
    expect(byId.get('urn:arxiv:2602.00005v1')).not.toHaveProperty('authors');
    expect(byId.get('urn:arxiv:2601.09999v3')?.id).toBe('urn:arxiv:2601.09999v3');
  });

  it('category feeds hold the papers listed in that category, cross-lists included, newest day first', () => {
    const stat = JSON.parse(files.get('feeds/stat.ML.json') ?? '{}') as { items: { id: string; tags: string[] }[] };
    expect(stat.items.every((i) => i.tags.includes('stat.ML'))).toBe(true);
    const ids = stat.items.map((i) => i.id);
    expect(ids).toContain('urn:arxiv:2601.09999v3');
    // The later cross-listing of the same version is the same item; it keeps its first announcement.
    expect(ids.filter((id) => id === 'urn:arxiv:2602.00004v1')).toHaveLength(1);
    const cs = JSON.parse(files.get('feeds/cs.LG.json') ?? '{}') as { items: { id: string; tags: string[]; date_published: string }[] };
    expect(cs.items.every((i) => i.tags.includes('cs.LG'))).toBe(true);
    const dates = cs.items.map((i) => i.date_published);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('the root feed covers only the latest days and never repeats an id', () => {
    const small = buildFeeds(days(), { siteUrl: SITE, latestDays: 2 });
    const root = JSON.parse(small.get('feed.json') ?? '{}') as { items: { id: string; date_published: string }[] };
    const dates = new Set(root.items.map((i) => i.date_published.slice(0, 10)));
    expect([...dates].sort()).toEqual(['2026-02-02', '2026-02-04']);
    const ids = root.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(root.items.find((i) => i.id === 'urn:arxiv:2602.00004v1')?.date_published).toBe('2026-02-02T05:00:00.000Z');
  });

  it('is deterministic: the same days give byte-identical files', () => {
    const again = buildFeeds([...days()].reverse(), { siteUrl: SITE, latestDays: 5 });
    expect([...again]).toEqual([...files]);
  });

  it('day by day: the per-day pairs plus the feeds of the latest days make the same files as the whole archive', () => {
    const options = { siteUrl: SITE, latestDays: 2 };
    const whole = buildFeeds(days(), options);
    const parts = new Map([...days().flatMap((d) => [...buildDayFeeds(d, options)]), ...buildLatestFeeds(days().slice(-2), options)]);
    expect(new Map([...parts].sort())).toEqual(new Map([...whole].sort()));
    expect([...buildDayFeeds(hostileDay('2026-02-02'), options).keys()]).toEqual(['feeds/2026-02-02.atom.xml', 'feeds/2026-02-02.json']);
    expect(() => buildDayFeeds({ ...crossLaterDay(), date: '../x' }, options)).toThrow('is not a YYYY-MM-DD date');
  });

  it('dates a later listing of a version by its first announcement, so the date holds as the window slides', () => {
    const p = paper('2603.00001', { categories: ['cs.LG', 'stat.ML'] });
    const first = digest('2026-03-09', [entry(p)]);
    const cross = digest('2026-03-13', [{ ...entry(p, { section: 'stat.ML', announceType: 'cross' }), firstSeen: '2026-03-09' }]);
    const replaced = digest('2026-03-16', [{ ...entry({ ...p, version: 2 }, { announceType: 'replace' }), firstSeen: '2026-03-09' }]);
    const dateOf = (files: FeedFiles, file: string, id: string) =>
      (JSON.parse(files.get(file) ?? '{}') as { items: { id: string; date_published: string }[] }).items.find((i) => i.id === id)?.date_published;
    const v1 = 'urn:arxiv:2603.00001v1';
    const whole = buildFeeds([first, cross, replaced], { siteUrl: SITE, latestDays: 3 });
    const slid = buildFeeds([first, cross, replaced], { siteUrl: SITE, latestDays: 2 });
    const march9 = '2026-03-09T04:00:00.000Z';
    expect(dateOf(whole, 'feed.json', v1)).toBe(march9);
    expect(dateOf(slid, 'feed.json', v1)).toBe(march9);
    expect(dateOf(slid, 'feeds/stat.ML.json', v1)).toBe(march9);
    expect(dateOf(whole, 'feeds/2026-03-13.json', v1)).toBe(march9);
    expect(parseFeed(slid.get('feed.atom.xml') ?? '').items.find((i) => i.id === v1)?.published?.toISOString()).toBe(march9);
    // A new version is a new item, first announced on the day that lists it (firstSeen is of the paper).
    expect(dateOf(slid, 'feed.json', 'urn:arxiv:2603.00001v2')).toBe('2026-03-16T04:00:00.000Z');
  });

  it('the Atom feeds carry the summaries\' language as xml:lang, as feed.json carries `language`', () => {
    const root = new XMLParser({ ignoreAttributes: false }).parse(files.get('feed.atom.xml') ?? '') as { feed: Record<string, unknown> };
    expect(root.feed['@_xml:lang']).toBe('en');
    expect((JSON.parse(files.get('feed.json') ?? '{}') as { language?: string }).language).toBe('en');
    const german = entry(paper('2603.00002'), { summary: { ...summary('Kurz.'), meta: { ...summary('x').meta, language: 'de-CH' } } });
    expect(buildFeeds([digest('2026-03-02', [german])], { siteUrl: SITE }).get('feeds/cs.LG.atom.xml')).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-CH">');
    // No summary, no language claimed; a malformed tag is left out rather than written into the XML.
    const none = buildFeeds([digest('2026-03-02', [entry(paper('2603.00003'), { summary: null })])], { siteUrl: SITE });
    expect(none.get('feed.atom.xml')).not.toContain('xml:lang');
    const odd = entry(paper('2603.00004'), { summary: { ...summary('x'), meta: { ...summary('x').meta, language: 'en" onload="x' } } });
    expect(buildFeeds([digest('2026-03-02', [odd])], { siteUrl: SITE }).get('feed.atom.xml')).not.toContain('xml:lang');
  });

  it('dates announcements at midnight New York time, in winter and in summer', () => {
    const summer = buildFeeds([digest('2026-07-01', [entry(paper('2607.00001'))])], { siteUrl: SITE });
    const item = (JSON.parse(summer.get('feed.json') ?? '{}') as { items: { date_published: string }[] }).items[0];
    expect(item?.date_published).toBe('2026-07-01T04:00:00.000Z');
  });

  it('refuses a site URL that is not absolute http(s)', () => {
    expect(() => buildFeeds(days(), { siteUrl: 'site/' })).toThrow(ConfigError);
    expect(() => buildFeeds(days(), { siteUrl: 'javascript:alert(1)' })).toThrow(/absolute http\(s\) URL/);
  });
});
