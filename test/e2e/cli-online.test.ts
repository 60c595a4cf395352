/**
 * The CLI against a local fake arXiv (feed, listing pages, export API) configured through the
 * PREPRINT_DIGEST_*_URL variables: the whole online path, every exit code a source can cause.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startArxivServer } from '../helpers/arxiv-server.js';
import type { ArxivServer, Route } from '../helpers/arxiv-server.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { apiFeed, listingPage, rssFeed } from '../sources/builders.js';
import type { FakePaper } from '../sources/builders.js';

const DAY1 = 'Thu, 29 Jan 2026 00:00:00 -0500';
const DAY2 = 'Fri, 30 Jan 2026 00:00:00 -0500';

const papers: FakePaper[] = [
  { id: '2601.10001', categories: ['cs.LG'], comment: 'Code: https://github.com/example/tool' },
  { id: '2601.10002', categories: ['stat.ML', 'cs.LG'] },
  { id: '2601.10003', categories: ['cs.SY', 'eess.SY', 'cs.LG'], type: 'cross' },
  { id: 'hep-th/9901001', version: 3, categories: ['hep-th', 'stat.ML'], type: 'cross' },
  { id: '2512.00009', version: 2, categories: ['cs.LG'], type: 'replace' },
];
const byId = new Map(papers.map((p) => [p.id, p]));

function apiRoute(): Route {
  return (req) => {
    // A date-range search (catch-up of a missed day) answers with every fresh paper; start > 0 is past the end.
    if (req.query.search_query) return { body: req.query.start === '0' ? apiFeed(papers.filter((p) => p.type !== 'replace')) : apiFeed([], 4, Number(req.query.start)) };
    const ids = (req.query.id_list ?? '').split(',').filter(Boolean).map((id) => id.replace(/v\d+$/, ''));
    return { body: apiFeed(ids.map((id) => byId.get(id)).filter((p): p is FakePaper => p !== undefined)) };
  };
}

/** `hidden`: papers a category's listing counts but does not show (its "showing X of Y" is off by that many). */
function arxiv(feed: Route, hidden: Record<string, number> = {}): Promise<ArxivServer> {
  const fresh = papers.filter((p) => p.type !== 'replace');
  const listing = (cat: string) => ({
    body: listingPage(
      'Friday, 30 January 2026',
      fresh.filter((p) => p.categories[0] === cat),
      fresh.filter((p) => p.categories.indexOf(cat) > 0),
    ).replace(/showing (\d+) of \1 entries/, (_, n: string) => `showing ${n} of ${Number(n) + (hidden[cat] ?? 0)} entries`),
  });
  return startArxivServer({
    '/rss/cs.LG+stat.ML': feed,
    '/list/cs.LG/new': listing('cs.LG'),
    '/list/stat.ML/new': listing('stat.ML'),
    '/api/query': apiRoute(),
  });
}

function envFor(server: ArxivServer): Record<string, string> {
  return {
    PREPRINT_DIGEST_RSS_URL: server.url,
    PREPRINT_DIGEST_API_URL: server.url,
    PREPRINT_DIGEST_LIST_URL: server.url,
    PREPRINT_DIGEST_MIN_INTERVAL_MS: '20',
    PREPRINT_DIGEST_RETRIES: '1',
    PREPRINT_DIGEST_CONTACT: 'tests@example.org',
  };
}

let server: ArxivServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const run = (out: string, extra: string[] = []) => ['run', '--categories', 'cs.LG,stat.ML', '--out', out, '--db', path.join(out, 'db.sqlite'), '--progress', 'none', ...extra];

