/**
 * Sane length per field and no two fields alike. The TL;DR is one sentence (SciTLDR's "extreme summary");
 * the other fields at most three sentences and never longer than the abstract; one or two words are too
 * short, except a plain "not stated" sentence, which the prompt allows when the abstract has nothing.
 */
import { distance } from 'fastest-levenshtein';
import { saysNotStated } from '../../not-stated.js';
import { SUMMARY_FIELDS } from '../../types.js';
import type { AnswerProblem, Summary, SummaryField } from './types.js';
import { isUnspaced, lengthOf, normalizeForCompare, sentences, words } from './check-text.js';

export const LIMITS = {
  tldrWords: 60,
  tldrChars: 120, // zh/ja: characters instead of words
  sentences: 3,
  minWords: 3,
  /** A field in another language may run a little longer than the English abstract it renders. */
  abstractFactor: { same: 1, other: 1.25 },
  duplicate: 0.8,
} as const;

/** A short sentence saying the abstract has nothing for this field. */
export function isNotStated(text: string): boolean {
  return saysNotStated(text) && sentences(text, 'en').length === 1;
}

/**
 * Fields that fail the length checks by far, found with one comparison: the sentence and language checks
 * segment the whole text (a 350 KB field took 30 s, blocking the event loop), so they never see these.
 * Never stricter than lengthProblems: its limit is 1.25 × the abstract.
 */
export function overlongProblems(summary: Summary, abstract: string): AnswerProblem[] {
  const cap = Math.max(2000, 2 * abstract.length);
  return SUMMARY_FIELDS.filter((field) => summary[field].length > cap).map((field) => ({
    code: 'length',
    field,
    message: `field "${field}" is far too long (${summary[field].length} characters)`,
    fix: field === 'tldr' ? 'write the TL;DR as one short sentence' : `use at most ${LIMITS.sentences} sentences`,
  }));
}

export function lengthProblems(summary: Summary, language: string, abstract: string): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const same = language === 'en' || language.startsWith('en-');
  const maxChars = abstract.length * (same ? LIMITS.abstractFactor.same : LIMITS.abstractFactor.other);
  for (const field of SUMMARY_FIELDS) {
    const text = summary[field];
    const problem = (what: string, fix: string) => problems.push({ code: 'length', field, message: `field "${field}" ${what}`, fix });
    const count = sentences(text, language).length;
    if (words(text.slice(0, 100), language).length < LIMITS.minWords && !(field !== 'tldr' && isNotStated(text))) {
      problem('is too short', 'write a full sentence');
    } else if (field === 'tldr' && count > 1) {
      problem(`has ${count} sentences`, 'write the TL;DR as one sentence');
    } else if (field === 'tldr' && lengthOf(text, language) > tldrLimit(language)) {
      problem(`is too long (${lengthOf(text, language)} ${unit(language)})`, `keep the TL;DR under ${tldrLimit(language)} ${unit(language)}`);
    } else if (count > LIMITS.sentences) {
      problem(`has ${count} sentences`, `use at most ${LIMITS.sentences}`);
    } else if (text.length > maxChars) {
      problem('is longer than the abstract itself', 'shorten it');
    }
  }
  return problems;
}

function tldrLimit(language: string): number {
  return isUnspaced(language) ? LIMITS.tldrChars : LIMITS.tldrWords;
}

function unit(language: string): string {
  return isUnspaced(language) ? 'characters' : 'words';
}

/** Pairs of fields that say (nearly) the same thing; "not stated" fields may repeat each other. */
export function duplicateProblems(summary: Summary): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const norm = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, normalizeForCompare(summary[f])])) as Record<SummaryField, string>;
  const flagged = new Set<SummaryField>();
  SUMMARY_FIELDS.forEach((a, i) => {
    for (const b of SUMMARY_FIELDS.slice(i + 1)) {
      if (flagged.has(b) || isNotStated(summary[a]) || isNotStated(summary[b])) continue;
      if (similarity(norm[a], norm[b]) > LIMITS.duplicate) {
        flagged.add(b);
        problems.push({ code: 'duplicate', field: b, message: `fields "${a}" and "${b}" say nearly the same`, fix: `make "${b}" about its own part of the paper` });
      }
    }
  });
  return problems;
}

/**
 * The larger of normalised edit similarity and the share of character trigrams the two texts have in
 * common (Jaccard). 0 when one text is much longer than the other: then neither can come near 0.8.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (Math.min(a.length, b.length) < 0.6 * longest) return 0;
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const union = ta.size + tb.size - shared;
  const jaccard = union === 0 ? 0 : shared / union;
  // Fewer than d < 0.2·L edits spoil at most 3d trigrams, so an edit similarity above 0.8 keeps the
  // Jaccard above ~0.1: below that, skip the costly distance.
  if (jaccard < 0.08) return jaccard;
  return Math.max(jaccard, 1 - distance(a, b) / longest);
}

function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) out.add(text.slice(i, i + 3));
  return out;
}
