/**
 * The reader's search in headless Chromium (harness.ts), served in server mode: six months of one small day each
 * over a store that also holds a paper no day lists. What the archive's matches say about this site, how often
 * the archive is asked, quoted phrases, and leaving the search with Escape.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { buildReader } from '../../scripts/build-reader.mjs';
import { buildSite, serveSite } from '../../src/site/index.js';
import type { SiteServer } from '../../src/site/index.js';
import sqliteStore from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { checkPages, launchBrowser, openReader, withChromium } from './harness.js';
import { day, entry, paper } from './days.js';

let dir: string;
let server: SiteServer;
let store: Store;
let browser: Browser;

const MONTHS = ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01'];
/** The one paper of month i; the newest is a cross-listing. */
const idOf = (i: number): string => `${MONTHS[i]!.slice(2, 4)}${MONTHS[i]!.slice(5)}.0000${i}`;

function open(hash = ''): Promise<Page> {
  return openReader(browser, server.url, hash);
}

/** The archive section's items as `id: label`. */
function archiveLabels(page: Page): Promise<string[]> {
  return page.locator('section.archive-search li.result').evaluateAll((lis) => lis.map((li) => `${li.querySelector('.pid')?.textContent}: ${li.querySelector('.where')?.textContent}`).sort());
}

withChromium('reader search in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pd-browser-search-'));
    const bundle = path.join(dir, 'bundle');
    await buildReader({ outDir: bundle });
    const papers = MONTHS.map((_, i) => paper(idOf(i), { abstract: i === 0 || i === 5 ? 'An ancient quasicrystal result, a tiling of the plane.' : 'A recent result.' }));
    const days = MONTHS.map((m, i) => day(`${m}-10`, [entry(papers[i]!, { announceType: i === 5 ? 'cross' : 'new' })]));
    await buildSite(days, path.join(dir, 'site'), { assetsDir: bundle });
    store = await sqliteStore({ path: path.join(dir, 'archive.sqlite') });
    await store.upsertPapers([papers[0]!, papers[5]!, paper('2401.09999', { title: 'Quasicrystal tilings' })]);
    server = await serveSite(path.join(dir, 'site'), { search: store.search?.bind(store) });
    browser = await launchBrowser();
  }, 120_000);

  afterEach(checkPages);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('labels archive matches by what the site holds, not by what this search showed, and relabels after older months', async () => {
    // The type filter hides the newest month's paper from the site's results; the oldest month is not searched yet.
    const page = await open('#/search?q=quasicrystal&type=new');
    await expect.poll(() => archiveLabels(page)).toEqual([
      '2401.09999v1: stored, not in this site',
      `${idOf(0)}v1: in a month of this site not searched yet`,
      `${idOf(5)}v1: in this site, 2026-01-10`,
    ]);
    expect(await page.locator(`section.archive-search a[href="#/day/2026-01-10?id=${idOf(5)}"]`).count()).toBe(1);
    await page.click('button.older');
    // Found by the site's own search now: listed there, not among the archive's.
    await expect.poll(() => archiveLabels(page)).toEqual(['2401.09999v1: stored, not in this site', `${idOf(5)}v1: in this site, 2026-01-10`]);
  });

  it('asks the archive once a typed query pauses, not on every keystroke, and never with a query over its limit', async () => {
    const page = await open();
    const asked: string[] = [];
    page.on('request', (r) => void (r.url().includes('/api/search') && asked.push(new URL(r.url()).searchParams.get('q') ?? '')));
    await page.focus('#search');
    await page.keyboard.type('quasicrystal', { delay: 40 });
    await expect.poll(() => page.locator('section.archive-search li.result').count()).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    expect(asked).toEqual(['quasicrystal']);
    await page.fill('#search', `quasicrystal ${'tiling '.repeat(80)}`);
    await expect.poll(() => page.locator('section.archive-search').textContent()).toBe('The archive search takes up to 500 characters; this query was not sent to it.');
    await page.waitForTimeout(400);
    expect(asked).toEqual(['quasicrystal']);
  });

  it('leaves the search with Escape in the search box: query and results gone, back on the day', async () => {
    const page = await open('#/day/2025-12-10');
    await page.keyboard.press('/');
    await page.keyboard.type('recent');
    await expect.poll(() => page.locator('li.result').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/day/2025-12-10');
    await expect.poll(() => page.locator('#main .card').count()).toBe(1);
    expect([await page.inputValue('#search'), await page.locator('li.result').count()]).toEqual(['', 0]);
    // Enter in the empty box stays on the day.
    await page.keyboard.press('/');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => location.hash)).toBe('#/day/2025-12-10');
  });
});