describe('CLI online: a normal day', () => {
  it('fetches, cross-checks, enriches, summarizes and renders', async () => {
    server = await arxiv({ body: rssFeed(['cs.LG', 'stat.ML'], DAY2, papers) });
    const out = tempDir();
    const r = await runCli(run(out), { env: envFor(server) });
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(path.join(out, '2026-01-30.md'), 'utf8');
    expect(md).toContain('- [cs.LG](#cs.LG) [Total: 2]');
    expect(md).toContain('- [stat.ML](#stat.ML) [Total: 2]');
    expect(md).toMatch(/Main category: eess\.SY \(cross-listed in cs\.LG\)/);
    expect(md).toContain('[code](https://github.com/example/tool)');
    expect(md).not.toContain('2512.00009'); // replacements are not included by default
    const records = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => x.id)).toEqual(['2601.10001', '2601.10003', '2601.10002', 'hep-th/9901001']);
    expect(records.find((x) => x.id === '2601.10003').categories).toEqual(['eess.SY', 'cs.LG']);
    expect(records.find((x) => x.id === '2601.10001').comment).toBe('Code: https://github.com/example/tool');
    expect(records.find((x) => x.id === 'hep-th/9901001')).toMatchObject({ version: 3, primary_category: 'hep-th', cross_list: true, section: 'stat.ML' });
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report.problems).toEqual([]);
    expect(report.requests.total).toBe(server.requests.length);
    expect(server.requests.map((q) => q.path)).toEqual(['/rss/cs.LG+stat.ML', '/list/cs.LG/new', '/list/stat.ML/new', '/api/query']);
    const ua = server.requests.map((q) => q.headers['user-agent']);
    expect(new Set(ua).size).toBe(1);
    expect(ua[0]).toMatch(/^preprint-digest\/\S+ .*tests@example\.org/);
  });

  it('re-running the day asks the export API for nothing already stored', async () => {
    server = await arxiv({ body: rssFeed(['cs.LG', 'stat.ML'], DAY2, papers) });
    const out = tempDir();
    expect((await runCli(run(out), { env: envFor(server) })).code).toBe(0);
    const before = server.requests.length;
    const again = await runCli(run(out, ['--refresh']), { env: envFor(server) });
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests.slice(before).map((q) => q.path)).toEqual(['/rss/cs.LG+stat.ML', '/list/cs.LG/new', '/list/stat.ML/new']);
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report.counts.reused).toBe(4);
    const record = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').split('\n').find((l) => l.includes('2601.10001'));
    expect(JSON.parse(record ?? '{}').comment).toBe('Code: https://github.com/example/tool');
  });

  it('includes replacements when asked, and marks a paper seen on an earlier day', async () => {
    server = await arxiv([{ body: rssFeed(['cs.LG', 'stat.ML'], DAY1, papers.slice(0, 1)) }, { body: rssFeed(['cs.LG', 'stat.ML'], DAY2, papers) }]);
    const out = tempDir();
    expect((await runCli(run(out), { env: envFor(server) })).code).toBe(0);
    const r = await runCli(run(out, ['--announce-types', 'new,cross,replace']), { env: envFor(server) });
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(path.join(out, '2026-01-30.md'), 'utf8');
    expect(md).toContain('2512.00009');
    expect(md).toMatch(/First listed: 2026-01-29/);
  });
});

