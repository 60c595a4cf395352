/**
 * Ranking through the CLI beyond the happy path: a library imported offline whose papers have no stored text
 * (the run says so instead of scoring every paper 0 in silence), and `render` keeping a ranked day's ranking.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir();
const db = path.join(dir, 'db.sqlite');

beforeAll(async () => {
  const first = await runCli(['run', '--sample', '--out', dir, '--db', db, '--progress', 'none']);
  expect(first.code, first.stderr).toBe(0);
}, 60_000);

describe('CLI: ranking with little to go on', () => {
  it('says how many library papers lack text, in the terminal and the run report, and when no signal is left', async () => {
    const profile = path.join(dir, 'offline.json');
    writeFileSync(path.join(dir, 'unknown.txt'), '2401.00001\n2401.00002\n');
    const imp = await runCli(['profile', 'import', path.join(dir, 'unknown.txt'), '--profile', profile, '--db', db, '--offline']);
    expect(imp.code, imp.stderr).toBe(0);
    const out = tempDir();
    const r = await runCli(['run', '--sample', '--rank', '--profile', profile, '--out', out, '--db', db, '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('rank: 2 of 2 library papers have no title or abstract in the store (imported with --offline?)');
    expect(r.stderr).toContain('rank: nothing left to rank by');
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')) as { problems: { stage: string; message: string }[] };
    expect(report.problems.filter((p) => p.stage === 'rank').map((p) => p.message)).toHaveLength(2);
  });

  it('a missing profile is named as missing', async () => {
    const r = await runCli(['run', '--sample', '--rank', '--profile', path.join(dir, 'none.json'), '--out', tempDir(), '--db', db, '--progress', 'none']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no interest profile at .*none\.json; build one with/);
    expect(r.stderr).not.toMatch(/has no library/);
  });
});

describe('CLI: render keeps the ranking', () => {
  const records = (out: string) =>
    readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; relevance?: { score: number; for_you?: boolean } });

  it('render --rank (and config "rank": true) ranks the stored day as run --rank did', async () => {
    const profile = path.join(dir, 'kw.json');
    writeFileSync(profile, JSON.stringify({ keywords: ['graph', { term: 'kernel', weight: 2 }] }));
    const ran = tempDir();
    const r = await runCli(['run', '--sample', '--rank', '--top', '4', '--profile', profile, '--out', ran, '--db', db, '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const rendered = tempDir();
    const again = await runCli(['render', '--rank', '--top', '4', '--profile', profile, '--out', rendered, '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    expect(records(rendered)).toEqual(records(ran));
    expect(readFileSync(path.join(rendered, '2026-01-30.md'), 'utf8')).toMatch(/## For you/);
    expect(records(rendered).filter((x) => x.relevance?.for_you)).toHaveLength(4);

    const config = path.join(dir, 'rank-config.json');
    writeFileSync(config, JSON.stringify({ rank: true, top: 4, profile }));
    const viaConfig = tempDir();
    const c = await runCli(['render', '--config', config, '--out', viaConfig, '--db', db]);
    expect(c.code, c.stderr).toBe(0);
    expect(records(viaConfig)).toEqual(records(ran));
  });
});
