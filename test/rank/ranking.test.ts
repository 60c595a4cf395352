// Ranking the bundled sample day against profiles, with a real SQLite store: keyword, negative keyword and
// author effects, explanations checked against the papers and the library, determinism, library marks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPapers } from '../../src/rank/archive.js';
import { MIN_FOR_YOU, aboveThreshold, rankDigest, rankDigestDetailed } from '../../src/rank/digest.js';
import { toDoc } from '../../src/rank/model.js';
import type { Paper } from '../../src/types.js';
import { digestOf, entriesOf, mentions, profileWith, samplePapers, tempStore } from './helpers.js';
import type { TempStore } from './helpers.js';

let papers: Paper[];
let t: TempStore;

beforeAll(async () => {
  papers = await samplePapers();
  t = await tempStore(papers);
});
afterAll(async () => t.cleanup());

const byId = (id: string) => papers.find((p) => p.id === id) as Paper;

describe('keywords and authors', () => {
  it('a keyword lifts exactly the papers that use it (by stem), with the keyword as the reason', async () => {
    const profile = profileWith({ keywords: [{ term: 'diffusion models', weight: 1 }] });
    const ranked = await rankDigest(digestOf(papers), profile, { store: t.store });
    const matching = papers.filter((p) => mentions(p, 'diffusion models') || mentions(p, 'diffusion model'));
    expect(matching.length).toBeGreaterThan(1);
    for (const e of entriesOf(ranked)) {
      const hit = matching.includes(e.paper);
      expect(e.relevance?.score).toBe(hit ? 0.5 : 0);
      expect(e.relevance?.reasons.includes('matched "diffusion models"')).toBe(hit);
    }
    expect(new Set(ranked.forYou)).toEqual(new Set(matching.slice(0, 10).map((p) => p.id)));
  });

  it('weights add up, and a negative keyword halves the score per unit of weight', async () => {
    const profile = profileWith({
      keywords: [{ term: 'reinforcement learning', weight: 1 }, { term: 'policy', weight: 1 }],
      negativeKeywords: [{ term: 'language model', weight: 1 }],
    });
    const ranked = await rankDigest(digestOf(papers), profile, { store: t.store });
    const seen = { both: 0, negated: 0 };
    for (const e of entriesOf(ranked)) {
      const k = Number(mentions(e.paper, 'reinforcement learning')) + Number(mentions(e.paper, 'policy') || mentions(e.paper, 'policies'));
      const neg = mentions(e.paper, 'language model') || mentions(e.paper, 'language models');
      const expected = (1 - 2 ** -k) * (neg ? 0.5 : 1);
      expect(e.relevance?.score).toBeCloseTo(expected, 4);
      expect(e.relevance?.reasons.includes('negative keyword "language model"')).toBe(neg);
      if (k === 2) seen.both++;
      if (k > 0 && neg) seen.negated++;
    }
    // The fixture day exercises both effects.
    expect(seen.both).toBeGreaterThan(0);
    expect(seen.negated).toBeGreaterThan(0);
  });

  it('following an author (initials, any order) lifts that author’s papers and says so', async () => {
    const bo = papers.filter((p) => p.authors.includes('Bo Han'));
    expect(bo.length).toBe(3);
    const profile = profileWith({ authors: [{ name: 'Han, B.', weight: 2 }] });
    const ranked = await rankDigest(digestOf(papers), profile, { store: t.store });
    for (const e of entriesOf(ranked)) {
      // Any "B… Han" co-author counts; only the three papers of Bo Han have one in this day.
      const follows = e.paper.authors.some((a) => /^B\S* Han$/.test(a));
      expect(e.relevance?.reasons.includes('follows Han, B.')).toBe(follows);
      expect(e.relevance?.score).toBe(follows ? 0.75 : 0);
    }
    expect(new Set(ranked.forYou)).toEqual(new Set(bo.map((p) => p.id)));
  });
});

