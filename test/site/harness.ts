/**
 * The browser tests' harness: headless Chromium (skipped without it, failing under CI), and pages that record
 * what must never happen — a request leaving the local server, a dialog, a script error, a CSP violation —
 * checked by `checkPages` after each test.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export interface OpenInit {
  viewport?: { width: number; height: number };
  colorScheme?: 'dark' | 'light';
  /** Open another page in the context of this one (same storage), instead of a new context. */
  beside?: Page;
}

interface Record {
  context: BrowserContext;
  external: string[];
  dialogs: string[];
  errors: string[];
}

const opened: Record[] = [];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

async function newContext(browser: Browser, base: string, init: OpenInit): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: init.viewport ?? { width: 1200, height: 900 }, colorScheme: init.colorScheme ?? 'light', acceptDownloads: true });
  const record: Record = { context, external: [], dialogs: [], errors: [] };
  opened.push(record);
  context.on('request', (r) => void (r.url().startsWith(base) || r.url().startsWith('blob:') || record.external.push(r.url())));
  context.on('page', (p) => {
    p.on('dialog', (d) => (record.dialogs.push(d.message()), void d.dismiss()));
    p.on('pageerror', (e) => record.errors.push(e.message));
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return context;
}

/** A page of the reader at `base` + `hash`, once the reader has drawn its first view. */
export async function openReader(browser: Browser, base: string, hash = '', init: OpenInit = {}): Promise<Page> {
  const context = init.beside?.context() ?? (await newContext(browser, base, init));
  const page = await context.newPage();
  await page.goto(`${base}${hash}`);
  await page.waitForSelector('#main[data-ready="true"]');
  return page;
}

/** Close every page opened since the last call and expect none to have recorded a problem. */
export async function checkPages(): Promise<void> {
  for (const r of opened.splice(0)) {
    const csp = await Promise.all(r.context.pages().map((p) => p.evaluate(() => (window as unknown as { __csp: string[] }).__csp).catch(() => [])));
    await r.context.close();
    expect({ external: r.external, dialogs: r.dialogs, errors: r.errors, csp: csp.flat() }).toEqual({ external: [], dialogs: [], errors: [], csp: [] });
  }
}

/** Run `body` (a describe's content) when Chromium is there; otherwise one failing (CI) or skipped test says why. */
export function withChromium(name: string, body: () => void): void {
  if (HAVE_CHROMIUM) return void describe(name, body);
  describe(name, () => {
    if (process.env.CI) {
      it('needs chromium', () => {
        throw new Error(`chromium is not installed at ${CHROMIUM}; .ci/run installs the Debian package (apt-get install chromium)`);
      });
    } else it.skip(`skipped: chromium is not installed at ${CHROMIUM} (under CI=true this fails)`, () => {});
  });
}
