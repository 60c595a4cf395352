import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedSummary } from '../../test/contracts/store-fixtures.js';
import { makePaper } from '../../test/fixtures/render/entries.js';
import sqliteStore from '../store/sqlite.js';
import type { Store, StoredSummary } from '../store/types.js';
import { standIns } from './stand-in.js';

let store: Store;
beforeEach(() => {
  store = sqliteStore({ path: ':memory:' });
});
afterEach(() => store.close());

function summary(key: string, language: string, status: 'ok' | 'fallback', createdAt: string): StoredSummary {
  return storedSummary(key, '2601.00001', { createdAt, meta: { summarizer: 'llm', model: 'm', language, status, reason: status === 'ok' ? null : 'timeout' } });
}

describe('standIns', () => {
  const paper = makePaper({ id: '2601.00001', version: 1 });

  it('prefers the language asked for, then its primary subtag, then an ok summary, then the newest', async () => {
    await store.saveSummaries([
      summary('en-new', 'en', 'ok', '2026-02-02T00:00:00.000Z'),
      summary('de-fallback', 'de', 'fallback', '2026-01-30T00:00:00.000Z'),
      summary('de-AT-ok', 'de-AT', 'ok', '2026-01-30T00:00:00.000Z'),
    ]);
    expect((await standIns(store, [paper], 'de')).get(paper.id)?.key).toBe('de-fallback');
    expect((await standIns(store, [paper], 'de-CH')).get(paper.id)?.key).toBe('de-AT-ok');
    expect((await standIns(store, [paper], 'fr')).get(paper.id)?.key).toBe('en-new');
    await store.saveSummaries([summary('fr-old', 'fr', 'ok', '2026-01-01T00:00:00.000Z'), summary('fr-newer', 'fr', 'ok', '2026-01-05T00:00:00.000Z')]);
    expect((await standIns(store, [paper], 'fr')).get(paper.id)?.key).toBe('fr-newer');
  });

  it('only takes summaries of the same paper version', async () => {
    await store.saveSummaries([summary('v1', 'en', 'ok', '2026-01-30T00:00:00.000Z')]);
    expect((await standIns(store, [{ ...paper, version: 2 }], 'en')).size).toBe(0);
    expect((await standIns(store, [], 'en')).size).toBe(0);
  });
});
