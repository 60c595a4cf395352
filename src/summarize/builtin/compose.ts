/**
 * Compose a five-field Summary from classified abstract sentences. Purely extractive: every field is built
 * from whole sentences of the abstract (trim.ts: the TL;DR may drop a lead-in such as "In this paper," or "To
 * address these issues," and a tail such as "to address this", the other fields a leading connective such as
 * "Specifically,", and a field may be cut at a word boundary with "…"); no sentence is used by two fields, so no
 * field repeats another.
 *
 * Which roles feed which field (first choice → fallbacks):
 *   TL;DR       ← the first sentence of any role stating the contribution ("We introduce X…", "To address this,
 *                 we propose…"; not a follow-up "We then/also…") → objective/method sentence saying what the
 *                 authors do ("we study…") → first objective → first method → a "we show…" sentence of any
 *                 role → first result → first sentence
 *   Motivation  ← background sentences, the problem/gap one ("however", "challenge", "lack") first, then the
 *                 opening one → an objective sentence left unused by the TL;DR
 *   Method      ← method sentences in abstract order → an unused objective sentence
 *   Result      ← result sentences with figures or comparisons ("outperforms", "%") → other result sentences
 *                 → with none, an unused sentence of another role (not background) stating a finding ("we show
 *                 that…", "our experiments reveal…", "we prove a lower bound…", "… outperforms …", "2x speedup")
 *   Conclusion  ← (chosen before Result) sentences under a "Conclusions:" heading → the last result/other
 *                 sentence that plainly concludes ("Overall,", "these results suggest", "future work") → a
 *                 later one that generalises without figures →
 *                 the closing sentence when it is figure-free and follows another result, or the last
 *                 result/other sentence when there are three or more; never the finding that is Result's only
 *                 material ("Our results show that…", "…, suggesting that…")
 * A one-sentence abstract over the cap gives the Result the clause carrying its finding (trim.ts findingClause).
 * A sentence saying where the code or data is ("available at https://…") feeds no field: the links line has it.
 * A field with no material reads exactly "Not stated in the abstract."
 */
import { NOT_STATED } from '../../types.js';
import type { SentenceRole, Summary, SummaryField, SummaryMeta } from '../../types.js';
import { FIGURE_RE, GAP_RE, isAside, reportsFinding } from './cues.js';
import { conclusionCandidate, findings, pickTldr, prefer } from './pick.js';
import { capLength, compressLead, dropConnective, findingClause, MAX_CHARS } from './trim.js';

export { NOT_STATED };
export const COMPOSER_VERSION = 'compose-v5';

/** Roles whose sentences count as a field's "own" material (for the role-coverage figure). */
export const OWN_ROLES: Record<SummaryField, readonly SentenceRole[]> = {
  tldr: ['objective', 'method'],
  motivation: ['background'],
  method: ['method'],
  result: ['result'],
  conclusion: ['result', 'other'],
};

interface Chosen {
  text: string;
  role: SentenceRole | 'none';
}

/** Join up to two sentences (in abstract order) within the cap; returns the text and the indices it used. */
function join(chosen: number[], sentences: readonly string[]): { text: string; used: number[] } {
  const [a, b] = chosen;
  if (b !== undefined && sentences[a!]!.length + 1 + sentences[b]!.length <= MAX_CHARS) {
    const [x, y] = a! < b ? [a!, b] : [b, a!];
    return { text: sentences[x] + ' ' + sentences[y], used: [a!, b] };
  }
  return { text: capLength(sentences[a!]!), used: [a!] };
}

export interface Composed {
  summary: Summary;
  sources: Record<SummaryField, SentenceRole | 'none'>;
}

export interface ComposeHints {
  /** Sentences the authors put under a concluding heading ("Conclusions:"): the Conclusion's first choice. */
  conclude?: readonly boolean[];
}

