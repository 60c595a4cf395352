/**
 * The CLI with an LLM endpoint (the local fake) configured the way users do: OPENAI_BASE_URL, OPENAI_API_KEY,
 * PREPRINT_DIGEST_MODEL. A quota error stops the run with exit 5 and a complete digest; the key never reaches
 * any file, log or database; a run killed with SIGKILL is resumed without redoing finished papers.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, REPO, runCli, tempDir } from '../helpers/cli.js';
import { everyRequest, firstAttempts, scenarios, sequence, startFakeLlm } from '../helpers/fake-llm.js';
import type { FakeLlm } from '../helpers/fake-llm.js';

const KEY = 'sk-test-SECRET-4f9a2c7d1e';
let fake: FakeLlm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function llmEnv(f: FakeLlm, dir: string): Record<string, string> {
  return { OPENAI_BASE_URL: f.url, OPENAI_API_KEY: KEY, PREPRINT_DIGEST_MODEL: 'fake-model', XDG_CACHE_HOME: path.join(dir, 'cache') };
}

const runArgs = (dir: string, extra: string[] = []) => ['run', '--sample', '--out', dir, '--db', path.join(dir, 'db.sqlite'), '--progress', 'none', ...extra];

/** Every byte the run left behind: output files, database (with WAL), capability cache. */
function everythingWritten(dir: string): string {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return files.map((e) => readFileSync(path.join(e.parentPath, e.name)).toString('latin1')).join('\n');
}

