/** The reader through the CLI: `run` adds its day to DIR/site, `site` rebuilds it with feeds, `serve` serves it. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, startServe, tempDir } from '../helpers/cli.js';

describe('CLI: the web reader', () => {
  const out = tempDir();
  const db = path.join(out, 'db.sqlite');

  it('run writes the reader into DIR/site with the day in it', async () => {
    const r = await runCli(['run', '--sample', '--out', out, '--db', db, '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'site/data/manifest.json'), 'utf8'));
    expect(manifest.days.map((d: { date: string }) => d.date)).toEqual(['2026-01-30']);
    expect(readFileSync(path.join(out, 'site/index.html'), 'utf8')).toMatch(/Thank you to arXiv for use of its open access interoperability/);
    expect(existsSync(path.join(out, 'site/feed.atom.xml'))).toBe(false); // no site URL, no feeds
  });

  it('site rebuilds the reader from the store, with feeds when the site URL is known', async () => {
    const site = path.join(tempDir(), 'site');
    const r = await runCli(['site', '--out', site, '--db', db, '--site-url', 'https://example.org/digest/']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^site: 1 day, 189 papers → /);
    const atom = readFileSync(path.join(site, 'feed.atom.xml'), 'utf8');
    expect(atom).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(JSON.parse(readFileSync(path.join(site, 'feeds/stat.ML.json'), 'utf8')).items).toHaveLength(17);
  });

  it('site says how many papers it shows without a stored summary (a day fetched, or still being summarized)', async () => {
    const dir = tempDir();
    const feed = path.join(import.meta.dirname, '../fixtures/arxiv/rss-eess.SY+cs.LG-2026-01-29.small.xml');
    const fetched = await runCli(['fetch', '--feed-file', feed, '--db', path.join(dir, 'db.sqlite')]);
    expect(fetched.code, fetched.stderr).toBe(0);
    const r = await runCli(['site', '--out', path.join(dir, 'site'), '--db', path.join(dir, 'db.sqlite')]);
    expect(r.stdout).toMatch(/^site: 1 day, 3 papers \(3 without a stored summary\) → /);
  });

  it('exits 2 with one line naming the path when --out is a file, and on a --port that is no port', async () => {
    const file = path.join(tempDir(), 'afile');
    writeFileSync(file, 'not a folder\n');
    for (const args of [['run', '--sample', '--progress', 'none'], ['render'], ['site']]) {
      const r = await runCli([...args, '--out', file, '--db', db]);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim()).toBe(`preprint-digest: cannot write the output to ${file}: a file is in the way; pick another folder with --out`);
    }
    for (const port of ['99999', 'abc', '-1']) {
      const r = await runCli(['serve', path.join(out, 'site'), '--port', port, '--no-archive-search']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`preprint-digest: --port must be a whole number from 0 to 65535, got "${port}"`);
    }
  });

  it('site names the flag of a bad day and refuses an inverted range', async () => {
    const bad = await runCli(['site', '--from', '2026-02-30', '--out', tempDir(), '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('preprint-digest: --from must be a date like 2026-01-30, got "2026-02-30"');
    const inverted = await runCli(['site', '--from', '2026-02-01', '--date', '2026-01-01', '--out', tempDir(), '--db', db]);
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toMatch(/--from 2026-02-01 is after --date 2026-01-01/);
  });

  it('serve answers with the reader on localhost, and searches the stored archive', async () => {
    const { url, said, stop } = await startServe([path.join(out, 'site'), '--port', '0', '--db', db], REPO);
    expect(said).toMatch(/archive search over 189 papers in the store/);
    const search = (await (await fetch(new URL('api/search?q=diffusion&limit=3', url))).json()) as { hits: { id: string }[] };
    expect(search.hits).toHaveLength(3);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const day = await fetch(new URL('data/days/2026-01-30.json', url));
    expect(((await day.json()) as { records: unknown[] }).records).toHaveLength(189);
    expect((await fetch(new URL('../db.sqlite', url))).status).toBe(404);
    await stop();
  });

  it('serve --no-archive-search serves the files only; given the digest folder, its site/', async () => {
    const { url, said, stop } = await startServe([out, '--port', '0', '--db', db, '--no-archive-search'], REPO);
    expect(said).toContain(`serving ${path.join(out, 'site')} at`);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(new URL('api/search?q=diffusion', url))).status).toBe(404);
    await stop();
  });
});

describe('CLI: a rebuilt reader keeps the ranking', () => {
  it('site --rank (or config rank/profile) writes the For-you list and relevance run --rank wrote, for every day', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'db.sqlite');
    const { rssFeed } = await import('../sources/builders.js');
    writeFileSync(path.join(dir, 'day1.xml'), rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', [{ id: '2601.30001', categories: ['cs.LG'] }]));
    expect((await runCli(['run', '--feed-file', path.join(dir, 'day1.xml'), '--out', path.join(dir, 'day1'), '--db', db, '--progress', 'none'])).code).toBe(0);
    const profile = path.join(dir, 'profile.json');
    writeFileSync(profile, JSON.stringify({ keywords: ['privacy', 'graph neural networks'], library: [{ id: '2601.21369' }, { id: '2601.21564' }] }));
    // A fresh output folder: run's reader gets the earlier day too, ranked as well.
    const out = path.join(dir, 'out');
    const run = await runCli(['run', '--sample', '--rank', '--profile', profile, '--out', out, '--db', db, '--progress', 'none']);
    expect(run.code, run.stderr).toBe(0);
    const day = (site: string, date: string) => JSON.parse(readFileSync(path.join(site, `data/days/${date}.json`), 'utf8'));
    const ran = day(path.join(out, 'site'), '2026-01-30');
    expect(ran.forYou).toHaveLength(10);
    expect(ran.records.filter((r: { relevance?: unknown }) => r.relevance)).toHaveLength(189);
    expect(day(path.join(out, 'site'), '2026-01-29').records[0].relevance).toBeDefined();

    const flagged = path.join(dir, 'flagged');
    const r = await runCli(['site', '--rank', '--profile', profile, '--out', flagged, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ rank: true, profile }));
    const configured = path.join(dir, 'configured');
    expect((await runCli(['site', '--config', path.join(dir, 'config.json'), '--out', configured, '--db', db])).code).toBe(0);
    for (const site of [flagged, configured]) {
      for (const date of ['2026-01-29', '2026-01-30']) expect(day(site, date)).toEqual(day(path.join(out, 'site'), date));
    }
    const plain = path.join(dir, 'plain');
    expect((await runCli(['site', '--out', plain, '--db', db])).code).toBe(0);
    expect(day(plain, '2026-01-30').forYou).toBeNull();
  });
});

describe('CLI: serve without a folder', () => {
  it('serves <out>/site of the configured out, as site builds it, from any working directory', async () => {
    const dir = tempDir();
    const config = path.join(dir, 'pd.json');
    writeFileSync(config, JSON.stringify({ out: 'dg', db: 'store.sqlite', progress: 'none' }));
    const elsewhere = tempDir();
    expect((await runCli(['run', '--sample', '--config', config], { cwd: elsewhere })).code).toBe(0);
    const site = await runCli(['site', '--config', config], { cwd: tempDir() });
    expect(site.code, site.stderr).toBe(0);
    expect(site.stdout).toContain(path.join(dir, 'dg', 'site', 'index.html'));
    const served = await startServe(['--config', config, '--port', '0', '--no-archive-search'], tempDir());
    try {
      expect(served.said).toContain(`serving ${path.join(dir, 'dg', 'site')} at`);
      expect((await fetch(served.url)).status).toBe(200);
    } finally {
      await served.stop();
    }
  });

  it('without a reader there yet, names the command that builds it in that folder', async () => {
    const cwd = tempDir();
    const r = await runCli(['serve', '--no-archive-search'], { cwd, env: { PREPRINT_DIGEST_OUT: 'elsewhere' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`preprint-digest: no reader in ${path.join(cwd, 'elsewhere', 'site')} yet; build it with \`preprint-digest site\``);
  });
});

describe('CLI: serve hints', () => {
  it('points a digest folder without a reader at `site --out DIR/site`', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'run-report.json'), '{}\n');
    const r = await runCli(['serve', dir, '--no-archive-search']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`preprint-digest: ${dir} is a digest folder without a reader; build it with \`preprint-digest site --out ${path.join(dir, 'site')}\``);
  });

  it('refuses an explicit --db that does not exist, instead of serving without archive search', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>\n');
    const missing = path.join(dir, 'missing.sqlite');
    const r = await runCli(['serve', dir, '--port', '0', '--db', missing], { timeoutMs: 10_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`preprint-digest: no database at ${missing}; serve reads an existing store (give the one \`run\` or \`site\` use, or drop --db)`);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses an explicit --db that is an empty file and leaves it empty, instead of making it a store', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>\n');
    const empty = path.join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const r = await runCli(['serve', dir, '--port', '0', '--db', empty], { timeoutMs: 10_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`preprint-digest: no database at ${empty}; serve reads an existing store (give the one \`run\` or \`site\` use, or drop --db)`);
    expect(statSync(empty).size).toBe(0);
  });
});

describe('CLI: rebuilding the store from the JSONL record', () => {
  it('imports digest JSONL into a fresh store: the day renders the same and the next run reuses every summary', async () => {
    const first = tempDir();
    expect((await runCli(['run', '--sample', '--out', first, '--db', path.join(first, 'db.sqlite'), '--progress', 'none'])).code).toBe(0);
    const fresh = tempDir();
    const db = path.join(fresh, 'db.sqlite');
    const imp = await runCli(['import-jsonl', path.join(first, '2026-01-30.jsonl'), '--db', db]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/^imported 1 day: 189 listings of 189 papers; 189 summaries stored, all by the current summarizer versions → /);
    // Counted as stored: the same papers on another day are no more papers; summaries of an older composer
    // version (another cache key) are stored but not reused.
    const older = readFileSync(path.join(first, '2026-01-30.jsonl'), 'utf8').trim().split('\n').slice(0, 10).map((l) => JSON.parse(l));
    const day2 = older.map((r) => ({ ...r, date: '2026-01-29', summary_meta: { ...r.summary_meta, version: r.summary_meta.version.replace(/compose-v\d+$/, 'compose-v0') } }));
    writeFileSync(path.join(fresh, '2026-01-29.jsonl'), day2.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const both = await runCli(['import-jsonl', path.join(first, '2026-01-30.jsonl'), path.join(fresh, '2026-01-29.jsonl'), '--db', path.join(fresh, 'other.sqlite')]);
    expect(both.stdout).toMatch(/^imported 2 days: 199 listings of 189 papers; 199 summaries stored, 189 by the current summarizer versions \(`run` redoes the other 10\) → /);
    const rendered = tempDir();
    expect((await runCli(['render', '--date', '2026-01-30', '--out', rendered, '--db', db])).code).toBe(0);
    expect(readFileSync(path.join(rendered, '2026-01-30.md'), 'utf8')).toBe(readFileSync(path.join(first, '2026-01-30.md'), 'utf8'));
    // An earlier day in the store, then the sample day into a fresh folder: its reader holds both days.
    const { rssFeed } = await import('../sources/builders.js');
    writeFileSync(path.join(fresh, 'day1.xml'), rssFeed(['cs.LG'], 'Thu, 29 Jan 2026 00:00:00 -0500', [{ id: '2601.30001', categories: ['cs.LG'] }]));
    expect((await runCli(['run', '--feed-file', path.join(fresh, 'day1.xml'), '--out', path.join(fresh, 'day1'), '--db', db, '--progress', 'none'])).code).toBe(0);
    const out = path.join(fresh, 'out');
    const again = await runCli(['run', '--sample', '--out', out, '--db', db, '--progress', 'none']);
    expect(again.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')).counts.reused).toBe(189);
    const days = JSON.parse(readFileSync(path.join(out, 'site/data/manifest.json'), 'utf8')).days.map((d: { date: string }) => d.date);
    expect(days).toEqual(['2026-01-29', '2026-01-30']);
  });

  it('names the line of a malformed JSONL file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bad.jsonl'), '{"id": "2601.00001"}\n');
    const r = await runCli(['import-jsonl', path.join(dir, 'bad.jsonl'), '--db', path.join(dir, 'db.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl line 1: missing "title"/);
  });

  it('refuses a record whose summary is incomplete (a BOM before the first record is fine)', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'db.sqlite');
    expect((await runCli(['run', '--sample', '--out', dir, '--db', db, '--progress', 'none'])).code).toBe(0);
    const lines = readFileSync(path.join(dir, '2026-01-30.jsonl'), 'utf8').split('\n').slice(0, 2);
    const bad = { ...JSON.parse(lines[1] as string), summary: { tldr: 'x' } };
    writeFileSync(path.join(dir, 'g.jsonl'), `\uFEFF${lines[0]}\n${JSON.stringify(bad)}\n`);
    const fresh = path.join(dir, 'fresh.sqlite');
    const r = await runCli(['import-jsonl', path.join(dir, 'g.jsonl'), '--db', fresh]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/g\.jsonl line 2: bad "summary\.motivation": invalid input: expected string, received undefined$/);
  });
});