describe('CLI online: feed and listing disagree', () => {
  it('adds what the listing shows and the feed lacks, says so on stderr after the summary, exits 0', async () => {
    server = await arxiv({ body: rssFeed(['cs.LG', 'stat.ML'], DAY2, papers.slice(1)) });
    const out = tempDir();
    const r = await runCli(run(out), { env: envFor(server) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: cs.LG: the listing shows 3 new and cross-listed papers, the feed 2: added the 1 missing from the feed from the listing (2601.10001)');
    expect(readFileSync(path.join(out, '2026-01-30.md'), 'utf8')).toContain('- [cs.LG](#cs.LG) [Total: 2]');
    // fetch alone says the same, not only "see the run report".
    const fetched = await runCli(['fetch', '--categories', 'cs.LG,stat.ML', '--db', path.join(tempDir(), 'db.sqlite')], { env: envFor(server) });
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stderr).toContain('warning: cs.LG: the listing shows 3 new and cross-listed papers, the feed 2: added the 1 missing');
  });
});

describe('CLI online: a day known to lack papers', () => {
  it('says so in the run, and again whenever the stored day is shown: render, a re-run from the store', async () => {
    server = await arxiv({ body: rssFeed(['cs.LG', 'stat.ML'], DAY2, papers) }, { 'cs.LG': 4 });
    const out = tempDir();
    const r = await runCli(run(out), { env: envFor(server) });
    expect(r.code, r.stderr).toBe(0);
    const note = '- cs.LG: the listing counts 7 new and cross-listed papers, 4 of them in neither the feed nor the entries the listing page shows';
    const md = () => readFileSync(path.join(out, '2026-01-30.md'), 'utf8');
    expect(md()).toContain(`## Incomplete day\n\nThis digest lacks papers arXiv announced:\n\n${note}\n`);
    rmSync(path.join(out, '2026-01-30.md'));
    const rendered = await runCli(['render', '--out', out, '--db', path.join(out, 'db.sqlite')]);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(md()).toContain(note);
    // Only the stat.ML part of the day: the cs.LG note is not this digest's concern.
    const ml = await runCli(['render', '--categories', 'stat.ML', '--out', out, '--db', path.join(out, 'db.sqlite')]);
    expect(ml.code, ml.stderr).toBe(0);
    expect(md()).not.toContain('Incomplete day');
    await server.close();
    server = undefined; // the stored day needs no network
    const again = await runCli(run(out, ['--date', '2026-01-30']), { env: { PREPRINT_DIGEST_RSS_URL: 'http://127.0.0.1:9' } });
    expect(again.code, again.stderr).toBe(0);
    expect(md()).toContain(note);
  });
});

describe('CLI online: a missed day', () => {
  it('is reconstructed from submission dates through the export API, and the report says so', async () => {
    server = await arxiv({ body: rssFeed(['cs.LG', 'stat.ML'], DAY2, papers) });
    const out = tempDir();
    const r = await runCli(run(out, ['--date', '2026-01-29']), { env: envFor(server) });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report).toMatchObject({ date: '2026-01-29', reconstructed: true, source: 'api-range' });
    expect(report.problems.map((p: { code: string }) => p.code)).toContain('reconstructed');
    expect(server.requests.some((q) => /submittedDate/.test(q.query.search_query ?? ''))).toBe(true);
    const md = readFileSync(path.join(out, '2026-01-29.md'), 'utf8');
    expect(md).toMatch(/Rebuilt from submission dates/);
    expect(r.stdout).toMatch(/reconstructed from submission dates/);
  });
});

describe('CLI online: failures get their own exit code and one line', () => {
  it('exits 3 on an empty feed', async () => {
    // A recent Saturday: an empty feed dated long ago is not taken as a quiet day.
    const saturday = new Date(Date.now() - 86_400_000);
    while (saturday.getUTCDay() !== 6) saturday.setUTCDate(saturday.getUTCDate() - 1);
    server = await arxiv({ body: rssFeed(['cs.LG', 'stat.ML'], `${saturday.toUTCString().slice(0, 16)} 00:00:00 -0500`, []) });
    const r = await runCli(run(tempDir()), { env: envFor(server) });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no announcement/);
  });

  it('exits 4 on an error feed served with HTTP 400', async () => {
    const body = readFileSync(path.resolve(import.meta.dirname, '../../../shared/fixtures/arxiv/rss-error-bad-archive-2024-11-28.xml'), 'utf8');
    server = await arxiv({ status: 400, body });
    const r = await runCli(run(tempDir()), { env: envFor(server) });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/astroph/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 4 when arXiv keeps answering 503', async () => {
    server = await arxiv({ status: 503, headers: { 'retry-after': '0' }, body: 'busy' });
    const r = await runCli(run(tempDir()), { env: envFor(server) });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/503/);
    expect(server.requests.length).toBe(2); // one try and one retry, as configured
  });

  it('exits 4 on a body cut off mid-transfer', async () => {
    server = await arxiv({ body: rssFeed(['cs.LG', 'stat.ML'], DAY2, papers), cutAfterBytes: 700 });
    const r = await runCli(run(tempDir()), { env: envFor(server) });
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 4 when the feed still serves the day already stored', async () => {
    server = await arxiv([{ body: rssFeed(['cs.LG', 'stat.ML'], DAY1, papers) }, { body: rssFeed(['cs.LG', 'stat.ML'], DAY2, papers) }]);
    const out = tempDir();
    expect((await runCli(run(out), { env: envFor(server) })).code).toBe(0);
    const r = await runCli(run(out), { env: envFor(server) });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/still serves the 2026-01-29 batch/);
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report.exitCode).toBe(4);
  });
});
