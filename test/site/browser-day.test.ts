/**
 * The reader's day view in headless Chromium (harness.ts): state shared between tabs, cards scrolled to below the
 * sticky header, the keyword filter over the text as shown, deep links, and the page on a phone, in print and
 * without JavaScript. Same site as browser.test.ts: the sample day, the math day and the hostile day.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { buildReader } from '../../scripts/build-reader.mjs';
import { buildSite, serveSite } from '../../src/site/index.js';
import type { SiteServer } from '../../src/site/index.js';
import type { SiteDay } from '../../src/site/types.js';
import { checkPages, launchBrowser, openReader, withChromium } from './harness.js';
import type { OpenInit } from './harness.js';
import { MATH_ID, day, entry, hostileDay, mathDay, paper, sampleDay, summary } from './days.js';

const KL_ID = '2511.00001';
/** Papers listed months after the month their ids name (a replacement, a cross-list of an old paper). */
const OLD_IDS = ['1706.03762', 'math/0601001'];
const BAD_MATH_ID = '2511.00002';
const BAD_MATH = 'Unclosed $\\frac{a$';
const ARABIC_ID = '2511.00003';
const INCOMPLETE = 'cs.LG: the listing counts 9 papers, 8 of them <b>nowhere</b>';

let dir: string;
let server: SiteServer;
let browser: Browser;
let sample: SiteDay;

function open(hash = '', init: OpenInit = {}): Promise<Page> {
  return openReader(browser, server.url, hash, init);
}

const cards = (page: Page) => page.locator('#main .card');
const expanded = (page: Page, id: string) => page.locator(`.card[data-id="${id}"] button.expand`).getAttribute('aria-expanded');
const notice = (page: Page) => page.locator('#main p.status.missing').textContent();
const pressed = (page: Page, id: string, button: string) => page.locator(`.card[data-id="${id}"] button.${button}`).getAttribute('aria-pressed');

