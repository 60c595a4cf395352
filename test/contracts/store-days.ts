/**
 * Contract tests for a day's incomplete-day notes: kept per category, replaced by a later check of the same
 * category, left alone by saves that checked nothing. Called from testStore (store.ts) with its `test` definer.
 */
import { expect } from 'vitest';
import { StoreError } from '../../src/errors.js';
import type { Store } from '../../src/store/types.js';
import { HOSTILE, apiPaper, day } from './store-fixtures.js';

type Define = (title: string, fn: () => Promise<void>) => void;
type Get = () => Store;
const D = '2026-01-30';
const LG = { category: 'cs.LG', message: 'cs.LG: the listing counts 8 new and cross-listed papers, 5 of them in neither the feed nor the entries the listing page shows' };
const ML = { category: 'stat.ML', message: `stat.ML: 2 missing ${HOSTILE.title}` };

export function dayNoteTests(test: Define, store: Get): void {
  test('day notes: stored per category, replaced only where a listing checked again', async () => {
    const p = apiPaper('2601.00001');
    await store().upsertPapers([p]);
    const listings: [string, number, 'new'][] = [[p.id, 1, 'new']];
    await store().saveDay(day(D, listings));
    expect(await store().getDay(D)).not.toHaveProperty('incomplete');
    await store().saveDay(day(D, listings, { incomplete: [LG], checked: ['cs.LG'] }));
    await store().saveDay(day(D, listings, { categories: ['stat.ML'], incomplete: [ML], checked: ['stat.ML'] }));
    expect((await store().getDay(D))?.incomplete).toEqual([LG, ML]);
    // A save that checked nothing (a feed file, the store itself) leaves every note as it was.
    await store().saveDay(day(D, listings));
    expect((await store().getDay(D))?.incomplete).toEqual([LG, ML]);
    // cs.LG checked again and found whole: its note goes, stat.ML's stays.
    await store().saveDay(day(D, listings, { incomplete: [], checked: ['cs.LG'] }));
    expect((await store().getDay(D))?.incomplete).toEqual([ML]);
    await store().saveDay(day(D, listings, { incomplete: [], checked: ['stat.ML'] }));
    expect(await store().getDay(D)).not.toHaveProperty('incomplete');
  });

  test('day notes: a note without a category or message is refused', async () => {
    const bad = day(D, [], { incomplete: [{ category: '', message: 'x' }] });
    await expect(store().saveDay(bad)).rejects.toBeInstanceOf(StoreError);
    await expect(store().saveDay(day(D, [], { incomplete: [{ category: 'cs.LG' } as never] }))).rejects.toThrow(/category and a message/);
    expect(await store().getDay(D)).toBeNull();
  });
}
