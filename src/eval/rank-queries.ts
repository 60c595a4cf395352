/**
 * The queries of `eval rank`'s two tasks: a library drawn from one category (the rest of it relevant), and a
 * library of one paper (those sharing an author with it relevant).
 */
import { prng } from '../rank/classifier.js';
import type { Paper } from '../types.js';

export interface Query {
  library: string[];
  relevant: Set<string>;
}

export interface QueryOptions {
  splits?: number;
  libraryFraction?: number;
  seed?: number;
}

export function categoryQueries(topicIds: readonly string[], options: QueryOptions): Query[] {
  const splits = options.splits ?? 20;
  const n = Math.max(1, Math.floor(topicIds.length * (options.libraryFraction ?? 0.5)));
  return Array.from({ length: splits }, (_, s) => {
    const ids = shuffled(topicIds, prng((options.seed ?? 1) * 1000 + s));
    return { library: ids.slice(0, n), relevant: new Set(ids.slice(n)) };
  });
}

/** Papers linked through shared author names; each paper of a group of 2+ is one query. */
export function coauthorQueries(papers: readonly Paper[]): Query[] {
  const parent = papers.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] ?? i)));
  const byAuthor = new Map<string, number>();
  papers.forEach((p, i) => {
    for (const a of p.authors) {
      const key = a.trim().toLowerCase();
      const j = byAuthor.get(key);
      if (j === undefined) byAuthor.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, string[]>();
  papers.forEach((p, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), p.id]));
  return [...groups.values()]
    .filter((g) => g.length >= 2)
    .flatMap((g) => g.map((id) => ({ library: [id], relevant: new Set(g.filter((x) => x !== id)) })));
}

export function shuffled<T>(xs: readonly T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
