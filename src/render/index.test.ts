import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestError } from '../errors.js';
import { makeDigest, makeEntry } from '../../test/fixtures/render/entries.js';
import { renderJsonl, renderMarkdown, writeDigest } from './index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'render-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeDigest', () => {
  const digest = makeDigest([['cs.LG', [makeEntry()]]]);

  it('writes DATE.md and DATE.jsonl into a directory it creates, and returns their paths', async () => {
    const out = path.join(dir, 'a', 'b');
    const written = await writeDigest(digest, out);
    expect(written).toEqual({ markdown: path.join(out, '2026-01-30.md'), jsonl: path.join(out, '2026-01-30.jsonl') });
    expect(await readFile(written.markdown, 'utf8')).toBe(renderMarkdown(digest));
    expect(await readFile(written.jsonl, 'utf8')).toBe(renderJsonl(digest));
    expect((await readdir(out)).sort()).toEqual(['2026-01-30.jsonl', '2026-01-30.md']);
  });

  it('replaces an earlier digest of the same day and leaves no temporary files', async () => {
    await writeFile(path.join(dir, '2026-01-30.md'), 'old');
    const again = makeDigest([['cs.LG', [makeEntry(), makeEntry({}, { id: '2601.00002' })]]]);
    const written = await writeDigest(again, dir);
    expect(await readFile(written.markdown, 'utf8')).toContain('[Total: 2]');
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('passes Markdown options through', async () => {
    const written = await writeDigest(digest, dir, { extras: false });
    expect(await readFile(written.markdown, 'utf8')).not.toContain('[pdf]');
  });

  it('refuses a date that is not YYYY-MM-DD, so it cannot become a path', async () => {
    for (const date of ['../2026-01-30', '2026-1-30', '2026-01-30/x', '']) {
      const bad = { ...digest, date };
      await expect(writeDigest(bad, dir)).rejects.toMatchObject({ code: 'E_RENDER', stage: 'render' });
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports an unusable output directory as a render error', async () => {
    const file = path.join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const err = await writeDigest(digest, path.join(file, 'sub')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestError);
    expect((err as DigestError).code).toBe('E_RENDER');
    expect((err as DigestError).message).toMatch(/^\[render\] cannot create output directory .*: ENOTDIR$/);
  });

  it('reports a target it cannot replace and cleans up its temporary file', async () => {
    const mdPath = path.join(dir, '2026-01-30.md');
    // A non-empty directory where the Markdown file should go: renaming onto it fails.
    await mkdir(path.join(mdPath, 'inner'), { recursive: true });
    await expect(writeDigest(digest, dir)).rejects.toMatchObject({ code: 'E_RENDER' });
    expect(await readdir(dir)).toEqual(['2026-01-30.md']);
  });

  it("removes the temporary files a killed render left for this day's files, and no one else's", async () => {
    const died = ['2026-01-30.md.22215.b7d94d64.tmp', '2026-01-30.jsonl.22215.tmp'];
    const kept = ['2026-01-29.md.22215.b7d94d64.tmp', 'notes.md.tmp', '2026-01-30.md.tmp'];
    for (const name of [...died, ...kept]) {
      await writeFile(path.join(dir, name), 'half');
      await utimes(path.join(dir, name), new Date('2026-01-30T06:00:00Z'), new Date('2026-01-30T06:00:00Z'));
    }
    // Written after this process started: a write in progress in another process, left alone.
    const live = `2026-01-30.md.${process.pid + 1}.0badcafe.tmp`;
    await writeFile(path.join(dir, live), 'being written');
    await writeDigest(digest, dir);
    expect((await readdir(dir)).sort()).toEqual(['2026-01-30.jsonl', '2026-01-30.md', live, ...kept].sort());
  });
});
