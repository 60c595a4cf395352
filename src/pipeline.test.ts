import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import { makeSummary } from '../test/fixtures/render/entries.js';
import { SMTP_PASS, SMTP_USER, startSmtp } from '../test/channels/smtp.js';
import type { DeliveryConfig } from './deliver.js';
import { EXIT_CODES, NoAnnouncementError, SummarizerStoppedError, exitCodeFor } from './errors.js';
import { sampleFeedPath } from './paths.js';
import { runDay } from './pipeline.js';
import type { FetchOptions } from './digest/batch.js';
import { createRunRecorder } from './report.js';
import sqliteStore from './store/sqlite.js';
import type { Store } from './store/types.js';
import type { Summarizer } from './summarize/types.js';

const fetchOptions = (feedFile: string): FetchOptions => ({
  categories: [],
  announceTypes: ['new', 'cross'],
  feedFile,
  rssUrl: 'http://127.0.0.1:9',
  apiUrl: 'http://127.0.0.1:9',
  listUrl: 'http://127.0.0.1:9',
  contact: null,
  minIntervalMs: 0,
  timeoutMs: 1000,
  retries: 0,
});

/** An LLM-like summarizer whose quota runs out after `budget` papers. */
function quotaSummarizer(budget: number): Summarizer {
  let calls = 0;
  return {
    name: 'llm',
    model: 'quota-test',
    version: 'v1',
    capabilities: { languages: 'any', concurrent: false },
    async summarize() {
      if (++calls > budget) throw new SummarizerStoppedError('insufficient_quota: the account has no credit left');
      return makeSummary({ summarizer: 'llm', model: 'quota-test' });
    },
  };
}

const fallback: Summarizer = { ...quotaSummarizer(Infinity), name: 'builtin', model: 'fallback-test', async summarize() { return makeSummary({ summarizer: 'builtin' }); } };

let store: Store;
let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'pd-pipeline-'));
  store = sqliteStore({ path: path.join(out, 'db.sqlite') });
});
afterEach(async () => store.close());

describe('runDay', () => {
  it('writes the whole digest with marked fallbacks when the summarizer stops, and reports exit code 5', async () => {
    const recorder = createRunRecorder('run', []);
    const result = await runDay(
      { fetch: fetchOptions(sampleFeedPath()), summarize: { summarizer: quotaSummarizer(10), fallback, language: 'en' }, out },
      { store, recorder },
    );
    expect(result.stopped).toMatch(/insufficient_quota/);
    expect(result.report.exitCode).toBe(EXIT_CODES.summarizerStopped);
    expect(result.report.counts.byStatus).toEqual({ ok: 10, fallback: 179, failed: 0 });
    const md = readFileSync(result.files.markdown, 'utf8');
    expect(md.match(/^### \[\d+\] /gm)).toHaveLength(189);
    expect(md.match(/TL;DR: \*\(built-in summary; LLM failed: [^)]*insufficient_quota/g)).toHaveLength(179);
    const saved = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(saved.exitCode).toBe(5);
    expect((await store.listRuns(1))[0]?.exitCode).toBe(5);
  });

  it('keeps a report of a run that found no announcement', async () => {
    const empty = path.resolve(import.meta.dirname, '../../shared/fixtures/arxiv/rss-empty-test-archive-2024-11-28.xml');
    const recorder = createRunRecorder('run', []);
    const run = runDay({ fetch: fetchOptions(empty), summarize: { summarizer: fallback, language: 'en' }, out }, { store, recorder });
    await expect(run).rejects.toBeInstanceOf(NoAnnouncementError);
    const saved = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(saved).toMatchObject({ exitCode: 3, counts: { listed: 0 } });
    expect(existsSync(path.join(out, '2024-11-28.md'))).toBe(false);
  });

  it('reports the note a day without an announcement got: who got it, the categories the feed named, the source', async () => {
    const smtp = await startSmtp();
    try {
      const deliver = noteDelivery(`smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${smtp.port}?starttls=never`);
      const empty = path.resolve(import.meta.dirname, '../test/fixtures/arxiv/rss-empty-cs.LG+stat.ML-2026-01-30.xml');
      const recorder = createRunRecorder('run', []);
      const run = runDay({ fetch: fetchOptions(empty), summarize: { summarizer: fallback, language: 'en' }, out, deliver }, { store, recorder });
      await expect(run).rejects.toBeInstanceOf(NoAnnouncementError);
      const saved = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
      expect(saved).toMatchObject({ exitCode: 3, date: '2026-01-30', delivered: ['email'], categories: ['cs.LG', 'stat.ML'], source: 'file' });
      const mail = await PostalMime.parse(smtp.received.at(-1)!.raw);
      expect(mail.subject).toBe('preprint-digest 2026-01-30: no announcement (cs.LG, stat.ML)');
    } finally {
      await smtp.close();
    }
  });
});

function noteDelivery(smtpUrl: string): DeliveryConfig {
  const none = { slackWebhook: null, feishuWebhook: null, feishuSecret: null, telegramToken: null, telegramChatId: null, telegramApiUrl: null };
  return { siteUrl: null, emailTo: ['a@example.org'], emailFrom: 'digest@example.org', smtpUrl, emailDetails: false, emailMaxPapers: null, noAnnouncementEmail: true, chatTop: 10, minScore: null, ...none };
}

describe('exitCodeFor', () => {
  it('maps every error class to its documented exit code', async () => {
    const errors = await import('./errors.js');
    expect(exitCodeFor(new errors.UsageError('x'))).toBe(2);
    expect(exitCodeFor(new errors.ConfigError('x'))).toBe(2);
    expect(exitCodeFor(new errors.NoAnnouncementError('x'))).toBe(3);
    for (const code of ['E_FETCH', 'E_FEED_ERROR', 'E_PARSE', 'E_STALE'] as const) expect(exitCodeFor(new errors.SourceError(code, 'x'))).toBe(4);
    expect(exitCodeFor(new errors.SummarizerStoppedError('x'))).toBe(5);
    expect(exitCodeFor(new errors.DigestError('E_DELIVERY', 'x'))).toBe(6);
    expect(exitCodeFor(new errors.StoreError('x'))).toBe(1);
    expect(exitCodeFor(new TypeError('x'))).toBe(1);
  });
});
