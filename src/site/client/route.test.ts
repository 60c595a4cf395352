import { describe, expect, it } from 'vitest';
import { idMonth } from '../types.js';
import { chooseDay, isCalendarDate, versionless } from './route.js';

const DAYS = ['2026-01-29', '2026-01-30', '2026-02-02'];
const LATEST = 'showing the latest, Monday, 2 February 2026.';

describe('chooseDay', () => {
  it('shows the asked-for day, and the latest for the bare route, without a notice', () => {
    expect(chooseDay('/day/2026-01-30', DAYS)).toEqual({ date: '2026-01-30', notice: null });
    for (const path of ['', '/', '/day/']) expect(chooseDay(path, DAYS)).toEqual({ date: '2026-02-02', notice: null });
  });

  it('says so when the day is not in the site, past or future', () => {
    expect(chooseDay('/day/2026-01-31', DAYS)).toEqual({ date: '2026-02-02', notice: `No digest for Saturday, 31 January 2026 (not announced or not built); ${LATEST}` });
    expect(chooseDay('/day/1999-01-01', DAYS)?.notice).toBe(`No digest for Friday, 1 January 1999 (not announced or not built); ${LATEST}`);
  });

  it('names a malformed route (cut when long) instead of a date', () => {
    expect(chooseDay('/day/garbage', DAYS)).toEqual({ date: '2026-02-02', notice: `No such page: #/day/garbage; ${LATEST}` });
    expect(chooseDay('/day/2026-02-30', DAYS)?.notice).toBe(`No such page: #/day/2026-02-30; ${LATEST}`);
    expect(chooseDay('/nonsense', DAYS)?.notice).toBe(`No such page: #/nonsense; ${LATEST}`);
    expect(chooseDay(`/${'x'.repeat(100)}`, DAYS)?.notice).toBe(`No such page: #/${'x'.repeat(59)}…; ${LATEST}`);
  });

  it('has nothing to show on a site without days', () => {
    expect(chooseDay('/day/2026-01-30', [])).toBeNull();
  });
});

describe('isCalendarDate', () => {
  it('takes real days only', () => {
    expect(['2026-01-31', '2024-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-30', '2025-02-29', '2026-1-31', 'garbage'].map(isCalendarDate)).toEqual([false, false, false, false]);
  });
});

describe('paper ids in links', () => {
  it('drops the version and names the month of the id', () => {
    expect(versionless('2601.21419v12')).toBe('2601.21419');
    expect(versionless('hep-th/9901001v2')).toBe('hep-th/9901001');
    expect(['2512.00101', '1706.03762v7', 'hep-th/9901001', 'math/0601001'].map(idMonth)).toEqual(['2025-12', '2017-06', '1999-01', '2006-01']);
    expect(['9999.99999', 'garbage', ''].map(idMonth)).toEqual([null, null, null]);
  });
});
