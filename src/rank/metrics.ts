/** Ranking metrics with binary relevance: precision@k, recall@k, nDCG, reciprocal rank. */

export interface RankMetrics {
  precision_at_10: number;
  recall_at_10: number;
  recall_at_50: number;
  /** nDCG over the whole ranking (binary gains, log2 discount). */
  ndcg: number;
  /** 1 / rank of the first relevant paper. */
  mrr: number;
}

export const METRIC_NAMES = ['precision_at_10', 'recall_at_10', 'recall_at_50', 'ndcg', 'mrr'] as const;

/** Metrics of one ranking (ids best first) against the relevant ids. */
export function rankMetrics(ranking: readonly string[], relevant: ReadonlySet<string>): RankMetrics {
  const hitsAt = (k: number) => ranking.slice(0, k).filter((id) => relevant.has(id)).length;
  let dcg = 0;
  let first = 0;
  ranking.forEach((id, i) => {
    if (!relevant.has(id)) return;
    dcg += 1 / Math.log2(i + 2);
    if (first === 0) first = i + 1;
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.size, ranking.length); i++) ideal += 1 / Math.log2(i + 2);
  const r = Math.max(relevant.size, 1);
  return {
    precision_at_10: hitsAt(10) / 10,
    recall_at_10: hitsAt(10) / r,
    recall_at_50: hitsAt(50) / r,
    ndcg: ideal > 0 ? dcg / ideal : 0,
    mrr: first > 0 ? 1 / first : 0,
  };
}

/** Mean of each metric over several rankings, rounded to 4 decimals. */
export function meanMetrics(all: readonly RankMetrics[]): RankMetrics {
  const out = {} as RankMetrics;
  for (const name of METRIC_NAMES) {
    const mean = all.reduce((s, m) => s + m[name], 0) / Math.max(all.length, 1);
    out[name] = Math.round(mean * 10000) / 10000;
  }
  return out;
}
