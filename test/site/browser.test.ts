/**
 * The reader in real headless Chromium, served by serveSite from a site built with the real bundle: the sample
 * day plus a math day (an earlier month) and a hostile day (with a paper of unbroken 300-letter words). Every
 * page records its requests: none may leave the local server. A screenshot of the day view goes to
 * test-artifacts/day-view.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildReader } from '../../scripts/build-reader.mjs';
import { buildSite, serveSite } from '../../src/site/index.js';
import sqliteStore from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import type { SiteServer } from '../../src/site/index.js';
import type { SiteDay } from '../../src/site/types.js';
import { NOT_STATED } from '../../src/types.js';
import { renderEmail } from '../../src/channels/email-html.js';
import { CHROMIUM, HAVE_CHROMIUM, checkPages, launchBrowser, openReader } from './harness.js';
import type { OpenInit } from './harness.js';
import { ACCENT_ID, HOSTILE_SUMMARY, HOSTILE_TITLE, LONG_ID, MATH_ID, OVERLAID, RARE_WORD, REPO, WIDE_MATH_ID, day, entry, hostileDay, mathDay, paper, sampleDay, withLongWords, withWideMath } from './days.js';

const ARTIFACTS = path.join(REPO, 'test-artifacts');

let dir: string;
let server: SiteServer;
let history: SiteServer;
let archived: SiteServer;
let store: Store;
let browser: Browser;
let sample: SiteDay;

function open(hash = '', init: OpenInit & { site?: SiteServer } = {}): Promise<Page> {
  return openReader(browser, (init.site ?? server).url, hash, init);
}

const cards = (page: Page) => page.locator('#main .card');

if (!HAVE_CHROMIUM && process.env.CI) {
  describe('reader in Chromium', () => {
    it('needs chromium', () => {
      throw new Error(`chromium is not installed at ${CHROMIUM}; .ci/run installs the Debian package (apt-get install chromium)`);
    });
  });
} else if (!HAVE_CHROMIUM) {
  describe('reader in Chromium', () => {
    it.skip(`skipped: chromium is not installed at ${CHROMIUM} (under CI=true this fails)`, () => {});
  });
} else {
  describe('reader in Chromium', () => {
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'pd-browser-'));
      const bundle = path.join(dir, 'bundle');
      await buildReader({ outDir: bundle });
      const site = path.join(dir, 'site');
      await buildSite([await sampleDay(), mathDay(), withWideMath(withLongWords(hostileDay()))], site, { assetsDir: bundle, title: 'Test digest' });
      sample = JSON.parse(readFileSync(path.join(site, 'data/days/2026-01-30.json'), 'utf8')) as SiteDay;
      server = await serveSite(site);
      // Six months of one small day each: more than the reader searches without being asked.
      const months = ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01'].map((m, i) =>
        day(`${m}-10`, [entry(paper(`${m.slice(2, 4)}${m.slice(5)}.0000${i}`, { abstract: i === 0 ? 'An ancient quasicrystal result.' : 'A recent result.' }))]),
      );
      await buildSite(months, path.join(dir, 'history'), { assetsDir: bundle });
      history = await serveSite(path.join(dir, 'history'));
      // The same site in server mode, over a store that also holds a paper no day of the site lists.
      store = await sqliteStore({ path: path.join(dir, 'archive.sqlite') });
      await store.upsertPapers([paper('2508.00000', { abstract: 'An ancient quasicrystal result.' }), paper('2401.09999', { title: 'Quasicrystal <b>tilings</b> $x^2$' })]);
      archived = await serveSite(path.join(dir, 'history'), { search: store.search?.bind(store) });
      browser = await launchBrowser();
    }, 120_000);

    afterEach(checkPages);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await history?.close();
      await archived?.close();
      await store?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('shows the latest day grouped by category, TL;DRs on the cards, the acknowledgement below', async () => {
      const page = await open();
      await expect.poll(() => cards(page).count()).toBe(sample.records.length);
      const headings = await page.locator('.section h2').allTextContents();
      expect(headings.map((t) => t.split(' ')[0])).toEqual(['cs.LG', 'stat.ML']);
      const first = sample.records[0];
      await expect.poll(() => cards(page).first().locator('.tldr').textContent()).toBe(`TL;DR ${first?.summary?.tldr}`);
      expect(await page.locator('footer').textContent()).toContain('Thank you to arXiv for use of its open access interoperability.');
      expect(await page.locator('#day-select').inputValue()).toBe('2026-01-30');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'day-view.png') });
      expect(existsSync(path.join(ARTIFACTS, 'day-view.png'))).toBe(true);
    });

    it('finds a paper of another day and month by a word of its abstract, and opens it with the word marked', async () => {
      const page = await open();
      await page.keyboard.press('/');
      await page.keyboard.type(RARE_WORD);
      const result = page.locator('li.result');
      await expect.poll(() => result.count()).toBe(1);
      expect(await result.locator('.meta').textContent()).toContain('2025-12-15');
      await result.locator('a.title').click();
      const card = page.locator(`.card[data-id="${MATH_ID}"]`);
      await expect.poll(() => card.locator('.abstract mark').allTextContents()).toEqual([RARE_WORD]);
      expect(await page.locator('#day-select').inputValue()).toBe('2025-12-15');
    });

    it('starts loading the newest month\'s search shard when the search box gets the focus, before any typing', async () => {
      const page = await open('', { site: history });
      const shards: string[] = [];
      page.on('request', (r) => void (/\/data\/search\/[^/]*\.json/.test(r.url()) && shards.push(new URL(r.url()).pathname)));
      await page.waitForTimeout(300);
      expect(shards).toEqual([]);
      await page.focus('#search');
      await expect.poll(() => shards).toEqual([expect.stringContaining('2026-01') as string]);
      // The search then reads it from memory: typing fetches no shard again.
      await page.keyboard.type('recent');
      await expect.poll(() => page.locator('ol.results').getAttribute('data-state')).toBe('done');
      expect(shards.filter((u) => u.includes('2026-01'))).toHaveLength(1);
    });

    it('searches the newest months at once and older months when asked', async () => {
      const page = await open('', { site: history });
      await page.fill('#search', 'quasicrystal');
      await expect.poll(() => page.locator('ol.results').getAttribute('data-state')).toBe('done');
      expect(await page.locator('li.result').count()).toBe(0);
      expect(await page.locator('p.status').textContent()).toBe('0 results for “quasicrystal” in the newest 4 months');
      const older = page.locator('button.older');
      expect(await older.textContent()).toMatch(/^Search the 2 older months too \(\d kB to load\)$/);
      await older.click();
      await expect.poll(() => page.locator('li.result .meta').textContent()).toContain('2025-08-10');
      expect(await page.locator('p.status').textContent()).toBe('1 result for “quasicrystal” in all 6 months');
    });

    it('in server mode, adds the archive matches the site does not hold, as links to arXiv', async () => {
      const page = await open('', { site: archived });
      await page.fill('#search', 'quasicrystal');
      const extra = page.locator('section.archive-search li.result');
      await expect.poll(() => extra.count()).toBe(2);
      expect(await page.locator('li.result').count()).toBe(2);
      const hrefs = await extra.locator('a.title').evaluateAll((as) => as.map((a) => a.getAttribute('href')).sort());
      expect(hrefs).toEqual(['https://arxiv.org/abs/2401.09999', 'https://arxiv.org/abs/2508.00000']);
      // Titles are data: the markup stays text, the math is typeset.
      const tiling = extra.filter({ hasText: 'tilings' });
      expect(await tiling.locator('b').count()).toBe(0);
      await expect.poll(() => tiling.locator('.katex').count()).toBe(1);
      expect(await tiling.locator('a.title').textContent()).toContain('<b>tilings</b>');
    });

    it('shows a field the abstract gives no material for muted, the others plain', async () => {
      const page = await open();
      const record = sample.records.find((r) => r.summary?.conclusion === NOT_STATED && r.summary.result !== NOT_STATED);
      const card = page.locator(`.card[data-id="${record!.id}"]`);
      await card.locator('button.expand').click();
      expect(await card.locator('.field.not-stated h4').allTextContents()).toEqual(['Conclusion']);
      const style = (sel: string) => card.locator(sel).first().evaluate((e) => getComputedStyle(e).fontStyle + ' ' + getComputedStyle(e).color);
      expect(await style('.field.not-stated p')).not.toBe(await style('.field:not(.not-stated):not(.abstract) p'));
    });

    it('filters a day by category, announce type and keyword', async () => {
      const page = await open();
      const stat = sample.records.filter((r) => r.section === 'stat.ML').map((r) => r.id);
      expect(stat.length).toBeGreaterThan(0);
      expect(stat.length).toBeLessThan(sample.records.length);
      await page.selectOption('form.filters select[name="cat"]', 'stat.ML');
      // Polled whole: a count can pass while cards are still being drawn.
      await expect.poll(() => cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(stat);
      expect(await page.locator('.section h2').allTextContents()).toEqual([expect.stringMatching(/^stat\.ML/)]);
      await page.selectOption('form.filters select[name="cat"]', '');
      await page.fill('form.filters input[name="kw"]', 'Dynamics-Aware');
      const matching = sample.records.filter((r) => JSON.stringify([r.title, r.authors, r.abstract, r.summary]).toLowerCase().includes('dynamics-aware'));
      await expect.poll(() => cards(page).count()).toBe(matching.length);
      expect(await page.locator('.card mark').count()).toBeGreaterThan(0);
      await page.reload();
      await page.waitForSelector('#main[data-ready="true"]');
      expect(await page.locator('form.filters input[name="kw"]').inputValue()).toBe('Dynamics-Aware'); // filters live in the URL
      await expect.poll(() => cards(page).count()).toBe(matching.length);
      // The sample day lists only `new` papers; the math day has a replacement.
      const math = await open('#/day/2025-12-15');
      await math.selectOption('form.filters select[name="type"]', 'replace');
      await expect.poll(() => cards(math).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(['2512.00103']);
      expect(await cards(math).locator('.meta .type').allTextContents()).toEqual(['replace']);
    });

    it('keeps a favourite across a reload, lists it, and exports it as BibTeX and JSON', async () => {
      const page = await open();
      const card = cards(page).nth(2);
      const id = await card.getAttribute('data-id');
      await card.locator('button.fav').click();
      await page.reload();
      await page.waitForSelector('#main[data-ready="true"]');
      expect(await page.locator(`.card[data-id="${id}"] button.fav`).getAttribute('aria-pressed')).toBe('true');
      await page.click('#favourites-link');
      await expect.poll(() => page.locator('li.result').getAttribute('data-id')).toBe(id);
      await page.click('details.menu summary');
      const [bib] = await Promise.all([page.waitForEvent('download'), page.click('#export-bibtex')]);
      expect(readFileSync((await bib.path()) ?? '', 'utf8')).toContain(`eprint        = {${id}}`);
      const [exported] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
      const file = (await exported.path()) ?? '';
      const fresh = await open('#/favourites');
      expect(await fresh.locator('li.result').count()).toBe(0);
      await fresh.click('details.menu summary');
      await fresh.setInputFiles('#import-json', file);
      await expect.poll(() => fresh.locator('li.result').getAttribute('data-id')).toBe(id);
    });

    it('renders math with KaTeX, text-mode formatting as <b>/<i>/<code>, and leaves prices as text', async () => {
      const page = await open('#/day/2025-12-15');
      const card = page.locator(`.card[data-id="${MATH_ID}"]`);
      await expect.poll(() => card.locator('.title .katex').count()).toBe(2);
      await card.locator('button.expand').click();
      const abstract = card.locator('.abstract');
      await expect.poll(() => abstract.locator('.katex').count()).toBe(3);
      expect(await abstract.locator('.katex-display').count()).toBe(1);
      expect(await abstract.textContent()).toContain('prices of $5 and $10 stay text; bold and code read 50%.');
      expect(await abstract.locator('b').allTextContents()).toEqual(['bold']);
      expect(await abstract.locator('i > code').allTextContents()).toEqual(['code']);
    });

    it('reads TeX accents in titles and authors, and styles the text around math inside a macro', async () => {
      const page = await open('#/day/2025-12-15');
      const card = page.locator(`.card[data-id="${ACCENT_ID}"]`);
      await expect.poll(() => card.locator('.title .katex').count()).toBe(1);
      expect(await card.locator('.title b').allTextContents()).toEqual(['-means']);
      expect(await card.locator('.title').textContent()).toMatch(/-means kernels after Poincaré$/);
      expect(await card.locator('.authors').textContent()).toBe('Ana Müller, Bob');
    });

    it('reads \\href and \\url as their text with the URL shown, linking http(s) only', async () => {
      const page = await open('#/day/2025-12-15');
      const card = page.locator(`.card[data-id="${MATH_ID}"]`);
      await card.locator('button.expand').click();
      const abstract = card.locator('.abstract');
      await expect.poll(() => abstract.textContent()).toContain('See our notes (https://example.org/notes), bad (javascript:alert(1)) and https://example.org/a--b.');
      const links = await abstract.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      expect(links).toEqual([
        ['our notes (https://example.org/notes)', 'https://example.org/notes'],
        ['https://example.org/a--b', 'https://example.org/a--b'],
      ]);
    });

    it('shows hostile titles and LLM text literally and runs none of it', async () => {
      const page = await open('#/day/2026-01-29');
      const card = cards(page).first();
      await card.locator('button.expand').click();
      await expect.poll(() => card.locator('.title').textContent()).toBe(HOSTILE_TITLE);
      expect(await card.locator('.tldr').textContent()).toBe(`TL;DR ${HOSTILE_SUMMARY}`);
      await page.keyboard.press('/');
      await page.keyboard.type('pwned');
      await expect.poll(() => page.locator('li.result a.title').textContent()).toBe(HOSTILE_TITLE);
      await page.goBack();
      await page.waitForTimeout(300); // give any injected handler a chance to fire
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        imgs: document.querySelectorAll('img').length,
        scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')?.split('?')[0]),
        injected: document.querySelectorAll('iframe, svg[onload], [onerror], [onmouseover], style, a[href^="javascript:"]').length,
        bodyVisible: getComputedStyle(document.body).display !== 'none',
      }));
      expect(state).toEqual({ pwned: undefined, imgs: 0, scripts: ['assets/theme.js', 'assets/reader.js'], injected: 0, bodyVisible: true });
    });

    it('marks fallback and failed summaries, shows For you and the ranking reasons', async () => {
      const hostile = await open('#/day/2026-01-29');
      expect(await hostile.locator('.status-label').allTextContents()).toEqual(['Built-in summary: the LLM failed (HTTP 429 <i>twice</i>)', 'Summary unavailable (no summary was made)']);
      const page = await open('#/day/2025-12-15');
      expect(await page.locator('.for-you li a').allTextContents()).toEqual(['A ranked paper on graph neural networks', expect.stringContaining('Sorting in')]);
      expect(await page.locator('.card').first().locator('.reasons li').allTextContents()).toEqual(['keyword: graph neural', 'author: Ada Lovelace']);
      await page.locator('.for-you li a').nth(1).click();
      await expect.poll(() => page.locator(`.card[data-id="${MATH_ID}"] button.expand`).getAttribute('aria-expanded')).toBe('true');
    });

    it('moves through cards with the keyboard and changes days with n and p', async () => {
      const page = await open('#/day/2025-12-15');
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(MATH_ID);
      await page.keyboard.press('Enter');
      expect(await page.locator(`.card[data-id="${MATH_ID}"] button.expand`).getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('f');
      expect(await page.locator(`.card[data-id="${MATH_ID}"] button.fav`).getAttribute('aria-pressed')).toBe('true');
      await page.keyboard.press('n');
      await expect.poll(() => page.locator('#day-select').inputValue()).toBe('2026-01-29');
      await page.keyboard.press('p');
      await expect.poll(() => page.locator('#day-select').inputValue()).toBe('2025-12-15');
    });

    it('opens links of the form index.html?day=DATE#ID made by the delivery channels', async () => {
      const page = await open(`index.html?day=2025-12-15#${MATH_ID}`);
      await expect.poll(() => page.locator(`.card[data-id="${MATH_ID}"] button.expand`).getAttribute('aria-expanded')).toBe('true');
    });

    it('says when the asked-for day is not in the site, shows the latest and corrects the URL', async () => {
      const missing = (page: Page) => page.locator('#main p.status.missing');
      const page = await open('#/day/2026-01-31?cat=stat.ML');
      await expect.poll(() => missing(page).textContent()).toBe('No digest for Saturday, 31 January 2026 (not announced or not built); showing the latest, Friday, 30 January 2026.');
      expect(await page.evaluate(() => location.hash)).toBe('#/day/2026-01-30?cat=stat.ML');
      expect(await page.locator('#day-select').inputValue()).toBe('2026-01-30');
      await page.selectOption('#day-select', '2026-01-29');
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Papers announced Thursday, 29 January 2026/);
      expect(await missing(page).count()).toBe(0);
      const odd = await open('#/nonsense');
      await expect.poll(() => missing(odd).textContent()).toBe('No such page: #/nonsense; showing the latest, Friday, 30 January 2026.');
      expect(await odd.evaluate(() => location.hash)).toBe('#/day/2026-01-30');
      const landing = await open();
      await expect.poll(() => cards(landing).count()).toBe(sample.records.length);
      expect(await missing(landing).count()).toBe(0);
    });

    it('explains on a file:// page that the folder must be served', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`file://${path.join(dir, 'history/index.html')}`);
      await expect.poll(() => page.locator('#loading').textContent()).toMatch(/^Browsers do not let this reader load its data from a file:\/\/ page\. Serve the folder instead: preprint-digest serve DIR/);
      await context.close();
    });

    it('wraps an unbroken 300-letter word in titles, authors, summaries, abstract and links: no sideways scrolling', async () => {
      const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      const phone = await open(`#/day/2026-01-29?id=${LONG_ID}`, { viewport: { width: 375, height: 740 } });
      await expect.poll(() => phone.locator(`.card[data-id="${LONG_ID}"] button.expand`).getAttribute('aria-expanded')).toBe('true');
      expect(await fits(phone)).toBe(true);
      await phone.fill('#search', 'overlong');
      await expect.poll(() => phone.locator('li.result').count()).toBe(1);
      expect(await fits(phone)).toBe(true);
      // On a wide screen the title stays inside the "For you" box and its card.
      const desk = await open('#/day/2026-01-29', { viewport: { width: 1000, height: 900 } });
      const inside = (inner: string, outer: string) =>
        desk.evaluate(([i, o]) => document.querySelector(i as string)!.getBoundingClientRect().right <= document.querySelector(o as string)!.getBoundingClientRect().right, [inner, outer]);
      expect(await inside('.for-you li:nth-child(2) a', '.for-you')).toBe(true);
      expect(await inside(`.card[data-id="${LONG_ID}"] .title`, `.card[data-id="${LONG_ID}"]`)).toBe(true);
      // Inline math 120 em wide stays inside its card, and text kerned back over the title's first words is not drawn there.
      const wide = desk.locator(`.card[data-id="${WIDE_MATH_ID}"]`);
      await expect.poll(() => wide.locator('.title .katex').count()).toBe(2);
      expect(await fits(desk)).toBe(true);
      expect(await inside(`.card[data-id="${WIDE_MATH_ID}"] .title .math:nth-of-type(2)`, `.card[data-id="${WIDE_MATH_ID}"]`)).toBe(true);
      await wide.scrollIntoViewIfNeeded();
      const onTop = await wide.locator('.title').evaluate((title, words) => {
        const range = document.createRange();
        range.setStart(title.firstChild!, 0);
        range.setEnd(title.firstChild!, words.length);
        const r = range.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit === title ? 'title' : `${hit?.tagName} ${hit?.className}`;
      }, OVERLAID);
      expect(onTop).toBe('title');
      // A bidi override in an author's name is gone: nothing after it shows reversed.
      expect(await wide.locator('.authors').textContent()).toBe('Safe Author TCARTER SI, Ada Lovelace');
      // The email's HTML part, in a phone-wide window.
      const mail = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
      const page = await mail.newPage();
      await page.setContent(renderEmail(withLongWords(hostileDay()), { details: true }).html);
      const email = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      await mail.close();
      expect(email[0]).toBeLessThanOrEqual(email[1] as number);
    });

    it('follows the dark colour scheme, has a theme toggle, and fits a phone screen', async () => {
      const page = await open('', { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
      const bg = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(await bg()).toBe('rgb(20, 21, 23)');
      await page.click('#theme-toggle'); // system → dark
      await page.click('#theme-toggle'); // dark → light
      expect(await bg()).toBe('rgb(251, 251, 250)');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });
  });
}
