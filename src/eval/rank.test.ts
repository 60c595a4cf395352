import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { evaluateRanking } from './rank.js';
import type { RankEvaluation } from './rank.js';

// The bundled sample day: 189 papers, 17 with primary stat.ML. Few splits and random runs keep the test quick.
let result: RankEvaluation;
beforeAll(async () => {
  result = await evaluateRanking({ splits: 6, randomRuns: 100 });
}, 60_000);

describe('eval rank on the sample day', () => {
  it('describes the data it used', () => {
    expect(result.dataset).toMatchObject({ papers: 189, background: 0, topic: 'stat.ML', topic_papers: 17 });
    expect(result.category).toMatchObject({ queries: 6, library: 8, relevant: 9, candidates: 181 });
    expect(result.coauthor.queries).toBeGreaterThanOrEqual(20);
    expect(result.coauthor.library).toBe(1);
  });

  it('the random baseline is computed, and lands on its expected value', () => {
    // Expected precision@10 of a random order = relevant / candidates; recall@50 = 50 / candidates.
    expect(result.category.random.precision_at_10).toBeCloseTo(9 / 181, 1);
    expect(result.category.random.recall_at_50).toBeCloseTo(50 / 181, 1);
    expect(result.category.random.precision_at_10).not.toBe(result.category.ranker.precision_at_10);
  });

  it('the ranker scores clearly above random on both tasks', () => {
    const { category, coauthor } = result;
    expect(category.ranker.precision_at_10).toBeGreaterThan(2 * category.random.precision_at_10);
    expect(category.ranker.recall_at_50).toBeGreaterThan(1.5 * category.random.recall_at_50);
    expect(category.ranker.ndcg).toBeGreaterThan(category.random.ndcg + 0.05);
    expect(coauthor.ranker.recall_at_10).toBeGreaterThan(4 * coauthor.random.recall_at_10);
    expect(coauthor.ranker.ndcg).toBeGreaterThan(2 * coauthor.random.ndcg);
  });

  it('says why the SVM signal is missing: the day alone holds no negatives, a single paper is too small a library', () => {
    expect(result.category.classifier_only).toBeNull();
    expect(result.category.notes).toEqual([
      'classifier_only is null: the SVM never trained; it needs at least 20 negatives, stored papers from outside the ranked day (here 0; --background adds unlabelled abstracts)',
    ]);
    expect(result.coauthor.notes[0]).toMatch(/^classifier_only is null: the SVM never trained; it needs at least 5 library papers \(this task's library: 1\) and at least 20 negatives/);
  });

  it('is reproducible, and depends on the split seed', async () => {
    const again = await evaluateRanking({ splits: 6, randomRuns: 100 });
    expect(again).toEqual(result);
    const other = await evaluateRanking({ splits: 6, randomRuns: 100, seed: 2 });
    expect(other.category.ranker).not.toEqual(result.category.ranker);
  }, 60_000);
});

describe('eval rank with background abstracts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pd-evalrank-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds CSAbstruct-format abstracts to the archive as unlabelled papers, enabling the SVM', async () => {
    const file = path.join(dir, 'bg.jsonl');
    const topics = ['compilers and program analysis', 'wireless sensor networks', 'database query optimization', 'human computer interaction'];
    const lines = Array.from({ length: 60 }, (_, i) => {
      const topic = topics[i % topics.length] ?? '';
      const sentences = [`We study ${topic} in setting ${i}.`, `Our system improves ${topic} by ${i % 7} points.`];
      return JSON.stringify({ abstract_id: i, sentences, labels: ['background', 'result'], confs: [1, 1] });
    });
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await evaluateRanking({ splits: 2, randomRuns: 20, background: [file] });
    expect(r.dataset.background).toBe(60);
    expect(r.category.classifier_only).not.toBeNull();
    expect(r.category.notes).toEqual([]);
    expect(r.coauthor.notes[0]).toMatch(/needs at least 5 library papers \(this task's library: 1\)$/);
    expect(r.category.ranker.precision_at_10).toBeGreaterThan(r.category.random.precision_at_10);
  }, 60_000);
});

describe('eval rank input checks', () => {
  const feed = fileURLToPath(new URL('../../test/fixtures/rank/feed-empty-paper.xml', import.meta.url));

  it('refuses a topic that is no category (with a suggestion), or that the day has too few papers of', async () => {
    await expect(evaluateRanking({ topic: 'nonsense' })).rejects.toThrow(/"nonsense" is not an arXiv category/);
    await expect(evaluateRanking({ topic: 'stat.ml' })).rejects.toThrow(/did you mean stat\.ML\?/);
    await expect(evaluateRanking({ topic: 'math.AG' })).rejects.toThrow(UsageError);
    await expect(evaluateRanking({ topic: 'math.AG' })).rejects.toThrow(
      /the day has 0 papers of primary category math\.AG; the category task needs at least 2 \(it has cs\.LG 172, stat\.ML 17\)/,
    );
  });

  it('the library size in the JSON is the one its notes give: a paper without text is no library', async () => {
    const r = await evaluateRanking({ feed, topic: 'cs.LG', splits: 2, randomRuns: 5 });
    expect(r.coauthor.notes[0]).toContain(`this task's library: ${r.coauthor.library})`);
    expect(r.coauthor.notes[0]).toContain('(here 0;');
  });
});
