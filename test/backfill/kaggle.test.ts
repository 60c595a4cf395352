// Streaming import of the Kaggle arXiv snapshot format (JSON Lines) into real SQLite files.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importKaggle } from '../../src/backfill/index.js';
import { importStateKey } from '../../src/backfill/kaggle.js';
import { kaggleRecordToPaper } from '../../src/backfill/kaggle-record.js';
import { readLineChunks } from '../../src/backfill/lines.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/kaggle/${name}`, import.meta.url));
const SAMPLE = fixture('arxiv-metadata-sample.jsonl');

let dir: string;
let s: Store;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pd-kaggle-'));
  s = await openStore(path.join(dir, 'digest.sqlite'));
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importKaggle', () => {
  it('imports good records and counts malformed lines with their numbers instead of stopping', async () => {
    const r = await importKaggle({ file: SAMPLE, store: s });
    expect(r).toMatchObject({ read: 9, imported: 6, malformed: 3, complete: true });
    expect(r.malformedLines.map((m) => m.line)).toEqual([3, 6, 9]);
    expect(r.malformedLines[0]?.reason).toMatch(/^not JSON/);
    expect(r.malformedLines[1]?.reason).toBe('invalid id "not-an-id"');
    expect(r.malformedLines[2]?.reason).toBe('no title for 2403.00003');
    expect(await s.countPapers()).toBe(6);
  });

  it('maps versions, authors_parsed, categories (aliases collapsed) and optional fields', async () => {
    await importKaggle({ file: SAMPLE, store: s });
    const got = await s.getPapers(['0704.0001', 'math/0309136', '2312.17001', '1501.00001', 'hep-th/9901001']);
    expect(got.get('0704.0001')).toMatchObject({
      version: 2,
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan'],
      categories: ['hep-ph'],
      journalRef: 'Phys.Rev.D76:013009,2007',
      doi: '10.1103/PhysRevD.76.013009',
      comment: '37 pages, 15 figures; published version',
      license: null,
      submitted: '2007-04-02T19:18:42.000Z',
      updated: '2007-07-24T20:10:27.000Z',
    });
    expect(got.get('0704.0001')?.abstract).toMatch(/^A fully differential calculation .* hadron colliders\.$/);
    expect(got.get('math/0309136')).toMatchObject({ version: 3, categories: ['math.GT', 'math-ph'], primaryCategory: 'math.GT' });
    // authors_parsed: [keyname, forenames, suffix, …affiliations]; affiliations are dropped.
    expect(got.get('2312.17001')).toMatchObject({ categories: ['eess.SY', 'cs.LG'], authors: ['Robert A. Smith Jr.', 'Maria García', 'the GridRL Consortium'] });
    expect(got.get('hep-th/9901001')?.authors).toEqual(['J. Kowalski', 'P. Nowak']);
    // Without authors_parsed the plain string is split ("and", Oxford comma).
    expect(got.get('1501.00001')).toMatchObject({ authors: ['Alice Wong', 'Bob de Vries', 'Carla Rossi'], categories: ['econ.GN', 'math.NA'] });
  });

  it.each(['sqlite', 'networked'])('a %s store that fails mid-import stops it with that error; the batches stored before it stay', async (name) => {
    const file = path.join(dir, 'fail.jsonl');
    const line = (i: number) => JSON.stringify({ id: `2302.${String(10000 + i)}`, title: `Paper ${i}`, authors: 'A. B', categories: 'cs.LG', abstract: 'x', versions: [{ version: 'v1', created: 'Mon, 2 Jan 2023 10:00:00 GMT' }] });
    writeFileSync(file, Array.from({ length: 50 }, (_, i) => line(i)).join('\n') + '\n');
    let calls = 0;
    // The real store, whose third write fails (a full disk, a dropped connection).
    const failing: Store = Object.create(s, { name: { value: name } }) as Store;
    failing.upsertPapers = async (papers) => {
      if (++calls === 3) throw new Error('disk full');
      return s.upsertPapers(papers);
    };
    const seen: number[] = [];
    await expect(importKaggle({ file, store: failing, batchSize: 10, onProgress: (p) => void seen.push(p.imported) })).rejects.toThrow('disk full');
    expect(seen).toEqual([10, 20]);
    expect(await s.countPapers()).toBeGreaterThanOrEqual(20);
  });

  it('carries on after the last stored batch when run again on the same file; a changed file or --restart starts over', async () => {
    const file = path.join(dir, 'resume.jsonl');
    const record = (i: number) => JSON.stringify({ id: `2303.${String(10000 + i)}`, title: `Paper ${i}`, authors: 'A. B', categories: 'cs.LG', abstract: 'x', versions: [{ version: 'v1', created: 'Mon, 2 Jan 2023 10:00:00 GMT' }] });
    // 45 records; line 7 is not JSON and line 17 is blank, so the second batch of 10 papers ends on line 22.
    const lines = Array.from({ length: 45 }, (_, i) => record(i));
    lines.splice(6, 0, '{"id": "2303.99999", "title": "cut');
    lines.splice(16, 0, '');
    writeFileSync(file, lines.join('\n') + '\n');
    const stopAtThirdBatch = async () => {
      let calls = 0;
      const failing: Store = Object.create(s) as Store;
      failing.upsertPapers = async (papers) => {
        if (++calls === 3) throw new Error('killed');
        return s.upsertPapers(papers);
      };
      await expect(importKaggle({ file, store: failing, batchSize: 10 })).rejects.toThrow('killed');
    };
    const importing = async (options: { restart?: boolean } = {}) => {
      const written: string[] = [];
      const counting: Store = Object.create(s) as Store;
      counting.upsertPapers = async (papers) => (written.push(...papers.map((p) => p.id)), s.upsertPapers(papers));
      const r = await importKaggle({ file, store: counting, batchSize: 10, ...options });
      return { r, written };
    };

    await stopAtThirdBatch();
    const again = await importing();
    expect(again.r).toMatchObject({ resumed: { line: 22, read: 21, imported: 20 }, notResumed: null, read: 46, imported: 45, malformed: 1, complete: true });
    expect(again.written).toEqual(Array.from({ length: 25 }, (_, i) => `2303.${10020 + i}`));
    expect(await s.countPapers()).toBe(45);
    // A finished import leaves no record: the next run reads the file from the top.
    expect(await s.getState(importStateKey(file))).toBeNull();
    expect((await importing()).written).toHaveLength(45);

    await stopAtThirdBatch();
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = await importing();
    expect(changed.r).toMatchObject({ resumed: null, notResumed: 'the file has changed since', imported: 45 });
    expect(changed.written).toHaveLength(45);

    await stopAtThirdBatch();
    const restarted = await importing({ restart: true });
    expect(restarted.r).toMatchObject({ resumed: null, notResumed: 'restarting as asked', read: 46, imported: 45 });
  });

  it('a truncated last line (a download cut short) is one malformed line; everything before it is kept', async () => {
    const r = await importKaggle({ file: fixture('truncated-last-line.jsonl'), store: s });
    expect(r).toMatchObject({ read: 3, imported: 2, malformed: 1, complete: true });
    expect(r.malformedLines).toEqual([{ line: 3, reason: expect.stringMatching(/^not JSON/) as string }]);
  });

  it('streams in batches, reporting progress after each stored batch, and stops at a limit', async () => {
    const file = path.join(dir, 'many.jsonl');
    const line = (i: number) => JSON.stringify({ id: `2301.${String(10000 + i)}`, title: `Paper ${i}`, authors: 'A. B', categories: 'cs.LG', abstract: 'x', versions: [{ version: 'v1', created: 'Mon, 2 Jan 2023 10:00:00 GMT' }] });
    writeFileSync(file, Array.from({ length: 25 }, (_, i) => line(i)).join('\n') + '\n');
    const seen: number[] = [];
    const r = await importKaggle({ file, store: s, batchSize: 10, onProgress: (p) => void seen.push(p.imported) });
    expect(seen).toEqual([10, 20, 25]);
    expect(r.bytesRead).toBe(r.totalBytes);
    expect(await s.countPapers()).toBe(25);
    const limited = await importKaggle({ file, store: s, limit: 7 });
    expect(limited).toMatchObject({ read: 7, imported: 7 });
  });

  it('keeps only papers in the chosen categories (any of theirs, aliases collapsed) when asked', async () => {
    const r = await importKaggle({ file: SAMPLE, store: s, categories: ['cs.LG', 'math-ph'] });
    expect(r).toMatchObject({ read: 9, imported: 3, filtered: 3, malformed: 3 });
    expect((await s.listPapers({ limit: 10 })).map((p) => p.id).sort()).toEqual(['2312.17001', '2401.00123', 'math/0309136']);
  });

  it('a missing file is a usage error naming it', async () => {
    await expect(importKaggle({ file: path.join(dir, 'nope.jsonl'), store: s })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('nope.jsonl: no such file') as string });
  });

  it('splits lines across chunk boundaries without cutting a UTF-8 character; CRLF and a last line without newline', async () => {
    const file = path.join(dir, 'lines.txt');
    writeFileSync(file, 'Gödel–Erdős\r\nsecond ✓ line\n\nlast');
    for (const size of [1, 2, 3, 5, 64]) {
      const lines: string[] = [];
      let bytes = 0;
      for await (const chunk of readLineChunks(file, 0, size)) {
        lines.push(...chunk.lines);
        bytes = chunk.bytes;
      }
      expect(lines).toEqual(['Gödel–Erdős', 'second ✓ line', '', 'last']);
      expect(bytes).toBe(Buffer.byteLength('Gödel–Erdős\r\nsecond ✓ line\n\nlast'));
    }
    // Each line's end offset is where reading resumes after it.
    const chunks = async (start: number) => {
      const out: { lines: string[]; ends: number[] }[] = [];
      for await (const c of readLineChunks(file, start, 4)) out.push(c);
      return out;
    };
    const ends = (await chunks(0)).flatMap((c) => c.ends);
    expect(ends).toEqual([Buffer.byteLength('Gödel–Erdős\r\n'), Buffer.byteLength('Gödel–Erdős\r\nsecond ✓ line\n'), Buffer.byteLength('Gödel–Erdős\r\nsecond ✓ line\n\n'), Buffer.byteLength('Gödel–Erdős\r\nsecond ✓ line\n\nlast')]);
    const rest = (await chunks(ends[1]!)).flatMap((c) => c.lines);
    expect(rest).toEqual(['', 'last']);
  });

  it('rejects records that are not objects or have no category', () => {
    expect(kaggleRecordToPaper([1, 2])).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(kaggleRecordToPaper({ id: '2401.00001', title: 'T', categories: '' })).toEqual({ ok: false, reason: 'no categories for 2401.00001' });
  });
});