describe('library similarity and explanations', () => {
  const libraryIds = async () => {
    const diffusion = papers.filter((p) => mentions(p, 'diffusion')).slice(0, 3);
    expect(diffusion).toHaveLength(3);
    return diffusion.map((p) => p.id);
  };

  it('names the nearest library papers with their true cosine similarity, and terms the paper contains', async () => {
    const lib = await libraryIds();
    const day = papers.filter((p) => !lib.includes(p.id));
    const profile = profileWith({ library: lib.map((id) => ({ id })) });
    const { digest, scores } = await rankDigestDetailed(digestOf(day), profile, { store: t.store });
    const index = indexPapers(papers);
    const vec = (p: Paper) => toDoc(p, index.stats).vector;
    const cosine = (a: Paper, b: Paper) => {
      const x = vec(a);
      const y = new Map([...vec(b).ids].map((id, i) => [id, vec(b).values[i] ?? 0]));
      return [...x.ids].reduce((s, id, i) => s + (x.values[i] ?? 0) * (y.get(id) ?? 0), 0);
    };
    const top = entriesOf(digest).slice(0, 10);
    expect(top.every((e) => (e.relevance?.reasons.length ?? 0) > 0)).toBe(true);
    for (const e of top) {
      for (const r of e.relevance?.reasons ?? []) {
        const sim = /^similar to (\S+) \((\d\.\d\d)\)$/.exec(r);
        if (sim) {
          expect(lib).toContain(sim[1]);
          expect(cosine(e.paper, byId(sim[1] ?? '')).toFixed(2)).toBe(sim[2]);
        }
        const terms = /^terms: (.+)$/.exec(r);
        if (terms) for (const term of terms[1]?.split(', ') ?? []) expect(mentions(e.paper, term), `${term} in ${e.paper.id}`).toBe(true);
        const pct = /^closer to your library than (\d+)% of stored papers$/.exec(r);
        if (pct) expect(Number(pct[1])).toBe(Math.floor((scores.get(e.paper.id)?.signals.percentile ?? 0) * 100));
      }
    }
    // The best-ranked paper shares the library's topic.
    expect(mentions(top[0]?.paper as Paper, 'diffusion')).toBe(true);
  });

  it('marks library papers in the day, keeps them out of For you, and zeroes papers marked not interested', async () => {
    const lib = await libraryIds();
    const notInterested = papers.find((p) => mentions(p, 'diffusion') && !lib.includes(p.id)) as Paper;
    const profile = profileWith({ library: lib.map((id) => ({ id })), notInterested: [{ id: notInterested.id }] });
    const ranked = await rankDigest(digestOf(papers), profile, { store: t.store, top: 5 });
    const entries = entriesOf(ranked);
    for (const e of entries) expect(e.relevance?.inLibrary).toBe(lib.includes(e.paper.id));
    const mark = entries.filter((e) => e.relevance?.reasons[0] === 'in your library').map((e) => e.paper.id);
    expect(new Set(mark)).toEqual(new Set(lib));
    expect(ranked.forYou).toHaveLength(5);
    for (const id of ranked.forYou ?? []) expect([...lib, notInterested.id]).not.toContain(id);
    const not = entries.find((e) => e.paper.id === notInterested.id);
    expect(not?.relevance?.score).toBe(0);
    expect(not?.relevance?.reasons[0]).toBe('you marked it not interested');
  });
});