describe('CLI with an LLM endpoint', () => {
  it('summarizes the sample day with the LLM, in the asked language, and never writes the API key', async () => {
    fake = await startFakeLlm({ usage: true, apiKey: KEY, script: firstAttempts(scenarios.rateLimitRetryAfterMs(50)) });
    const dir = tempDir();
    const r = await runCli(runArgs(dir, ['--language', 'zh-CN', '--concurrency', '6']), { env: llmEnv(fake, dir) });
    expect(r.code, r.stderr).toBe(0);
    const records = readFileSync(path.join(dir, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(189);
    for (const rec of records) {
      expect(rec.summary_meta).toMatchObject({ summarizer: 'llm', model: 'fake-model', language: 'zh-CN', status: 'ok' });
      expect(rec.summary.tldr).toMatch(/[\u4e00-\u9fff]/);
      expect(rec.summary_meta.usage.prompt_tokens).toBeGreaterThan(0);
    }
    const report = JSON.parse(readFileSync(path.join(dir, 'run-report.json'), 'utf8'));
    expect(report.llm).toMatchObject({ model: 'fake-model', mode: 'json_schema', concurrency: { ceiling: 6 } });
    expect(report.llm.promptTokens).toBeGreaterThan(0);
    expect(report.llm.faults.rate_limit).toBeGreaterThan(0);
    expect(fake.peakInFlight).toBeLessThanOrEqual(6);
    expect(fake.requests.every((q) => q.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(`${r.stdout}${r.stderr}${everythingWritten(dir)}`).not.toContain(KEY);
    // Rendering the stored LLM summaries again needs no endpoint and no key: only whose summaries they are.
    const out = path.join(dir, 'again');
    const again = await runCli(['render', '--out', out, '--db', path.join(dir, 'db.sqlite'), '--summarizer', 'llm', '--model', 'fake-model', '--language', 'zh-CN']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/rendered 189 papers \(0 without a stored summary\)/);
    expect(readFileSync(path.join(out, '2026-01-30.md'), 'utf8')).toBe(readFileSync(path.join(dir, '2026-01-30.md'), 'utf8'));
    // Rendered with no LLM settings at all (built-in, English), the stored LLM summaries still show, as what they are.
    const plain = path.join(dir, 'plain');
    const shown = await runCli(['render', '--out', plain, '--db', path.join(dir, 'db.sqlite')]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/rendered 189 papers \(0 without a stored summary\)/);
    expect(shown.stdout).toContain('note: 189 papers shown with summaries stored under other settings');
    expect(readFileSync(path.join(plain, '2026-01-30.md'), 'utf8')).toBe(readFileSync(path.join(dir, '2026-01-30.md'), 'utf8'));
  });

  it('render, site and send show the stored summaries whatever LLM-only settings are about (an endpoint without a model, a cost budget)', async () => {
    fake = await startFakeLlm();
    const dir = tempDir();
    const db = path.join(dir, 'db.sqlite');
    const r = await runCli(runArgs(dir), { env: llmEnv(fake, dir) });
    expect(r.code, r.stderr).toBe(0);
    // An Ollama user: the endpoint is set, the model is not (run would refuse; showing needs none).
    const ollama = { OPENAI_BASE_URL: fake.url, XDG_CACHE_HOME: path.join(dir, 'cache') };
    const shown = await runCli(['render', '--out', path.join(dir, 'again'), '--db', db], { env: ollama });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/rendered 189 papers \(0 without a stored summary\)/);
    const site = await runCli(['site', '--out', path.join(dir, 'site2'), '--db', db], { env: ollama });
    expect(site.code, site.stderr).toBe(0);
    expect(site.stdout).toMatch(/^site: 1 day, 189 papers → /);
    const budget = await runCli(['render', '--out', path.join(dir, 'budget'), '--db', db], { env: { PREPRINT_DIGEST_MAX_COST: '1' } });
    expect(budget.code, budget.stderr).toBe(0);
    // send too: it gets as far as the mail server (none listens there: a delivery failure, exit 6).
    const send = await runCli(['send', '--to', 'a@example.org', '--db', db], { env: { ...ollama, PREPRINT_DIGEST_MAX_COST: '1', PREPRINT_DIGEST_SMTP_URL: 'smtp://127.0.0.1:9' } });
    expect(send.code, send.stderr).toBe(6);
    expect(fake.calls).toBe(189);
    // The commands that summarize still refuse both, before any call.
    const run = await runCli(runArgs(path.join(dir, 'r2')), { env: ollama });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no model for .*: set PREPRINT_DIGEST_MODEL or pass --model/);
  });

  it('keeps a rejected key out of every output even when the provider echoes it', async () => {
    fake = await startFakeLlm({
      script: everyRequest({ kind: 'error', status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } } }),
    });
    const dir = tempDir();
    const r = await runCli(runArgs(dir), { env: llmEnv(fake, dir) });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^preprint-digest: \[summarize\] not authorised/m);
    const all = `${r.stdout}${r.stderr}${everythingWritten(dir)}`;
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('SECRET-4f9a');
  });

  it('stops on a quota error with exit 5, one clear line, and a complete digest with marked fallbacks', async () => {
    fake = await startFakeLlm({ usage: true, script: sequence([...Array.from({ length: 20 }, () => ({ kind: 'answer' as const })), scenarios.quota()]) });
    const dir = tempDir();
    const r = await runCli(runArgs(dir, ['--concurrency', '1']), { env: llmEnv(fake, dir) });
    expect(r.code).toBe(5);
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('preprint-digest:'))).toEqual([expect.stringMatching(/quota/)]);
    const md = readFileSync(path.join(dir, '2026-01-30.md'), 'utf8');
    expect(md.match(/^### \[\d+\] /gm)).toHaveLength(189);
    expect(md.match(/built-in summary; LLM failed/g)).toHaveLength(169);
    const report = JSON.parse(readFileSync(path.join(dir, 'run-report.json'), 'utf8'));
    expect(report).toMatchObject({ exitCode: 5, counts: { byStatus: { ok: 20, fallback: 169, failed: 0 } } });
    expect(fake.calls).toBe(21);
  });

  it('refuses --max-cost without prices with exit 2 before any call (it could not count cost)', async () => {
    fake = await startFakeLlm();
    const dir = tempDir();
    const r = await runCli(runArgs(dir, ['--max-cost', '0.000001']), { env: llmEnv(fake, dir) });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^preprint-digest: .*cost budget .*needs "prices"/)]);
    expect(fake.calls).toBe(0);
  });

  it('resumes a run killed with SIGKILL, calling the LLM only for unfinished papers', async () => {
    fake = await startFakeLlm({ latencyMs: 40 });
    const dir = tempDir();
    const db = path.join(dir, 'db.sqlite');
    const child = spawn(process.execPath, [CLI, ...runArgs(dir, ['--concurrency', '4'])], { cwd: REPO, env: { PATH: process.env.PATH ?? '', HOME: dir, ...llmEnv(fake, dir) }, stdio: 'ignore' });
    const f = fake;
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (f.calls < 60) return;
        clearInterval(t);
        resolve();
      }, 5);
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const stored = new Database(db, { readonly: true }).prepare('select count(*) as n from summaries').get() as { n: number };
    expect(stored.n).toBeGreaterThan(40);
    expect(stored.n).toBeLessThan(189);
    fake.reset();
    const again = await runCli(runArgs(dir, ['--concurrency', '4']), { env: llmEnv(fake, dir) });
    expect(again.code, again.stderr).toBe(0);
    expect(fake.calls).toBe(189 - stored.n);
    const report = JSON.parse(readFileSync(path.join(dir, 'run-report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ reused: stored.n, byStatus: { ok: 189 } });
  });
});
