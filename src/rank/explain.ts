/**
 * Reasons for a score, as short readable strings built only from the evidence that produced it: the keywords and
 * authors matched, the nearest library papers with their similarity, the terms that weighed most in this paper's
 * score, and where the paper stands against the archive.
 */
import type { AuthorMatch, KeywordMatch } from './match.js';
import { termSurfaces } from './text.js';
import type { SparseVector } from './vectors.js';

export interface Evidence {
  keywords: KeywordMatch[];
  authors: AuthorMatch[];
  negatives: KeywordMatch[];
  /** Nearest library papers: label (arXiv id or short title) and cosine similarity. */
  similar: { label: string; similarity: number }[];
  /** Terms of this paper that pushed its score up most, as written in the paper. */
  terms: string[];
  /** Share of calibration papers this paper's content signal beats; null without a library. */
  percentile: number | null;
  embedding: { label: string; similarity: number } | null;
  inLibrary: boolean;
  notInterested: boolean;
}

const two = (x: number) => x.toFixed(2);

/** Readable reasons, most specific first. */
export function reasons(e: Evidence): string[] {
  const out: string[] = [];
  if (e.notInterested) out.push('you marked it not interested');
  if (e.inLibrary) out.push('in your library');
  for (const k of e.keywords) out.push(`matched "${k.term}"${k.weight !== 1 ? ` (weight ${k.weight})` : ''}`);
  for (const a of e.authors) out.push(`follows ${a.name}`);
  for (const s of e.similar) out.push(`similar to ${s.label} (${two(s.similarity)})`);
  if (e.terms.length > 0) out.push(`terms: ${e.terms.join(', ')}`);
  if (e.embedding) out.push(`embedding close to ${e.embedding.label} (${two(e.embedding.similarity)})`);
  if (e.percentile !== null && e.percentile >= 0.5) {
    out.push(`closer to your library than ${Math.floor(e.percentile * 100)}% of stored papers`);
  }
  for (const k of e.negatives) out.push(`negative keyword "${k.term}"${k.weight !== 1 ? ` (weight ${k.weight})` : ''}`);
  return out;
}

/**
 * The paper's terms with the largest positive contribution `x_t · w_t` (w: the SVM's weights, or the library
 * centroid), as the paper writes them; a word already shown inside a chosen bigram (and the reverse) is skipped.
 */
export function topTerms(paper: { title: string; abstract: string }, vector: SparseVector, weights: Float32Array | null, k = 3): string[] {
  if (!weights) return [];
  // The 4k best, enough to fill k after skipping overlaps; only these are looked up in the text.
  const best: { id: number; c: number }[] = [];
  const room = 4 * k;
  for (let i = 0; i < vector.ids.length; i++) {
    const id = vector.ids[i] ?? 0;
    const c = (vector.values[i] ?? 0) * (weights[id] ?? 0);
    if (c <= 0 || (best.length === room && c <= (best[room - 1]?.c ?? 0))) continue;
    // Ids ascend, so on equal contributions the earlier (lower) id stays ahead.
    let at = best.length;
    while (at > 0 && (best[at - 1]?.c ?? 0) < c) at--;
    best.splice(at, 0, { id, c });
    if (best.length > room) best.pop();
  }
  const written = termSurfaces(paper.title, paper.abstract, new Set(best.map((t) => t.id)));
  const chosen: string[] = [];
  for (const { id } of best) {
    const text = written.get(id);
    if (chosen.length >= k || text === undefined) continue;
    const words = text.split(' ');
    if (!chosen.some((c) => c.split(' ').some((w) => words.includes(w)))) chosen.push(text);
  }
  return chosen;
}
