import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import { dayFlag, prepareOutDir, rankDeps, wholeNumber } from './options.js';

describe('dayFlag', () => {
  // 23:30 UTC on a Thursday: Friday's announcement is already out in UTC terms.
  const now = new Date('2026-01-29T23:30:00Z');

  it('takes a day from August 1991 up to tomorrow in UTC', () => {
    expect(dayFlag(undefined, '--date', now)).toBeUndefined();
    expect(dayFlag('1991-08-01', '--date', now)).toBe('1991-08-01');
    expect(dayFlag('2026-01-30', '--date', now)).toBe('2026-01-30');
  });

  it('names the flag for a malformed, impossible, too early or future date', () => {
    expect(() => dayFlag('2026-02-30', '--from', now)).toThrow('--from must be a date like 2026-01-30, got "2026-02-30"');
    expect(() => dayFlag('30/01/2026', '--date', now)).toThrow(UsageError);
    expect(() => dayFlag('1980-01-01', '--date', now)).toThrow("--date 1980-01-01 is before arXiv's first announcement (August 1991)");
    expect(() => dayFlag('2026-01-31', '--date', now)).toThrow('--date 2026-01-31 is in the future');
    expect(() => dayFlag('2099-01-01', '--date', now)).toThrow(UsageError);
  });
});

describe('wholeNumber', () => {
  it('takes whole numbers in range and rejects anything else, naming the flag', () => {
    expect(wholeNumber(undefined, '--port', 8765, 0, 65535)).toBe(8765);
    expect(wholeNumber('0', '--port', 8765, 0, 65535)).toBe(0);
    for (const bad of ['99999', 'abc', '-1', '1.5', '', '1e3']) {
      expect(() => wholeNumber(bad, '--port', 8765, 0, 65535)).toThrow(`--port must be a whole number from 0 to 65535, got "${bad}"`);
    }
  });
});

describe('prepareOutDir', () => {
  it('creates the folder, and names it when a file is in the way', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-out-'));
    await prepareOutDir(path.join(dir, 'a/b'));
    const file = path.join(dir, 'afile');
    writeFileSync(file, '');
    await expect(prepareOutDir(file)).rejects.toThrow(`cannot write the output to ${file}: a file is in the way`);
    await expect(prepareOutDir(path.join(file, 'sub'))).rejects.toThrow(UsageError);
  });

  it('names a broken symbolic link or an over-long name on the way, not as an internal ENOENT', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-out-'));
    const link = path.join(dir, 'link');
    symlinkSync(path.join(dir, 'gone'), link);
    for (const out of [link, path.join(link, 'sub')]) {
      await expect(prepareOutDir(out)).rejects.toThrow(`cannot write the output to ${out}: ${link} is a broken symbolic link; pick another folder with --out`);
    }
    const long = path.join(dir, 'y'.repeat(300));
    await expect(prepareOutDir(long)).rejects.toThrow(`cannot write the output to ${long}: a name in the path is too long`);
    await expect(prepareOutDir(path.join(long, 'sub'))).rejects.toThrow(UsageError);
  });
});

describe('rankDeps', () => {
  it('says that --top and --min-score are ignored without --rank', async () => {
    const config = resolveConfig({ env: {}, cwd: mkdtempSync(path.join(tmpdir(), 'pd-options-')) });
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await rankDeps(config, { top: '5', minScore: '0.2' })).toBeUndefined();
      expect(await rankDeps(config, {})).toBeUndefined();
      expect(write.mock.calls.map((c) => String(c[0]))).toEqual(['note: --top and --min-score only apply with --rank (or config rank: true); ignored\n']);
    } finally {
      write.mockRestore();
    }
  });
});
