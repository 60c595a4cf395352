/**
 * The README's promise: on a fresh machine, its first command builds the sample-day digest and its second
 * runs the tests. Checked on a clean clone of the committed tree (so a file that is not committed, or a
 * build that needs more than the repository, fails here). `npm ci` itself is exercised by `.ci/run`; this test
 * links the already installed node_modules into the clone instead of installing a second time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli.js';

function readmeCommands(): string[] {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

describe('README first screen', () => {
  it('names the sample-day command and the test command, and CI runs the same test command', () => {
    expect(readmeCommands()).toEqual(['npm ci && npx preprint-digest run --sample --out digest', 'npm test']);
    expect(readFileSync(path.join(REPO, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });

  it('builds the sample-day digest from a clean clone with the first command', () => {
    if (!existsSync(path.join(REPO, '.git'))) return expect.fail('the README test needs the git checkout');
    const dir = tempDir('pd-clone-');
    const clone = path.join(dir, 'clone');
    execFileSync('git', ['clone', '-q', REPO, clone]);
    symlinkSync(path.join(REPO, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    execFileSync('npm', ['run', 'build'], { cwd: clone, stdio: 'pipe' }); // what `npm ci` runs as `prepare`
    const [command] = readmeCommands();
    const args = (command ?? '').split('&&')[1]?.trim().split(/\s+/) ?? [];
    expect(args.slice(0, 2)).toEqual(['npx', 'preprint-digest']);
    const env = { PATH: process.env.PATH ?? '', HOME: dir, XDG_DATA_HOME: path.join(dir, 'data'), XDG_CONFIG_HOME: path.join(dir, 'config') };
    const r = spawnSync('npx', args.slice(1), { cwd: clone, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const md = readFileSync(path.join(clone, 'digest/2026-01-30.md'), 'utf8');
    expect(md).toContain('- [cs.LG](#cs.LG) [Total: 172]');
    expect(md).toContain('- [stat.ML](#stat.ML) [Total: 17]');
    expect(md.match(/^### \[\d+\] /gm)).toHaveLength(189);
    expect(existsSync(path.join(dir, 'data/preprint-digest/digest.sqlite'))).toBe(true);
  }, 180_000);
});