describe('digest shape', () => {
  it('orders each section by score, lists every paper once, and For you is the top K', async () => {
    const profile = profileWith({ keywords: [{ term: 'graph', weight: 1 }, { term: 'kernel', weight: 2 }] });
    const digest = digestOf(papers);
    const ranked = await rankDigest(digest, profile, { store: t.store, top: 7 });
    expect(entriesOf(ranked).map((e) => e.paper.id).sort()).toEqual(papers.map((p) => p.id).sort());
    for (const s of ranked.sections) {
      const scores = s.entries.map((e) => e.relevance?.score ?? -1);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    const best = entriesOf(ranked).map((e) => e.relevance?.score ?? 0).sort((a, b) => b - a);
    expect(ranked.forYou?.map((id) => entriesOf(ranked).find((e) => e.paper.id === id)?.relevance?.score)).toEqual(best.slice(0, 7));
    const unordered = await rankDigest(digest, profile, { store: t.store, order: false });
    expect(entriesOf(unordered).map((e) => e.paper.id)).toEqual(entriesOf(digest).map((e) => e.paper.id));
  });

  it('is deterministic: the same inputs give the same digest, in a fresh store too', async () => {
    const lib = papers.filter((p) => p.primaryCategory === 'stat.ML').slice(0, 6).map((p) => ({ id: p.id }));
    const profile = profileWith({ library: lib, keywords: ['bayesian'], authors: ['Bo Han'] });
    const digest = digestOf(papers.slice(0, 120));
    const a = await rankDigest(digest, profile, { store: t.store });
    const b = await rankDigest(digest, profile, { store: t.store });
    const other = await tempStore([...papers].reverse());
    try {
      const c = await rankDigest(digest, profile, { store: other.store });
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    } finally {
      await other.cleanup();
    }
  });

  it('trains the SVM when the library is big enough and the archive has other papers, and explains with its terms', async () => {
    const lib = papers.filter((p) => p.primaryCategory === 'stat.ML').slice(0, 8).map((p) => ({ id: p.id }));
    const day = papers.slice(0, 90);
    const { ranker, digest } = await rankDigestDetailed(digestOf(day), profileWith({ library: lib }), { store: t.store });
    expect(ranker.info.classifier).toBe(true);
    expect(ranker.info.negatives).toBeGreaterThanOrEqual(20);
    const withTerms = entriesOf(digest).filter((e) => e.relevance?.reasons.some((r) => r.startsWith('terms: ')));
    expect(withTerms.length).toBeGreaterThan(0);
  });

  it('aboveThreshold keeps scored non-library papers at or above the minimum', async () => {
    const lib = [{ id: papers[0]?.id ?? '' }];
    const profile = profileWith({ keywords: ['diffusion'], library: lib });
    const ranked = await rankDigest(digestOf(papers), profile, { store: t.store });
    const kept = aboveThreshold(ranked, 0.5);
    const expected = entriesOf(ranked).filter((e) => !e.relevance?.inLibrary && (e.relevance?.score ?? 0) >= 0.5);
    expect(entriesOf(kept).map((e) => e.paper.id)).toEqual(expected.map((e) => e.paper.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(kept.forYou?.every((id) => expected.some((e) => e.paper.id === id))).toBe(true);
    const plain = digestOf(papers);
    expect(aboveThreshold(plain, 0.5)).toBe(plain);
  });
});

describe('what the ranker could not use', () => {
  it('says how many library papers have no stored text, and when nothing is left to rank by', async () => {
    const stored = papers.slice(0, 2).map((p) => ({ id: p.id }));
    const unknown = [{ id: '2401.00001' }, { id: '2401.00002' }, { id: '2401.00003' }];
    const partial = await rankDigestDetailed(digestOf(papers), profileWith({ library: [...stored, ...unknown] }), { store: t.store });
    expect(partial.ranker.info.problems).toEqual([
      '3 of 5 library papers have no title or abstract in the store (imported with --offline?), so they do not count; run `preprint-digest profile import FILE` again without --offline to fetch them',
    ]);
    const none = await rankDigestDetailed(digestOf(papers), profileWith({ library: unknown }), { store: t.store });
    expect(none.ranker.info.problems).toHaveLength(2);
    expect(none.ranker.info.problems[1]).toBe('nothing left to rank by: no library paper has text, and the profile has no keywords or authors; every paper scores 0');
    const keywords = await rankDigestDetailed(digestOf(papers), profileWith({ library: unknown, keywords: ['graph'] }), { store: t.store });
    expect(keywords.ranker.info.problems).toHaveLength(1);
  });
});

describe('a paper both in the library and not interested', () => {
  it('is not a library neighbour: it scores 0 and names no library paper as similar', async () => {
    const lib = papers.filter((p) => mentions(p, 'diffusion')).slice(0, 3);
    const both = lib[0] as Paper;
    const profile = profileWith({ library: lib.map((p) => ({ id: p.id })), notInterested: [{ id: both.id }] });
    const ranked = await rankDigestDetailed(digestOf(papers), profile, { store: t.store });
    expect(ranked.ranker.info.library).toBe(2);
    const s = ranked.scores.get(both.id);
    expect(s).toMatchObject({ score: 0, notInterested: true, inLibrary: false });
    for (const e of entriesOf(ranked.digest)) expect(e.relevance?.reasons.join(' ')).not.toContain(`similar to ${both.id}`);
  });
});

describe('For you needs evidence', () => {
  it('recommends no paper below the minimum score, however few pass', async () => {
    const lib = papers.filter((p) => mentions(p, 'diffusion')).slice(0, 4);
    const empty: Paper = { ...(papers[0] as Paper), id: '2601.99999', title: '', abstract: '', authors: [] };
    const day = [...papers, empty];
    const ranked = await rankDigestDetailed(digestOf(day), profileWith({ library: lib.map((p) => ({ id: p.id })) }), { store: t.store, top: 200 });
    const forYou = ranked.digest.forYou ?? [];
    expect(forYou.length).toBeGreaterThan(0);
    expect(forYou).not.toContain(empty.id);
    for (const id of forYou) expect(ranked.scores.get(id)?.score, id).toBeGreaterThanOrEqual(MIN_FOR_YOU);
    const below = [...ranked.scores.values()].filter((s) => !s.inLibrary && s.score > 0 && s.score < MIN_FOR_YOU);
    expect(below.length).toBeGreaterThan(0);
  });
});
