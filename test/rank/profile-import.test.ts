// The profile file and `profile import`: reading, validation errors with lines, merging, and fetching missing
// library abstracts politely from a local fake export API into a real SQLite store.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, SourceError, UsageError, exitCodeFor } from '../../src/errors.js';
import type { LibraryFormat } from '../../src/rank/import/index.js';
import { describeProfile, importLibrary, importSummary } from '../../src/rank/commands.js';
import { mergeIntoProfile } from '../../src/rank/library.js';
import { emptyProfile, lineIndex, readProfile, writeProfile } from '../../src/rank/profile.js';
import { createArxivClient } from '../../src/sources/http.js';
import sqliteStore from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { apiPaper } from '../contracts/store-fixtures.js';
import { startArxivServer } from '../helpers/arxiv-server.js';
import type { ArxivServer } from '../helpers/arxiv-server.js';
import { apiFeed } from '../sources/builders.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/rank/${name}`, import.meta.url));

let dir: string;
let store: Store;
let server: ArxivServer | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-profile-'));
  store = sqliteStore({ path: path.join(dir, 'digest.sqlite') });
});
afterEach(async () => {
  await store.close();
  await server?.close();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('profile file', () => {
  it('accepts shorthand strings and defaults, and round-trips', () => {
    const file = path.join(dir, 'conf', 'profile.json');
    writeFileSync(path.join(dir, 'p.json'), JSON.stringify({ keywords: ['diffusion', { term: 'score matching', weight: 2 }], authors: ['A. Lovelace'] }));
    const p = readProfile(path.join(dir, 'p.json'));
    expect(p.keywords).toEqual([{ term: 'diffusion', weight: 1 }, { term: 'score matching', weight: 2 }]);
    expect(p.authors).toEqual([{ name: 'A. Lovelace', weight: 1 }]);
    expect(p.library).toEqual([]);
    writeProfile(file, p);
    expect(readProfile(file)).toEqual(p);
  });

  it('says which line of the JSON is broken and which key is invalid', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{\n  "keywords": ["a",\n    "b"\n  ],\n  "authors": [}\n');
    expect(() => readProfile(file)).toThrow(ConfigError);
    expect(() => readProfile(file)).toThrow(new RegExp(`profile ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} line 5: not valid JSON`));
    writeFileSync(file, JSON.stringify({ keywords: [{ term: 'x', weight: -1 }] }));
    expect(() => readProfile(file)).toThrow(/keywords\.0\.weight: /);
    writeFileSync(file, JSON.stringify({ keyword: ['typo'] }));
    expect(() => readProfile(file)).toThrow(/Unrecognized key/);
    // Matched by words, a keyword of punctuation alone would match nothing, silently.
    for (const keywords of [['ok', '!!!'], [{ term: '++', weight: 2 }]]) {
      writeFileSync(file, JSON.stringify({ negativeKeywords: keywords }));
      expect(() => readProfile(file)).toThrow(/negativeKeywords\.\d(\.term)?: a keyword needs a letter or digit/);
    }
  });

  it('reads a profile saved with a UTF-8 byte order mark (Windows editors)', () => {
    const file = path.join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify({ keywords: ['diffusion'] })}\r\n`);
    expect(readProfile(file).keywords).toEqual([{ term: 'diffusion', weight: 1 }]);
  });

  it('lineIndex gives the line of any offset, as a rescan from the start would', () => {
    const text = ['', 'a', '', 'bb\r', 'ccc', '', '', 'dddd', ''].join('\n').repeat(50);
    const lineAt = lineIndex(text);
    for (const offset of [0, 1, 2, 3, 7, 8, 100, text.length - 1, text.length, text.length + 5, 3, 0]) {
      let line = 1;
      for (let i = 0; i < Math.min(offset, text.length); i++) if (text[i] === '\n') line++;
      expect(lineAt(offset), `offset ${offset}`).toBe(line);
    }
  });

  it('a missing profile is an error that says how to make one, unless missingOk', () => {
    const file = path.join(dir, 'none.json');
    expect(() => readProfile(file)).toThrow(/no interest profile at .*none\.json; build one with "preprint-digest profile import FILE"/);
    expect(readProfile(file, { missingOk: true })).toEqual(emptyProfile());
  });

  it('merging keeps existing items, fills in what they lack, and adds new ones', () => {
    const base = { ...emptyProfile(), library: [{ id: '2006.11239', title: 'DDPM' }, { title: 'Kernel PCA' }] };
    const { profile, added, merged } = mergeIntoProfile(base, [
      { id: '2006.11239', abstract: 'new abstract', title: 'Other title' },
      { title: 'KERNEL  pca', id: '9901.00001' },
      { id: '2401.12345' },
    ], 'library', '2026-01-01T00:00:00Z');
    expect({ added, merged }).toEqual({ added: 1, merged: 2 });
    expect(profile.library).toEqual([
      { id: '2006.11239', title: 'DDPM', abstract: 'new abstract' },
      { id: '9901.00001', title: 'Kernel PCA' },
      { id: '2401.12345', addedAt: '2026-01-01T00:00:00Z' },
    ]);
    expect(base.library).toHaveLength(2);
  });

  it('marking a library paper not interested moves it (the later mark wins), and back', () => {
    const base = { ...emptyProfile(), library: [{ id: '2401.00101', title: 'A' }, { title: 'Untitled note' }, { id: '2401.00103' }] };
    const r = mergeIntoProfile(base, [{ id: '2401.00101' }, { title: 'untitled NOTE' }], 'notInterested', '2026-01-01T00:00:00Z');
    expect({ added: r.added, moved: r.moved }).toEqual({ added: 2, moved: 2 });
    expect(r.profile.library.map((x) => x.id)).toEqual(['2401.00103']);
    expect(r.profile.notInterested.map((x) => x.id ?? x.title)).toEqual(['2401.00101', 'untitled NOTE']);
    const back = mergeIntoProfile(r.profile, [{ id: '2401.00101' }], 'library', '2026-01-02T00:00:00Z');
    expect(back.profile.notInterested.map((x) => x.id ?? x.title)).toEqual(['untitled NOTE']);
    expect(back.profile.library.map((x) => x.id)).toEqual(['2401.00103', '2401.00101']);
  });

  it('merges by title only where an item has no id: different arXiv ids never merge', () => {
    const base = { ...emptyProfile(), library: [{ id: '2401.00101', title: 'Graph Neural Networks' }] };
    const r = mergeIntoProfile(base, [
      { id: '2205.00202', title: 'Graph Neural Networks' },
      { title: 'graph neural networks', abstract: 'a note' },
    ], 'library', '2026-01-01T00:00:00Z');
    expect({ added: r.added, merged: r.merged }).toEqual({ added: 1, merged: 1 });
    expect(r.profile.library.map((x) => x.id)).toEqual(['2401.00101', '2205.00202']);
    expect(r.profile.library[0]?.abstract).toBe('a note');
  });
});

describe('profile import', () => {
  it('imports BibTeX, reads stored abstracts, fetches the missing ones once through the export API and stores them', async () => {
    await store.upsertPapers([apiPaper('2006.11239')]);
    server = await startArxivServer({
      '/api/query': (req) => ({ body: apiFeed((req.query.id_list ?? '').split(',').map((id) => ({ id, categories: ['cs.LG'], title: `Fetched ${id}` }))) }),
    });
    const client = createArxivClient({ minIntervalMs: 0, retries: 0, contact: 'test@example.org' });
    const profilePath = path.join(dir, 'profile.json');
    const r = await importLibrary({ file: fixture('library.bib'), profilePath, store, client, apiUrl: server.url });
    expect(r).toMatchObject({ format: 'bibtex', read: 3, added: 3, merged: 0, stored: 1, fetched: 1, missing: [], withoutId: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.query.id_list).toBe('2011.13456');
    expect((await store.getPapers(['2011.13456'])).get('2011.13456')?.title).toBe('Fetched 2011.13456');
    expect(readProfile(profilePath).library.map((x) => x.id ?? x.title)).toEqual(['2006.11239', '2011.13456', 'Kernel Principal Component Analysis and its Applications']);
    expect(importSummary(r, 'p.json')).toBe('3 items read (bibtex); 3 added; 0 already there; 1 abstract fetched from arXiv; 1 not on arXiv (ranked by their own title/abstract) → p.json');

    // Importing again (as ids) adds nothing and asks arXiv for nothing.
    const again = await importLibrary({ file: fixture('ids.txt'), profilePath, store, client, apiUrl: server.url });
    expect(again).toMatchObject({ format: 'ids', read: 4, added: 2, merged: 2, stored: 2 });
    expect(server.requests.map((q) => q.query.id_list)).toEqual(['2011.13456', 'hep-th/9901001,2401.12345']);
    expect(describeProfile(again.profile)).toContain('library: 5 papers (4 with an arXiv id)');
  });

  it('an export API failure keeps the items read: the profile is saved, the ids without metadata named (exit 4)', async () => {
    server = await startArxivServer({ '/api/query': { status: 503, body: 'down' } });
    const client = createArxivClient({ minIntervalMs: 0, retries: 0, contact: 'test@example.org' });
    const profilePath = path.join(dir, 'profile.json');
    const err = await importLibrary({ file: fixture('library.bib'), profilePath, store, client, apiUrl: server.url }).then(() => new SourceError('E_FETCH', 'no failure'), (e: unknown) => e as SourceError);
    expect(err).toBeInstanceOf(SourceError);
    expect(exitCodeFor(err)).toBe(4);
    expect(err.message).toMatch(/; the profile was saved \(3 added\), but 2 arXiv ids have no metadata yet \(2006\.11239, 2011\.13456\): run the same import again later to fetch them$/);
    expect(err.message.split('\n')).toHaveLength(1);
    expect(readProfile(profilePath).library).toHaveLength(3);
  });

  it('offline (no client) keeps the ids and reports them as missing', async () => {
    const profilePath = path.join(dir, 'profile.json');
    const r = await importLibrary({ file: fixture('library.json'), profilePath, store, client: null, list: 'notInterested' });
    expect(r).toMatchObject({ format: 'csl-json', added: 2, fetched: 0, missing: ['2006.11239'] });
    const saved = JSON.parse(readFileSync(profilePath, 'utf8')) as { notInterested: unknown[]; library: unknown[] };
    expect(saved.notInterested).toHaveLength(2);
    expect(saved.library).toHaveLength(0);
    const back = await importLibrary({ file: fixture('library.json'), profilePath, store, client: null });
    expect(back).toMatchObject({ added: 2, moved: 2 });
    expect(importSummary(back, 'p.json')).toContain('; 2 moved from "not interested";');
    expect(back.profile.notInterested).toHaveLength(0);
  });

  it('a file that yields no item is a usage error and leaves the profile as it was (or absent)', async () => {
    const profilePath = path.join(dir, 'profile.json');
    const cases: [string, string, LibraryFormat | undefined][] = [
      ['empty.txt', '', undefined],
      ['empty.bib', '% nothing here\n', undefined],
      ['empty.json', '[]', undefined],
      ['empty.rdf', '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', undefined],
      ['ids.txt', '2401.12345\n', 'bibtex'],
    ];
    for (const [name, text, format] of cases) {
      writeFileSync(path.join(dir, name), text);
      await expect(importLibrary({ file: path.join(dir, name), profilePath, store, format })).rejects.toThrow(
        new RegExp(`^${name.replace('.', '\\.')}: no library items found \\(read as ${format ?? '[a-z-]+'}\\)`),
      );
    }
    expect(existsSync(profilePath)).toBe(false);
    writeProfile(profilePath, { ...emptyProfile(), keywords: [{ term: 'keep me', weight: 1 }] });
    const before = readFileSync(profilePath, 'utf8');
    await expect(importLibrary({ file: path.join(dir, 'empty.json'), profilePath, store })).rejects.toThrow(UsageError);
    expect(readFileSync(profilePath, 'utf8')).toBe(before);
  });

  it('reports the items it skipped (neither title nor id) and imports the rest', async () => {
    const profilePath = path.join(dir, 'profile.json');
    writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title = {Kept}}\n@book{x, year = 2020}\n');
    const r = await importLibrary({ file: path.join(dir, 'refs.bib'), profilePath, store });
    expect(r).toMatchObject({ read: 1, added: 1, skipped: ['refs.bib line 2: @book{x has neither a title nor an arXiv id'] });
    expect(importSummary(r, 'p.json')).toBe('1 item read (bibtex); 1 added; 0 already there; 1 not on arXiv (ranked by their own title/abstract); 1 skipped (refs.bib line 2: @book{x has neither a title nor an arXiv id) → p.json');
  });

  it('a malformed file changes nothing', async () => {
    const profilePath = path.join(dir, 'profile.json');
    writeProfile(profilePath, { ...emptyProfile(), keywords: [{ term: 'keep me', weight: 1 }] });
    const before = readFileSync(profilePath, 'utf8');
    await expect(importLibrary({ file: fixture('library-malformed.bib'), profilePath, store })).rejects.toThrow(/library-malformed\.bib line 8/);
    expect(readFileSync(profilePath, 'utf8')).toBe(before);
  });
});
