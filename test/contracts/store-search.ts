/**
 * Contract tests for the scale-out additions: durable state, first-writer-wins summaries and full-text search.
 * Called from testStore (store.ts) with its `test` definer, so skips and names work the same way.
 */
import { expect } from 'vitest';
import { StoreError } from '../../src/errors.js';
import { SEARCH_INDEX_STATE_KEY } from '../../src/store/types.js';
import type { SearchHit, Store, StoreOpenOptions } from '../../src/store/types.js';
import { HOSTILE, apiPaper, rssPaper, storedSummary } from './store-fixtures.js';

type Define = (title: string, fn: () => Promise<void>) => void;
type Get = () => Store;
export type StoreFactory = (options?: StoreOpenOptions) => Promise<Store>;

export function stateTests(test: Define, store: Get): void {
  test('state: unset is null, set, replace, delete', async () => {
    expect(await store().getState('backfill:cs.LG')).toBeNull();
    await store().setState('backfill:cs.LG', 'token-1');
    await store().setState('queue:run', '{"id":"r1","jobs":2000}');
    expect(await store().getState('backfill:cs.LG')).toBe('token-1');
    await store().setState('backfill:cs.LG', 'token-2');
    expect(await store().getState('backfill:cs.LG')).toBe('token-2');
    await store().setState('backfill:cs.LG', null);
    expect(await store().getState('backfill:cs.LG')).toBeNull();
    await store().setState('backfill:cs.LG', null); // deleting twice is fine
    expect(await store().getState('queue:run')).toBe('{"id":"r1","jobs":2000}');
  });

  test('state: any text round-trips, bad keys reject', async () => {
    const text = `${HOSTILE.abstract} ${'x'.repeat(100_000)}`;
    await store().setState(HOSTILE.title, text);
    expect(await store().getState(HOSTILE.title)).toBe(text);
    await store().setState('empty', '');
    expect(await store().getState('empty')).toBe('');
    await expect(store().setState('', 'x')).rejects.toBeInstanceOf(StoreError);
    await expect(store().getState('')).rejects.toThrow(/state key/);
    await expect(store().setState('k', 5 as unknown as string)).rejects.toBeInstanceOf(StoreError);
    expect(await store().getState('k')).toBeNull();
  });
}

export function summaryIfAbsentTests(test: Define, store: Get): void {
  test('saveSummaries counts rows; ifAbsent keeps the first writer', async () => {
    const first = storedSummary('k1', '2601.00001');
    const second = storedSummary('k1', '2601.00001', { createdAt: '2026-01-31T00:00:00.000Z' });
    second.summary.tldr = 'A retried job wrote this.';
    expect(await store().saveSummaries([first])).toBe(1);
    expect(await store().saveSummaries([second, storedSummary('k2', '2601.00002')], { ifAbsent: true })).toBe(1);
    const got = await store().getSummaries(['k1', 'k2']);
    expect(got.get('k1')).toStrictEqual(first);
    expect(got.get('k2')?.paperId).toBe('2601.00002');
    // Within one batch the first of a key wins too.
    const a = storedSummary('k3', '2601.00003');
    const b = { ...storedSummary('k3', '2601.00003'), createdAt: '2026-02-01T00:00:00.000Z' };
    expect(await store().saveSummaries([a, b], { ifAbsent: true })).toBe(1);
    expect((await store().getSummaries(['k3'])).get('k3')).toStrictEqual(a);
    // Without ifAbsent, rows are replaced and counted.
    expect(await store().saveSummaries([second, storedSummary('k4', '2601.00004')], { ifAbsent: false })).toBe(2);
    expect((await store().getSummaries(['k1'])).get('k1')).toStrictEqual(second);
    expect(await store().saveSummaries([])).toBe(0);
  });
}

const ids = (hits: SearchHit[]): string[] => hits.map((h) => h.id);

