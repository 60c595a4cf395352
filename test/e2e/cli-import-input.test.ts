/**
 * `profile import` and `import-jsonl` given a file they cannot read (a folder, an empty file, gzip or binary
 * data): one line naming what it is, none of its bytes, exit 2, and no store or profile left behind.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir();
const bib = '@article{ddpm, title = {Denoising Diffusion Probabilistic Models}, eprint = {2006.11239}}\n';
writeFileSync(path.join(dir, 'refs.bib.gz'), gzipSync(bib.repeat(40)));
writeFileSync(path.join(dir, 'day.jsonl.gz'), gzipSync('{"id":"2601.00001"}\n'));
writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([0x40, 0x7a, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x7b, 0xfe, 0x4d, 0x41, 0x0a]));
writeFileSync(path.join(dir, 'empty.txt'), '');
mkdirSync(path.join(dir, 'folder'));

/** Nothing of the file's bytes: no control characters, no replacement characters. */
const clean = (text: string): boolean => ![...text].some((c) => (c < ' ' && c !== '\n' && c !== '\t') || c === '\u007f' || c === '\ufffd');

describe('CLI: an input file that is not what the import reads', () => {
  it('profile import says what the file is, exits 2 and creates no store or profile', async () => {
    const cases: [string, RegExp][] = [
      ['refs.bib.gz', /refs\.bib\.gz is gzip-compressed, not a library file .*: decompress it first$/],
      ['blob.bin', /blob\.bin is not UTF-8 text \(binary data\?\), so not a library file/],
      ['folder', /folder is a folder, not a library file/],
      ['empty.txt', /empty\.txt: no library items found/],
    ];
    for (const [name, message] of cases) {
      const db = path.join(dir, `${name}.sqlite`);
      const profile = path.join(dir, `${name}.profile.json`);
      const r = await runCli(['profile', 'import', path.join(dir, name), '--profile', profile, '--db', db, '--offline']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim(), name).toMatch(message);
      expect(clean(r.stderr), name).toBe(true);
      expect(existsSync(db), `${name} created the store`).toBe(false);
      expect(existsSync(profile), `${name} created the profile`).toBe(false);
    }
  });

  it('import-jsonl says what the file is, exits 2 and creates no store', async () => {
    const cases: [string, RegExp][] = [
      ['day.jsonl.gz', /day\.jsonl\.gz is gzip-compressed, not a digest JSONL file: decompress it first$/],
      ['blob.bin', /blob\.bin is not UTF-8 text \(binary data\?\), so not a digest JSONL file/],
      ['folder', /folder is a folder, not a digest JSONL file/],
    ];
    for (const [name, message] of cases) {
      const db = path.join(dir, `jsonl-${name}.sqlite`);
      const r = await runCli(['import-jsonl', path.join(dir, name), '--db', db]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim(), name).toMatch(message);
      expect(clean(r.stderr), name).toBe(true);
      expect(existsSync(db), `${name} created the store`).toBe(false);
    }
  });

  it('still imports the same library once it is decompressed', async () => {
    writeFileSync(path.join(dir, 'refs.bib'), bib);
    const profile = path.join(dir, 'ok.profile.json');
    const r = await runCli(['profile', 'import', path.join(dir, 'refs.bib'), '--profile', profile, '--db', path.join(dir, 'ok.sqlite'), '--offline']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(profile, 'utf8')).toContain('2006.11239');
  });
});
