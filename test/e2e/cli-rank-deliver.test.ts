/**
 * Ranking and delivery through the CLI: a profile imported from a list of ids, `run --rank` with its
 * "For you" list, the digest emailed to a real SMTP server, a Slack webhook, and exit 6 on a refused login.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunRecorder, finishRun } from '../../src/report.js';
import { openStore } from '../../src/store/index.js';
import { SHARED, runCli, tempDir } from '../helpers/cli.js';
import { startHttp } from '../channels/http.js';
import { SMTP_PASS, SMTP_USER, startSmtp } from '../channels/smtp.js';
import type { TestSmtp } from '../channels/smtp.js';

const dir = tempDir();
const db = path.join(dir, 'db.sqlite');
const profile = path.join(dir, 'profile.json');
let statMl: string[] = [];
let smtp: TestSmtp;
const smtpUrl = () => `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${smtp.port}`;

beforeAll(async () => {
  smtp = await startSmtp();
  const first = await runCli(['run', '--sample', '--out', dir, '--db', db, '--progress', 'none']);
  expect(first.code, first.stderr).toBe(0);
  const records = readFileSync(path.join(dir, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  statMl = records.filter((r) => r.primary_category === 'stat.ML').map((r) => r.id as string);
}, 60_000);
afterAll(async () => smtp.close());

describe('CLI: profile and ranking', () => {
  it('imports a list of arXiv ids into the profile, taking abstracts from the store', async () => {
    writeFileSync(path.join(dir, 'ids.txt'), `# liked papers\n${statMl.slice(0, 8).join('\n')}\n`);
    const r = await runCli(['profile', 'import', path.join(dir, 'ids.txt'), '--profile', profile, '--db', db, '--offline']);
    expect(r.code, r.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(profile, 'utf8'));
    expect(saved.library.map((x: { id: string }) => x.id)).toEqual(statMl.slice(0, 8));
    const show = await runCli(['profile', 'show', '--profile', profile]);
    expect(show.stdout).toMatch(/8/);
  });

  it('profile show on a profile that does not exist says so (exit 2), as run --rank does', async () => {
    const missing = path.join(dir, 'typo-profile.json');
    const r = await runCli(['profile', 'show', '--profile', missing]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`preprint-digest: [config] no interest profile at ${missing}; build one with "preprint-digest profile import FILE" or write it by hand`);
  });

  it('names the line of a malformed library file', async () => {
    writeFileSync(path.join(dir, 'bad.bib'), '@article{a,\n  title = {Fine},\n}\n@article{b,\n  title = {Broken\n');
    const r = await runCli(['profile', 'import', path.join(dir, 'bad.bib'), '--profile', path.join(dir, 'other.json'), '--db', db, '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line \d+/);
  });

  it('ranks the day: "For you" first, relevance on every record, library papers not recommended', async () => {
    const out = tempDir();
    const r = await runCli(['run', '--sample', '--rank', '--top', '5', '--profile', profile, '--out', out, '--db', db, '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(path.join(out, '2026-01-30.md'), 'utf8');
    expect(md).toMatch(/## For you/);
    expect(md.startsWith('<div id=toc></div>')).toBe(true);
    const records = readFileSync(path.join(out, '2026-01-30.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(189);
    for (const rec of records) expect(typeof rec.relevance.score).toBe('number');
    const forYou = records.filter((rec) => rec.relevance.for_you).map((rec) => rec.id);
    expect(forYou).toHaveLength(5);
    for (const id of statMl.slice(0, 8)) expect(forYou).not.toContain(id);
    expect(records.filter((rec) => rec.relevance.in_library)).toHaveLength(8);
    // Held-out stat.ML papers rank far above chance (8 of 181 candidates).
    const top20 = records.filter((rec) => !rec.relevance.in_library).sort((a, b) => b.relevance.score - a.relevance.score).slice(0, 20);
    expect(top20.filter((rec) => rec.primary_category === 'stat.ML').length).toBeGreaterThanOrEqual(3);
  });
});

describe('CLI: delivery', () => {
  it('emails the stored day to several recipients with text and HTML parts', async () => {
    const before = smtp.received.length;
    const r = await runCli(['send', '--to', 'Ada Lovelace <a@example.org>, b@example.org', '--date', '2026-01-30', '--db', db, '--site-url', 'https://example.org/digest/'], {
      env: { PREPRINT_DIGEST_SMTP_URL: smtpUrl() },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(smtp.received.length).toBe(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.rcpt).toEqual(['a@example.org', 'b@example.org']);
    const parsed = await PostalMime.parse(mail.raw);
    expect(parsed.text).toMatch(/Thank you to arXiv/);
    expect(parsed.html).toMatch(/https:\/\/example\.org\/digest\//);
    expect(`${r.stdout}${r.stderr}`).not.toContain(SMTP_PASS);
  });

  it('sends the no-announcement note only for a day a run recorded without one', async () => {
    const before = smtp.received.length;
    const env = { PREPRINT_DIGEST_SMTP_URL: smtpUrl() };
    const unknown = await runCli(['send', '--to', 'a@example.org', '--date', '2026-02-03', '--db', db], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/has no record of 2026-02-03 .*cannot tell whether it was an announcement day; run `preprint-digest fetch --date 2026-02-03` first/);
    expect(smtp.received.length).toBe(before);

    const empty = path.join(SHARED, 'fixtures/arxiv/rss-empty-test-archive-2024-11-28.xml');
    const run = await runCli(['run', '--feed-file', empty, '--categories', 'cs.LG', '--out', tempDir(), '--db', db, '--progress', 'none']);
    expect(run.code).toBe(3);
    const note = await runCli(['send', '--to', 'a@example.org', '--date', '2024-11-28', '--db', db], { env });
    expect(note.code, note.stderr).toBe(0);
    expect(note.stdout).toMatch(/2024-11-28: no announcement; sent the note/);
    const parsed = await PostalMime.parse(smtp.received.at(-1)!.raw);
    expect(parsed.subject).toBe('preprint-digest 2024-11-28: no announcement (cs.LG)');
  });

  it('says when a run mails the no-announcement note, and send without --date picks that day', async () => {
    const env = { PREPRINT_DIGEST_SMTP_URL: smtpUrl() };
    const own = path.join(tempDir(), 'empty.sqlite');
    const out = tempDir();
    const empty = path.resolve(import.meta.dirname, '../fixtures/arxiv/rss-empty-cs.LG+stat.ML-2026-01-30.xml');
    const run = await runCli(['run', '--feed-file', empty, '--to', 'a@example.org', '--out', out, '--db', own, '--progress', 'none'], { env });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^2026-01-30: no announcement; sent the note to email$/m);
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report).toMatchObject({ delivered: ['email'], categories: ['cs.LG', 'stat.ML'], source: 'file' });
    const send = await runCli(['send', '--to', 'a@example.org', '--db', own], { env });
    expect(send.code, send.stderr).toBe(0);
    expect(send.stdout).toMatch(/2026-01-30: no announcement; sent the note to email/);
    expect((await PostalMime.parse(smtp.received.at(-1)!.raw)).subject).toBe('preprint-digest 2026-01-30: no announcement (cs.LG, stat.ML)');
  });

  it('sends the note for a day an older release recorded without an announcement (its report has no date)', async () => {
    const store = await openStore(db);
    const old = createRunRecorder('run', []);
    await finishRun(old, store, null, 3, '[fetch] no announcement for 2026-02-07 in cs.LG, stat.ML (weekend, holiday or quiet category)');
    await store.close();
    const note = await runCli(['send', '--to', 'a@example.org', '--date', '2026-02-07', '--db', db], { env: { PREPRINT_DIGEST_SMTP_URL: smtpUrl() } });
    expect(note.code, note.stderr).toBe(0);
    const parsed = await PostalMime.parse(smtp.received.at(-1)!.raw);
    expect(parsed.subject).toBe('preprint-digest 2026-02-07: no announcement (cs.LG, stat.ML)');
  });

  it('exits 6 with one line when the SMTP login is refused, after writing the digest', async () => {
    const out = tempDir();
    const r = await runCli(['run', '--sample', '--to', 'a@example.org', '--out', out, '--db', db, '--progress', 'none'], {
      env: { PREPRINT_DIGEST_SMTP_URL: `smtp://${SMTP_USER}:wrong@127.0.0.1:${smtp.port}` },
    });
    expect(r.code).toBe(6);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/login refused/);
    expect(readFileSync(path.join(out, '2026-01-30.md'), 'utf8')).toMatch(/Total: 172/);
    expect(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')).exitCode).toBe(6);
  });

  it('checks delivery settings before the run does any work: exit 2, one line, nothing written', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--to', 'a@example.org'], {}, /needs PREPRINT_DIGEST_SMTP_URL/],
      [['--to', 'a@example.org'], { PREPRINT_DIGEST_SMTP_URL: 'smtp//user:hunter2@host' }, /PREPRINT_DIGEST_SMTP_URL: SMTP URL must look like/],
      [['--to', 'not-an-address'], { PREPRINT_DIGEST_SMTP_URL: smtpUrl() }, /"not-an-address" is not an email address/],
      [[], { PREPRINT_DIGEST_TELEGRAM_TOKEN: '123:abc' }, /PREPRINT_DIGEST_TELEGRAM_TOKEN is set but telegramChatId is not/],
    ];
    for (const [flags, env, expected] of cases) {
      const out = path.join(tempDir(), 'out');
      const r = await runCli(['run', '--sample', ...flags, '--out', out, '--db', db, '--progress', 'none'], { env });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toContain('hunter2');
      expect(existsSync(out)).toBe(false);
    }
    const send = await runCli(['send', '--to', 'a@example.org', '--date', '2026-01-30', '--db', db], { env: { PREPRINT_DIGEST_SMTP_URL: 'http://x' } });
    expect(send.code).toBe(2);
    expect(send.stderr).toMatch(/^preprint-digest: \[config\] PREPRINT_DIGEST_SMTP_URL: SMTP URL must look like/);
  });

  it('a failed channel does not hide the one that got the digest: stderr and run-report.json name it', async () => {
    const hook = await startHttp(() => ({ body: 'ok' }));
    const out = tempDir();
    const r = await runCli(['run', '--sample', '--to', 'a@example.org', '--out', out, '--db', db, '--progress', 'none'], {
      env: { PREPRINT_DIGEST_SMTP_URL: `smtp://${SMTP_USER}:wrong@127.0.0.1:${smtp.port}`, PREPRINT_DIGEST_SLACK_WEBHOOK: `${hook.url}/services/T/B/x` },
    }).finally(() => hook.close());
    expect(r.code).toBe(6);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/\[email\] SMTP login refused .* \(sent: slack\)$/m);
    expect(hook.requests).toHaveLength(1);
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report.exitCode).toBe(6);
    expect(report.delivered).toEqual(['slack']);
  });

  it('pushes the day to a Slack webhook and records it in the report', async () => {
    const bodies: unknown[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T/B/x`;
    const out = tempDir();
    const r = await runCli(['run', '--sample', '--out', out, '--db', db, '--progress', 'none'], { env: { PREPRINT_DIGEST_SLACK_WEBHOOK: url } });
    server.close();
    expect(r.code, r.stderr).toBe(0);
    expect(bodies).toHaveLength(1);
    expect((bodies[0] as { blocks: unknown[] }).blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')).delivered).toEqual(['slack']);
  });
});