export function searchTests(test: Define, store: Get, factory: StoreFactory): void {
  // Each test starts by checking the capability: a driver without search must not offer the methods.
  const searching = (): Required<Store> | null => {
    const s = store();
    if (!s.capabilities.search) {
      expect(s.search).toBeUndefined();
      return null;
    }
    expect(typeof s.search).toBe('function');
    expect(typeof s.rebuildSearchIndex).toBe('function');
    return s as Required<Store>;
  };
  const corpus = () =>
    store().upsertPapers([
      apiPaper('2601.00001', 1, { title: 'Graph neural networks for molecules', abstract: 'We predict toxicity.' }),
      apiPaper('2601.00002', 1, {
        title: 'Sparse attention at scale',
        authors: ['Grace Hopper', 'Edsger Dijkstra'],
        abstract: 'A neural network that attends to few tokens.',
        categories: ['cs.CL'],
        primaryCategory: 'cs.CL',
      }),
      apiPaper('hep-th/9901001', 1, {
        title: 'Strings and branes',
        abstract: 'Networks of branes in a graph of dualities.',
        categories: ['hep-th', 'math-ph'],
        primaryCategory: 'hep-th',
      }),
    ]);

  test('search: words in titles, authors and abstracts, all of them', async () => {
    const s = searching();
    if (!s) return;
    await corpus();
    expect(ids(await s.search('molecules'))).toEqual(['2601.00001']);
    expect(ids(await s.search('dijkstra'))).toEqual(['2601.00002']);
    expect(ids(await s.search('toxicity'))).toEqual(['2601.00001']);
    expect(ids(await s.search('branes graph'))).toEqual(['hep-th/9901001']);
    expect(ids(await s.search('molecules branes'))).toEqual([]);
    const [hit] = await s.search('Hopper');
    expect(hit).toStrictEqual({ id: '2601.00002', version: 1, title: 'Sparse attention at scale', score: hit?.score });
    expect(Number.isFinite(hit?.score)).toBe(true);
  });

  test('search: inflections and case match, quoted phrases keep their order', async () => {
    const s = searching();
    if (!s) return;
    await corpus();
    expect(ids(await s.search('NETWORK')).sort()).toEqual(['2601.00001', '2601.00002', 'hep-th/9901001']);
    expect(ids(await s.search('"neural network"')).sort()).toEqual(['2601.00001', '2601.00002']);
    expect(ids(await s.search('"network neural"'))).toEqual([]);
    expect(ids(await s.search('"graph neural" molecule'))).toEqual(['2601.00001']);
    expect(ids(await s.search('“sparse attention”'))).toEqual(['2601.00002']);
  });

  test('search: accents are ignored, in the paper and in the query', async () => {
    const s = searching();
    if (!s) return;
    await s.upsertPapers([
      apiPaper('2601.00041', 1, { title: 'Schrödinger bridges', authors: ['Paul Erdős'], abstract: 'On Gödel numberings.' }),
      apiPaper('2601.00042', 1, { title: 'Godel machines', authors: ['Ines Muller'], abstract: 'A naive Ångström scale model.' }),
    ]);
    expect(ids(await s.search('schrodinger'))).toEqual(['2601.00041']);
    expect(ids(await s.search('SCHRÖDINGER BRIDGE'))).toEqual(['2601.00041']);
    expect(ids(await s.search('erdos'))).toEqual(['2601.00041']);
    expect(ids(await s.search('Gödel')).sort()).toEqual(['2601.00041', '2601.00042']);
    expect(ids(await s.search('godel')).sort()).toEqual(['2601.00041', '2601.00042']);
    expect(ids(await s.search('Müller'))).toEqual(['2601.00042']);
    expect(ids(await s.search('angstrom'))).toEqual(['2601.00042']);
    expect(ids(await s.search('"gödel machines"'))).toEqual(['2601.00042']);
    expect(ids(await s.search('"godel numberings"'))).toEqual(['2601.00041']);
    expect(ids(await s.search('"naïve ångström"'))).toEqual(['2601.00042']);
    // Decomposed text (a letter, then a combining mark) is folded too.
    expect(ids(await s.search('Schro\u0308dinger'))).toEqual(['2601.00041']);
  });

  test('search: TeX accents in the stored text are read as their letters, when indexed and when rebuilt', async () => {
    const s = searching();
    if (!s) return;
    const tex = apiPaper('2601.00051', 1, {
      title: 'Schr\\"odinger bridges after Poincar{\\\'e}',
      authors: ['J. M{\\"u}ller'],
      abstract: 'As in M\\"uller and {\\O}rsted, for $\\omega$ and \\v{C}ech cohomology, we bound $\\| x \\|$.',
    });
    const plain = apiPaper('2601.00052', 1, { title: 'Graphs', abstract: 'Omega and pi.' });
    await s.upsertPapers([tex, plain]);
    const found = async () => ({
      schrodinger: ids(await s.search('schrodinger')),
      accented: ids(await s.search('Schrödinger')),
      poincare: ids(await s.search('Poincaré')),
      muller: ids(await s.search('Müller')),
      orsted: ids(await s.search('Ørsted')),
      cech: ids(await s.search('Čech')),
      omega: ids(await s.search('omega')).sort(),
    });
    const expected = { schrodinger: [tex.id], accented: [tex.id], poincare: [tex.id], muller: [tex.id], orsted: [tex.id], cech: [tex.id], omega: [tex.id, plain.id] };
    expect(await found()).toEqual(expected);
    // An entry written again (same version, read back from the store) and the whole index rebuilt read them alike.
    await s.upsertPapers([{ ...tex, comment: 'v1, corrected' }]);
    expect(await found()).toEqual(expected);
    await s.rebuildSearchIndex();
    expect(await found()).toEqual(expected);
    // The stored text keeps its TeX.
    expect((await s.getVersion(tex.id, 1))?.title).toBe(tex.title);
  });

  test('search: a whole word ranks above words that only share its stem ("Ising" is not "is"), in each tier', async () => {
    const s = searching();
    if (!s) return;
    await s.upsertPapers([
      apiPaper('2601.00061', 1, { title: 'The Ising model on random graphs, revisited at length', abstract: 'Spins.' }),
      apiPaper('2601.00062', 1, { title: 'What is it?', abstract: 'Spins.' }),
      apiPaper('2601.00063', 1, { title: 'Graphs', abstract: 'This paper is about the two dimensional Ising model of ferromagnetism in statistical physics.' }),
      apiPaper('2601.00064', 1, { title: 'Trees', abstract: 'Is it? It is, it is.' }),
    ]);
    // SQLite's Porter stemmer makes "ising" "is", so the others match too, but after these in their tier (title, then
    // the rest); PostgreSQL's stemmer keeps them apart.
    const found = ids(await s.search('Ising'));
    expect(found[0]).toBe('2601.00061');
    expect(found.filter((id) => id !== '2601.00062').slice(0, 2)).toEqual(['2601.00061', '2601.00063']);
  });

  test('search: the latest version only, in the given categories', async () => {
    const s = searching();
    if (!s) return;
    await corpus();
    await s.upsertPapers([apiPaper('2601.00001', 2, { title: 'Diffusion models for proteins', abstract: 'New text.' })]);
    expect(ids(await s.search('molecules'))).toEqual([]);
    expect(await s.search('proteins')).toMatchObject([{ id: '2601.00001', version: 2 }]);
    // An older version arriving later changes nothing.
    await s.upsertPapers([apiPaper('2601.00001', 1, { title: 'Graph neural networks for molecules' })]);
    expect(ids(await s.search('molecules'))).toEqual([]);
    expect(ids(await s.search('network', { categories: ['cs.CL'] }))).toEqual(['2601.00002']);
    expect(ids(await s.search('network', { categories: ['math-ph', 'q-bio.NC'] }))).toEqual(['hep-th/9901001']);
    expect(ids(await s.search('network', { categories: ['q-bio.NC'] }))).toEqual([]);
    expect((await s.search('network', { categories: [] })).length).toBe(2);
  });

  test('search: a corrected title or category of the same version replaces the old entry', async () => {
    const s = searching();
    if (!s) return;
    await corpus();
    const fixed = apiPaper('2601.00001', 1, {
      title: 'Graph transformers for crystals',
      abstract: 'We predict toxicity.',
      categories: ['cond-mat.mtrl-sci'],
      primaryCategory: 'cond-mat.mtrl-sci',
    });
    await s.upsertPapers([fixed]);
    expect(ids(await s.search('molecules'))).toEqual([]);
    expect(await s.search('crystals')).toMatchObject([{ id: '2601.00001', version: 1, title: fixed.title }]);
    expect(ids(await s.search('toxicity', { categories: ['cs.LG'] }))).toEqual([]);
    expect(ids(await s.search('toxicity', { categories: ['cond-mat.mtrl-sci'] }))).toEqual(['2601.00001']);
  });

  test('search: a new paper twice in one batch is indexed as stored, not as first or last given', async () => {
    const s = searching();
    if (!s) return;
    await corpus();
    // The RSS copy (empty comment, no confirmed primary) keeps the API copy's text; v1 then v2 leaves v2's.
    const full = apiPaper('2601.00031', 1, { title: 'Kriging with kernels', abstract: 'We fit variograms.' });
    await s.upsertPapers([full, rssPaper(full, { abstract: '' }), apiPaper('2601.00032', 1, { title: 'Old sponge title' }), apiPaper('2601.00032', 2, { title: 'New lattice title' })]);
    expect(ids(await s.search('variograms'))).toEqual(['2601.00031']);
    expect(ids(await s.search('sponge'))).toEqual([]);
    expect(await s.search('lattice')).toMatchObject([{ id: '2601.00032', version: 2 }]);
  });

  test('search: stronger matches first, limited', async () => {
    const s = searching();
    if (!s) return;
    await s.upsertPapers([
      apiPaper('2601.00011', 1, { title: 'Notes on optimisation', abstract: 'Among others, one dropout layer.' }),
      apiPaper('2601.00012', 1, { title: 'Dropout as Bayesian dropout', abstract: 'Dropout, dropout and dropout.' }),
      apiPaper('2601.00013', 1, { title: 'Regularisation', abstract: 'We revisit dropout in deep nets.' }),
    ]);
    const hits = await s.search('dropout');
    expect(ids(hits)[0]).toBe('2601.00012');
    expect(ids(hits).sort()).toEqual(['2601.00011', '2601.00012', '2601.00013']);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(await s.search('dropout', { limit: 2 })).toEqual(hits.slice(0, 2));
    expect(await s.search('dropout', { limit: 0 })).toEqual([]);
    await expect(s.search('dropout', { limit: -1 })).rejects.toBeInstanceOf(StoreError);
  });

  test('search: nothing a user types is query syntax', async () => {
    const s = searching();
    if (!s) return;
    await corpus();
    const hostile = ['"', '""', '"neural', 'AND OR NOT', 'NEAR(graph neural)', 'title:graph', '*', 'graph*', '^graph',
      '(graph', 'graph)', '-graph', '!graph', 'a" OR "b', "'; DROP TABLE papers; --", '\\', '%_', '&|!<->:*', '{}[]',
      HOSTILE.title, HOSTILE.abstract, 'x'.repeat(5000), '   ', ''];
    for (const q of hostile) expect(Array.isArray(await s.search(q)), q).toBe(true);
    for (const q of ['"', '   ', '', '*', '&|!<->:*']) expect(await s.search(q), q).toEqual([]);
    expect(ids(await s.search('(graph) "neural'))).toEqual(['2601.00001']);
    expect(await s.countPapers()).toBe(3);
  });

  test('search: a deferred index is rebuilt on request', async () => {
    if (!searching()) return;
    const bulk = await factory({ searchIndex: 'defer' });
    try {
      expect(await bulk.getState(SEARCH_INDEX_STATE_KEY)).toBeNull();
      await bulk.upsertPapers([apiPaper('2601.00021', 1, { title: 'Kernels for kriging' })]);
      expect(await bulk.search!('kriging')).toEqual([]);
      expect(await bulk.getState(SEARCH_INDEX_STATE_KEY)).toBe('stale');
      await bulk.rebuildSearchIndex!();
      expect(ids(await bulk.search!('kriging'))).toEqual(['2601.00021']);
      expect(await bulk.getState(SEARCH_INDEX_STATE_KEY)).toBeNull();
      await bulk.rebuildSearchIndex!(); // idempotent
      expect(ids(await bulk.search!('kernels'))).toEqual(['2601.00021']);
    } finally {
      await bulk.close();
    }
  });
}
