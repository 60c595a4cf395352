/**
 * Which sentences feed the TL;DR, the Conclusion and the Result's fallback (compose.ts has the whole order of
 * choices; docs/builtin-summarizer.md the table).
 */
import type { SentenceRole } from '../../types.js';
import { CLAIM_RE, CONCLUDE_RE, CONTRIBUTION_RE, FIGURE_RE, FINDING_RE, GENERAL_RE, SECONDARY_RE, WE_DO_RE } from './cues.js';

export interface ConclusionScope {
  /** Used by an earlier field, or an aside. */
  taken: (i: number) => boolean;
  /** The finding Result takes first (-1: none): never the Conclusion's, whatever its wording. */
  keep: number;
  /** Sentences under a concluding heading. */
  conclude?: readonly boolean[] | undefined;
}

/**
 * Sentence for the Conclusion, picked from result/other sentences not taken (nor asides) other than the one
 * Result keeps: the last that plainly concludes ("Overall, …"); else a later one that generalises without figures;
 * else a figure-free closing sentence after another result, or the last of three or more. Otherwise none, since
 * Result needs the material more.
 */
export function conclusionCandidate(sentences: readonly string[], roles: readonly SentenceRole[], scope: ConclusionScope): number[] {
  const { taken, keep, conclude } = scope;
  const headed = roles.flatMap((_, i) => (conclude?.[i] && !taken(i) ? [i] : []));
  if (headed.length) return headed;
  const cands = roles.flatMap((r, i) => ((r === 'result' || r === 'other') && !taken(i) ? [i] : []));
  if (cands.length === 0) return [];
  const strong = cands.filter((i) => i !== keep && CONCLUDE_RE.test(sentences[i]!));
  if (strong.length) return [strong.at(-1)!];
  // Weaker cues only past the first result sentence, which Result keeps.
  const weak = cands.slice(1).filter((i) => i !== keep && GENERAL_RE.test(sentences[i]!) && !FIGURE_RE.test(sentences[i]!));
  if (weak.length) return [weak.at(-1)!];
  // Else a figure-free closing sentence after another result is usually the takeaway.
  const last = cands.at(-1)!;
  const closing = cands.length >= 2 && last === sentences.length - 1 && !FIGURE_RE.test(sentences[last]!);
  return (cands.length >= 3 || closing) && last !== keep ? [last] : [];
}

/**
 * With no result sentence left: the authors' own findings the classifier put elsewhere ("we show that…", "our
 * experiments reveal…", "we prove a lower bound…", "… outperforms …", "2x speedup"), in abstract order. Never background: a finding there is someone else's.
 */
export function findings(sentences: readonly string[], roles: readonly SentenceRole[], idx: (role: SentenceRole) => number[]): number[] {
  const free = [...idx('method'), ...idx('objective'), ...idx('other')].sort((a, b) => a - b);
  const said = free.filter((i) => FINDING_RE.test(sentences[i]!));
  // One sentence only: the field of another role keeps the rest.
  return (said.length ? said : free.filter((i) => CLAIM_RE.test(sentences[i]!))).slice(0, 1);
}

/** Stable partition: indices passing `good` first. */
export function prefer(list: number[], good: (i: number) => boolean): number[] {
  return [...list.filter(good), ...list.filter((i) => !good(i))];
}

export function pickTldr(sentences: readonly string[], roles: readonly SentenceRole[]): number {
  const contribution = sentences.findIndex((s) => CONTRIBUTION_RE.test(s) && !SECONDARY_RE.test(s));
  if (contribution >= 0) return contribution;
  const weDo = roles.findIndex((r, i) => (r === 'objective' || r === 'method') && WE_DO_RE.test(sentences[i]!));
  if (weDo >= 0) return weDo;
  for (const role of ['objective', 'method'] as const) {
    const i = roles.indexOf(role);
    if (i >= 0) return i;
  }
  // No objective/method sentence: a "we show…" sentence of any role still says what the paper does.
  const anyWeDo = sentences.findIndex((s) => WE_DO_RE.test(s));
  if (anyWeDo >= 0) return anyWeDo;
  const result = roles.indexOf('result');
  return result >= 0 ? result : 0;
}