withChromium('reader day view in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pd-browser-day-'));
    const bundle = path.join(dir, 'bundle');
    await buildReader({ outDir: bundle });
    const site = path.join(dir, 'site');
    const kl = day('2025-11-20', [entry(paper(KL_ID, { title: 'Kullback--Leibler bounds for G\\"odel machines', abstract: 'A \\emph{tight} bound.' }))]);
    kl.incomplete = [INCOMPLETE];
    const old = day('2025-11-24', [
      ...OLD_IDS.map((id) => entry(paper(id), { announceType: 'replace' })),
      entry(paper(BAD_MATH_ID, { title: BAD_MATH }), { summary: summary(BAD_MATH) }),
      entry(paper(ARABIC_ID, { title: 'An English title' }), { summary: summary('نقدم طريقة جديدة', { language: 'ar' }) }),
    ]);
    await buildSite([kl, old, await sampleDay(), mathDay(), hostileDay()], site, { assetsDir: bundle, title: 'Test digest' });
    sample = JSON.parse(readFileSync(path.join(site, 'data/days/2026-01-30.json'), 'utf8')) as SiteDay;
    server = await serveSite(site);
    browser = await launchBrowser();
  }, 120_000);

  afterEach(checkPages);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the favourites and read marks of two open tabs, and shows each tab the other\'s', async () => {
    const [a, b] = [sample.records[0]!.id, sample.records[1]!.id];
    const first = await open();
    const second = await open('', { beside: first });
    await first.locator(`.card[data-id="${a}"] button.fav`).click();
    // The other tab hears of it without a reload...
    await expect.poll(() => pressed(second, a, 'fav')).toBe('true');
    // ...and its own change keeps the first tab's.
    await second.locator(`.card[data-id="${b}"] button.read-toggle`).click();
    await first.reload();
    await first.waitForSelector('#main[data-ready="true"]');
    expect([await pressed(first, a, 'fav'), await pressed(first, b, 'read-toggle')]).toEqual(['true', 'true']);
    expect(await cards(first).count()).toBe(sample.records.length);
  });

  it('scrolls a deep-linked card and the card k moves to below the sticky header, also on a phone', async () => {
    const below = (page: Page) =>
      page.evaluate(() => {
        const card = document.activeElement!.closest('.card')!.getBoundingClientRect();
        return Math.round(card.top) >= Math.round(document.querySelector('header.top')!.getBoundingClientRect().bottom);
      });
    for (const viewport of [{ width: 1200, height: 900 }, { width: 375, height: 740 }]) {
      const target = sample.records[12]!.id;
      const page = await open(`#/day/2026-01-30?id=${target}`, { viewport });
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(target);
      expect(await below(page)).toBe(true);
      await page.keyboard.press('k');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(sample.records[11]!.id);
      expect(await below(page)).toBe(true);
    }
  });

  it('filters a day by the text as the cards show it, not its LaTeX source', async () => {
    const shown = async (page: Page, kw: string): Promise<string[]> => {
      await page.fill('form.filters input[name="kw"]', kw);
      await page.waitForFunction((k) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('kw') === k, kw);
      return cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    };
    const math = await open('#/day/2025-12-15');
    expect(await shown(math, '50%')).toEqual([MATH_ID]);
    expect(await shown(math, 'textbf')).toEqual([]);
    expect(await shown(math, 'bold and code')).toEqual([MATH_ID]);
    const kl = await open('#/day/2025-11-20');
    expect(await kl.locator('.card .title').textContent()).toContain('Kullback–Leibler');
    for (const kw of ['Kullback–Leibler', 'kullback-leibler', 'Kullback—Leibler']) expect(await shown(kl, kw)).toEqual([KL_ID]);
    expect(await shown(kl, 'Kullback--Leibler')).toEqual([]);
    expect(await shown(kl, 'emph')).toEqual([]);
  });

  it('opens deep links with a version, finds the day of a bare id, and says when a day does not list the paper', async () => {
    const versioned = await open(`#/day/2025-12-15?id=${MATH_ID}v1`);
    await expect.poll(() => expanded(versioned, MATH_ID)).toBe('true');
    for (const link of [`#${MATH_ID}`, `index.html#${MATH_ID}v2`]) {
      const bare = await open(link);
      await expect.poll(() => expanded(bare, MATH_ID)).toBe('true');
      expect(await bare.locator('#day-select').inputValue()).toBe('2025-12-15');
    }
    const elsewhere = await open(`#/day/2026-01-30?id=${MATH_ID}`);
    await expect.poll(() => notice(elsewhere)).toBe(`Paper ${MATH_ID} is not listed on Friday, 30 January 2026; it is listed on Monday, 15 December 2025.`);
    await elsewhere.click('#main p.status.missing a');
    await expect.poll(() => expanded(elsewhere, MATH_ID)).toBe('true');
    const unknown = await open('#/day/2026-01-30?id=9999.99999');
    await expect.poll(() => notice(unknown)).toBe('Paper 9999.99999 is not in this site; showing Friday, 30 January 2026.');
  });

  it('finds the day of a paper listed months after the month its id names, old-style ids too', async () => {
    const [replaced, oldStyle] = OLD_IDS as [string, string];
    const elsewhere = await open(`#/day/2026-01-30?id=${encodeURIComponent(oldStyle)}`);
    await expect.poll(() => notice(elsewhere)).toBe(`Paper ${oldStyle} is not listed on Friday, 30 January 2026; it is listed on Monday, 24 November 2025.`);
    const bare = await open(`index.html#${replaced}`);
    await expect.poll(() => expanded(bare, replaced)).toBe('true');
    expect(await bare.locator('#day-select').inputValue()).toBe('2025-11-24');
  });

  it('shows a formula KaTeX cannot read as its source, marked, with no inline style for the CSP to refuse', async () => {
    const page = await open('#/day/2025-11-24');
    const card = page.locator(`.card[data-id="${BAD_MATH_ID}"]`);
    await expect.poll(() => card.locator('.title .math-error').textContent()).toBe('$\\frac{a$');
    expect(await card.locator('.tldr .math-error').textContent()).toBe('$\\frac{a$');
    expect(await card.locator('.katex, [style]').count()).toBe(0);
    // checkPages (afterEach) fails the test on a CSP violation.
  });

  it('gives a summary its language and direction (Arabic right to left), the title and labels staying English', async () => {
    const page = await open(`#/day/2025-11-24?id=${ARABIC_ID}`);
    const card = page.locator(`.card[data-id="${ARABIC_ID}"]`);
    await expect.poll(() => expanded(page, ARABIC_ID)).toBe('true');
    const langs = (sel: string) => card.locator(sel).evaluateAll((els) => els.map((e) => [e.closest('[lang]')?.getAttribute('lang'), getComputedStyle(e).direction]));
    expect(await langs('.tldr > span')).toEqual([['ar', 'rtl']]);
    expect(await langs('.field:not(.abstract) p')).toEqual(Array(4).fill(['ar', 'rtl']));
    expect(await langs('.title, .tldr strong, .field h4, .abstract p')).toEqual(Array(8).fill(['en', 'ltr']));
  });

  it('says atop a day known to lack papers why, as text, and nothing on a whole day', async () => {
    const kl = await open('#/day/2025-11-20');
    await expect.poll(() => kl.locator('#main .incomplete li').allTextContents()).toEqual([INCOMPLETE]);
    expect(await kl.locator('#main .incomplete b').count()).toBe(0);
    expect(await kl.locator('#main .incomplete + * .card, #main .incomplete ~ .sections .card').count()).toBe(1);
    const whole = await open('#/day/2026-01-30');
    await expect.poll(() => whole.locator('#main .card').count()).toBeGreaterThan(0);
    expect(await whole.locator('#main .incomplete').count()).toBe(0);
  });

  it('keeps the open data menu inside a phone screen', async () => {
    const page = await open('', { viewport: { width: 375, height: 740 } });
    await page.click('details.menu summary');
    const box = await page.locator('.menu-body').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  });

  it('gives a favourite\'s button text at least 4.5:1 contrast in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open('', { colorScheme });
      const fav = cards(page).first().locator('button.fav');
      await fav.click();
      const ratio = await fav.evaluate((b) => {
        const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: string) => {
          const [r, g, bl] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
        };
        const [fg, bg] = [lum(getComputedStyle(b).color), lum(getComputedStyle(b).backgroundColor)];
        return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      });
      expect(ratio).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('without JavaScript shows only the noscript message, which says where the data are', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      const visible = (sel: string) => page.locator(sel).first().isVisible();
      expect(await Promise.all(['#loading', '.daynav', '.searchbox', '.tools'].map(visible))).toEqual([false, false, false, false]);
      expect(await page.locator('main').innerText()).toMatch(/needs JavaScript[^]*data\/days\/YYYY-MM-DD\.json[^]*data\/manifest\.json/);
      expect(await page.locator('main a[href="data/manifest.json"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('prints the papers with every card expanded, without header, filters or buttons, and marks none read', async () => {
    const page = await open('#/day/2025-12-15');
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('.card .details').count()).toBe(3);
    const visible = (sel: string) => page.locator(sel).evaluateAll((els) => els.map((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === 'fixed'));
    expect(await visible('.card .details')).toEqual([true, true, true]);
    for (const sel of ['header.top', 'form.filters', '.card .actions']) expect(await visible(sel), sel).not.toContain(true);
    expect(await page.locator('.card.read').count()).toBe(0);
  });
});
