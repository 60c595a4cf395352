/**
 * Ranking a day's digest: every entry gets its `relevance`; with `order`, each section lists its papers by
 * score; `forYou` holds the top K papers that are neither in the library nor marked not interested.
 * Delivery channels use `aboveThreshold` for `--min-score`.
 */
import type { Digest, DigestEntry } from '../types.js';
import type { RankerOptions } from './model.js';
import type { Profile } from './profile.js';
import { compareScores, createRanker } from './score.js';
import type { PaperScore, Ranker } from './score.js';

export interface RankContext extends Omit<RankerOptions, 'exclude'> {
  /** A ranker already built (e.g. for several days); otherwise one is built for this day. */
  ranker?: Ranker;
  /** Order each section's papers by score (`--rank`). @default true */
  order?: boolean;
  /** Size of the "For you" list (`--top`). @default 10 */
  top?: number;
}

export interface RankedDigest {
  digest: Digest;
  /** Scores with their signals, by paper id (for reports and evaluation). */
  scores: Map<string, PaperScore>;
  ranker: Ranker;
}

/** Score every entry of the digest against the profile; see {@link RankContext} for the options. */
export async function rankDigestDetailed(digest: Digest, profile: Profile, context: RankContext): Promise<RankedDigest> {
  const entries = digest.sections.flatMap((s) => s.entries);
  const papers = [...new Map(entries.map((e) => [e.paper.id, e.paper])).values()];
  const ranker = context.ranker ?? (await createRanker(profile, { ...context, exclude: papers.map((p) => p.id) }));
  const scored = await ranker.score(papers);
  const scores = new Map(scored.map((s) => [s.id, s]));
  const withRelevance = (e: DigestEntry): DigestEntry => {
    const s = scores.get(e.paper.id);
    return s ? { ...e, relevance: { score: s.score, reasons: s.reasons, inLibrary: s.inLibrary } } : e;
  };
  const order = context.order ?? true;
  const sections = digest.sections.map((section) => {
    const ranked = section.entries.map(withRelevance);
    return { ...section, entries: order ? sortByScore(ranked, scores) : ranked };
  });
  const forYou = recommend(scored, context.top ?? 10);
  return { digest: { ...digest, sections, forYou }, scores, ranker };
}

/** {@link rankDigestDetailed} returning only the digest. */
export async function rankDigest(digest: Digest, profile: Profile, context: RankContext): Promise<Digest> {
  return (await rankDigestDetailed(digest, profile, context)).digest;
}

/** Best first (see compareScores); entries without a score keep their place after the scored ones. */
function sortByScore(entries: DigestEntry[], scores: ReadonlyMap<string, PaperScore>): DigestEntry[] {
  return [...entries].sort((a, b) => {
    const x = scores.get(a.paper.id);
    const y = scores.get(b.paper.id);
    return x && y ? compareScores(x, y) : x ? -1 : y ? 1 : 0;
  });
}

/**
 * Lowest score "For you" lists: about the 70th archive percentile of library similarity, or any keyword or
 * followed author. Below it a paper has no real evidence (a score that shows as 0.00, an empty paper at 0.01),
 * and a short list is better than one padded with noise.
 */
export const MIN_FOR_YOU = 0.05;

/** Top `k` ids, best first; library and not-interested papers and scores below {@link MIN_FOR_YOU} left out. */
export function recommend(scores: readonly PaperScore[], k: number): string[] {
  return scores
    .filter((s) => !s.inLibrary && !s.notInterested && s.score >= MIN_FOR_YOU)
    .sort(compareScores)
    .slice(0, Math.max(0, k))
    .map((s) => s.id);
}

/**
 * The digest restricted to entries scoring at least `min` that are not library papers (`--min-score` for
 * delivery channels). Sections keep their order and may become empty; `forYou` keeps only surviving ids.
 * An unranked digest is returned unchanged.
 */
export function aboveThreshold(digest: Digest, min: number): Digest {
  const ranked = digest.sections.some((s) => s.entries.some((e) => e.relevance));
  if (!ranked) return digest;
  const keep = (e: DigestEntry) => e.relevance !== undefined && !e.relevance.inLibrary && e.relevance.score >= min;
  const sections = digest.sections.map((s) => ({ ...s, entries: s.entries.filter(keep) }));
  const kept = new Set(sections.flatMap((s) => s.entries.map((e) => e.paper.id)));
  const out: Digest = { ...digest, sections };
  if (digest.forYou) out.forYou = digest.forYou.filter((id) => kept.has(id));
  return out;
}
