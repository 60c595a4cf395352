import { describe, expect, it } from 'vitest';
import { dayAnnounceTypes, recordedAnnounceTypes } from './day-types.js';
import { createRunRecorder } from './report.js';
import type { Store } from './store/types.js';
import type { AnnounceType, RunReport } from './types.js';

function report(command: string, date: string | null, fields: { types?: AnnounceType[]; listed?: Partial<Record<AnnounceType, number>> }): RunReport {
  const r = createRunRecorder(command, []).report;
  r.date = date;
  if (fields.types) r.announceTypes = fields.types;
  r.counts.byAnnounceType = fields.listed ?? {};
  r.counts.listed = Object.values(r.counts.byAnnounceType).reduce((a, b) => a + (b ?? 0), 0);
  return r;
}

describe('recordedAnnounceTypes', () => {
  it("takes each day's latest run, ignoring other commands and runs that listed nothing", () => {
    const runs = [
      report('render', '2026-02-03', { types: ['new'] }),
      report('run', '2026-02-03', {}), // failed before listing anything
      report('run', '2026-02-03', { types: ['new', 'cross', 'replace'] }),
      report('run', '2026-02-03', { types: ['new'] }),
      report('run', null, {}),
    ];
    expect([...recordedAnnounceTypes(runs)]).toEqual([['2026-02-03', ['new', 'cross', 'replace']]]);
  });

  it('reads the types of reports kept before they recorded them from what the run listed', () => {
    const old = report('run', '2026-02-04', { listed: { new: 40, cross: 3, replace: 2 } });
    expect(recordedAnnounceTypes([old]).get('2026-02-04')).toEqual(['new', 'cross', 'replace']);
  });
});

describe('dayAnnounceTypes', () => {
  const runs = [report('run', '2026-02-03', { types: ['new', 'replace'] })];
  const imported = { date: '2026-02-04', categories: ['cs.LG'], source: 'jsonl', reconstructed: false, listings: [] };
  const store = { listRuns: async () => runs, getDay: async (date: string) => (date === imported.date ? imported : null) } as unknown as Store;

  it('shows a day with its recorded types, an imported one with all, one without either with the default, and asked-for types over both', async () => {
    const recorded = dayAnnounceTypes(store, { announceTypes: ['new', 'cross'], announceTypesSet: false });
    expect(await recorded('2026-02-03')).toEqual(['new', 'replace']);
    expect(await recorded('2026-02-02')).toEqual(['new', 'cross']);
    expect(await recorded('2026-02-04')).toEqual(['new', 'cross', 'replace', 'replace-cross']);
    const asked = dayAnnounceTypes(store, { announceTypes: ['cross'], announceTypesSet: true });
    expect(await asked('2026-02-03')).toEqual(['cross']);
  });
});
