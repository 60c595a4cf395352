/**
 * `search` and `profile add-search` over a SQLite store holding the sample day: a paper is found by words of
 * its own title, a category filter holds, bad input is one line with exit 2, and papers added from a search
 * become the profile library that `run --rank` ranks against.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from '../helpers/cli.js';

interface Record_ {
  id: string;
  title: string;
  categories: string[];
}

let dir = '';
let db = '';
let papers: Record_[] = [];

beforeAll(async () => {
  dir = tempDir();
  db = path.join(dir, 'db.sqlite');
  const r = await runCli(['run', '--sample', '--out', dir, '--db', db, '--progress', 'none']);
  expect(r.code, r.stderr).toBe(0);
  papers = readFileSync(path.join(dir, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record_);
}, 60_000);

/** The two longest words of a title that no other title of the day contains, so the paper must come first. */
function distinctiveWords(paper: Record_): string[] {
  const words = (t: string) => new Set(t.toLowerCase().match(/[a-z]{6,}/g) ?? []);
  const others = papers.filter((p) => p.id !== paper.id).map((p) => words(p.title));
  return [...words(paper.title)].filter((w) => others.every((o) => !o.has(w))).sort((a, b) => b.length - a.length).slice(0, 2);
}

describe('search', () => {
  it('finds a paper by distinctive words of its title, first', async () => {
    const paper = papers.find((p) => distinctiveWords(p).length === 2) as Record_;
    const r = await runCli(['search', ...distinctiveWords(paper), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as { id: string; url: string; authors: string[]; categories: string[]; submitted: string | null }[];
    expect(hits[0]?.id).toBe(paper.id);
    expect(hits[0]?.url).toBe(`https://arxiv.org/abs/${paper.id}`);
    // Enough to pick a paper without opening it: who, where, when.
    expect(hits[0]?.categories).toEqual(paper.categories);
    expect(hits[0]?.authors.length).toBeGreaterThan(0);
    expect(Object.keys(hits[0]!)).toEqual(['id', 'version', 'title', 'score', 'url', 'authors', 'categories', 'submitted']);
  });

  it('keeps to the asked categories and the limit', async () => {
    const r = await runCli(['search', 'learning', '--db', db, '--json', '--categories', 'stat.ML', '--limit', '5']);
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as { id: string }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(5);
    for (const h of hits) expect(papers.find((p) => p.id === h.id)?.categories).toContain('stat.ML');
  });

  it('says plainly when nothing matches, and rejects bad input with exit 2', async () => {
    const none = await runCli(['search', 'zzqxnotaword', '--db', db]);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/no stored paper matches/);
    const empty = await runCli(['search', '  ', '--db', db]);
    expect(empty.code).toBe(2);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    const limit = await runCli(['search', 'x', '--limit', 'many', '--db', db]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/--limit must be a whole number/);
  });
});

describe('reindex', () => {
  it('after import-kaggle --no-search-index, search says the index is stale; reindex brings the papers in', async () => {
    const fixture = path.join(REPO, 'test/fixtures/kaggle/arxiv-metadata-sample.jsonl');
    const imp = await runCli(['import-kaggle', fixture, '--db', db, '--no-search-index', '--progress', 'none']);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/until `preprint-digest reindex`/);
    const before = await runCli(['search', 'diphoton', '--db', db, '--json']);
    expect(JSON.parse(before.stdout)).toEqual([]);
    expect(before.stderr).toMatch(/search index is out of date \(a bulk import, or an upgrade that changed how it is built\); `preprint-digest reindex` rebuilds it/);
    const re = await runCli(['reindex', '--db', db]);
    expect(re.code, re.stderr).toBe(0);
    expect(re.stdout).toMatch(/^search index rebuilt over \d+ papers in [\d.]+ s/);
    const after = await runCli(['search', 'diphoton', '--db', db, '--json']);
    expect((JSON.parse(after.stdout) as { id: string }[]).map((h) => h.id)).toEqual(['0704.0001']);
    expect(after.stderr).toBe('');
  });
});

describe('profile add-search', () => {
  it('adds the best matches to the library, which run --rank then ranks against', async () => {
    const profile = path.join(dir, 'profile.json');
    const add = await runCli(['profile', 'add-search', 'diffusion', '--top', '6', '--db', db, '--profile', profile]);
    expect(add.code, add.stderr).toBe(0);
    const library = (JSON.parse(readFileSync(profile, 'utf8')) as { library: { id: string; source: string }[] }).library;
    expect(library.length).toBeGreaterThan(0);
    expect(library.length).toBeLessThanOrEqual(6);
    for (const item of library) {
      expect(item.source).toBe('search:diffusion');
      expect(papers.find((p) => p.id === item.id)?.title ?? '').toBeTruthy();
    }
    const again = await runCli(['profile', 'add-search', 'diffusion', '--top', '6', '--db', db, '--profile', profile]);
    expect(again.stdout).toMatch(new RegExp(`0 added to the library, ${library.length} already there`));

    const out = path.join(dir, 'ranked');
    const run = await runCli(['run', '--sample', '--out', out, '--db', db, '--profile', profile, '--rank', '--progress', 'none']);
    expect(run.code, run.stderr).toBe(0);
    const ranked = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; title: string; relevance?: { score: number } });
    const top = [...ranked].sort((a, b) => (b.relevance?.score ?? 0) - (a.relevance?.score ?? 0)).slice(0, 10);
    // A library about diffusion pulls diffusion papers up: most of the ten best mention it in the title.
    expect(top.filter((p) => /diffusion/i.test(p.title)).length).toBeGreaterThanOrEqual(5);
  });
});