/** Compose the summary from sentences and their roles (same length). */
export function composeSummary(sentences: readonly string[], roles: readonly SentenceRole[], hints: ComposeHints = {}): Composed {
  if (sentences.length === 0) return composeEmpty();
  if (sentences.length === 1) return composeSingle(sentences[0]!, roles[0] ?? 'other');
  const used = new Set<number>();
  const aside = sentences.map(isAside);
  const idx = (role: SentenceRole): number[] => roles.flatMap((r, i) => (r === role && !used.has(i) && !aside[i] ? [i] : []));
  const take = (chosen: number[]): Chosen => {
    const picked = chosen.filter((i) => !used.has(i)).slice(0, 2);
    if (picked.length === 0) return { text: NOT_STATED, role: 'none' };
    // A second sentence that did not fit stays free for another field.
    const { text, used: took } = join(picked, sentences);
    for (const i of took) used.add(i);
    return { text: dropConnective(text), role: roles[picked[0]!]! };
  };
  const tldr = pickTldr(sentences, roles);
  used.add(tldr);
  const tl: Chosen = { text: capLength(compressLead(sentences[tldr]!)), role: roles[tldr]! };
  // What Result would fall back to if sentence `i` went to the Conclusion: a finding of another role.
  const fallbackAfter = (i: number): boolean => roles[i] === 'result' && findings(sentences, roles, idx).some((j) => j !== i);
  const resultPool = (): number[] => {
    const results = idx('result');
    return results.length ? prefer(results, (i) => FIGURE_RE.test(sentences[i]!)) : findings(sentences, roles, idx);
  };
  // The conclusion is chosen before the result so a closing "Overall, …" sentence is not spent on Result; but a
  // finding that is Result's only material stays Result's even when it also concludes ("Our results show that …",
  // "… reduces collapse, suggesting that …"): an empirical finding is the rarer material.
  const pool = resultPool();
  const only = pool.length === 1 && !hints.conclude?.[pool[0]!] && reportsFinding(sentences[pool[0]!]!);
  const keep = only && !fallbackAfter(pool[0]!) ? pool[0]! : -1;
  const conclusion = take(conclusionCandidate(sentences, roles, { taken: (i) => used.has(i) || aside[i]!, keep, conclude: hints.conclude }));
  const result = take(resultPool());
  const bg = idx('background');
  const gap = bg.find((i) => GAP_RE.test(sentences[i]!));
  const motivation = take(bg.length ? prefer(bg, (i) => i === gap) : idx('objective'));
  const method = take(idx('method').length ? idx('method') : idx('objective'));
  const summary: Summary = { tldr: tl.text, motivation: motivation.text, method: method.text, result: result.text, conclusion: conclusion.text };
  const sources = { tldr: tl.role, motivation: motivation.role, method: method.role, result: result.role, conclusion: conclusion.role };
  return { summary, sources };
}

function composeEmpty(): Composed {
  const summary: Summary = { tldr: NOT_STATED, motivation: NOT_STATED, method: NOT_STATED, result: NOT_STATED, conclusion: NOT_STATED };
  const sources: Composed['sources'] = { tldr: 'none', motivation: 'none', method: 'none', result: 'none', conclusion: 'none' };
  return { summary, sources };
}

/** A one-sentence abstract: the TL;DR, and the field of its role; a long one's finding clause is the Result (trim.ts). */
function composeSingle(sentence: string, role: SentenceRole): Composed {
  const text = capLength(sentence);
  const summary: Summary = { tldr: text, motivation: NOT_STATED, method: NOT_STATED, result: NOT_STATED, conclusion: NOT_STATED };
  const sources: Composed['sources'] = { tldr: role, motivation: 'none', method: 'none', result: 'none', conclusion: 'none' };
  const field = (Object.keys(OWN_ROLES) as SummaryField[]).find((f) => f !== 'tldr' && OWN_ROLES[f].includes(role));
  if (field) {
    summary[field] = text;
    sources[field] = role;
  }
  const finding = findingClause(sentence);
  if (finding) {
    summary.result = finding;
    sources.result = role;
  }
  return { summary, sources };
}

/** Share of summaries whose field came from a sentence of the field's own role (fields with material only count as hits). */
export function roleCoverage(metas: readonly Pick<SummaryMeta, 'sources'>[]): Record<SummaryField, number> {
  const out = {} as Record<SummaryField, number>;
  for (const field of Object.keys(OWN_ROLES) as SummaryField[]) {
    const hits = metas.filter((m) => {
      const src = m.sources?.[field];
      return src !== undefined && src !== 'none' && OWN_ROLES[field].includes(src);
    }).length;
    out[field] = metas.length ? Math.round((hits / metas.length) * 1000) / 1000 : 0;
  }
  return out;
}
