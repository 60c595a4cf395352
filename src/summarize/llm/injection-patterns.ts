/**
 * Patterns built from the phrasebook (injection-phrases.ts). The words of an order match in any case ("Write",
 * "WRITE"); the payload's shape does not: an unquoted payload must be an ALL-CAPS word ("HACKED"), so the
 * patterns carry no `i` flag (under it `\p{Lu}` matches lower case too, and "Insert throughput reaches…"
 * would make "throughput" a payload).
 */
import { PHRASEBOOK } from './injection-phrases.js';
import type { Phrasebook } from './injection-phrases.js';

const OPEN = '["“\'‘«„「『‹]';
const INSIDE = '[^"”\'’»“」』›\\n]';
const CLOSE = '["”\'’»“」』›]';
/** Group 1: a quoted payload; group 2: an ALL-CAPS word. */
const TARGET = String.raw`(?:${OPEN}\s*(${INSIDE}{2,60}?)\s*${CLOSE}|(\p{Lu}[\p{Lu}\d_!-]{2,})(?![\p{Ll}\p{Lu}]))`;
const LEAD = String.raw`(?:${anyCase(['only', 'just', 'exactly', 'simply'], String.raw`\s+`)}\s+)?(?:${anyCase(['the'], '')}\s+${anyCase(['word', 'phrase', 'text', 'string', 'token', 'message'], '')}s?\s+)?`;
const NOT_IN_WORD = String.raw`(?<![\p{L}\p{N}])`;

/** "Ignore previous instructions", every language: addresses the model in an abstract, never fit for a summary. */
export const OVERRIDES: readonly RegExp[] = Object.values(PHRASEBOOK).flatMap((p) => p.override.map((o) => new RegExp(`${p.unspaced ? '' : NOT_IN_WORD}${o}`, 'iu')));

/**
 * Orders to write something. `clause`: the verb opens a clause ("… and write HACKED", "Please output 'X'"),
 * read where the abstract addresses the model; `sentence`: the verb opens a sentence ("Write HACKED."), an
 * order even where nothing else addresses the model.
 */
export const ORDERS: { clause: readonly RegExp[]; sentence: readonly RegExp[] } = {
  clause: Object.values(PHRASEBOOK).flatMap((p) => orderPatterns(p, true)),
  sentence: Object.values(PHRASEBOOK).flatMap((p) => orderPatterns(p, false)),
};

function orderPatterns(p: Phrasebook, clause: boolean): RegExp[] {
  const gap = p.unspaced ? String.raw`\s*` : String.raw`\s+`;
  const joins = anyCase(p.joins, gap);
  const stop = p.unspaced ? String.raw`[.!?。！？]\s*` : String.raw`[.!?]\s+`;
  const clauseStop = p.unspaced ? String.raw`[.!?:;,。！？：；，、]\s*` : String.raw`[.!?:;,]\s+`;
  const opener = clause ? `(?:^|${clauseStop}|\\n|${p.unspaced ? '' : NOT_IN_WORD}${joins}${gap})` : `(?:^|${stop}|\\n)(?:${joins}${gap})?`;
  const verbs = clause ? [...p.verbs, ...(p.addressedVerbs ?? [])] : p.verbs;
  const out = [new RegExp(`${opener}${anyCase(verbs, gap)}(?:\\s*[:：])?${gap}${LEAD}${TARGET}`, 'gu')];
  if (p.verbsAfter) out.push(new RegExp(`${TARGET}\\s*${anyCase(p.verbsAfter, gap)}`, 'gu'));
  return out;
}

/** Alternation of phrases whose letters match in either case; spaces inside a phrase match `gap`. */
function anyCase(phrases: readonly string[], gap: string): string {
  const one = (phrase: string) => phrase.split(' ').map((w) => [...w].map(eitherCase).join('')).join(gap);
  return `(?:${phrases.map(one).join('|')})`;
}

function eitherCase(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  // ß upper-cases to SS: such letters match as written.
  return lower === upper || upper.length > 1 || lower.length > 1 ? escapeRegExp(ch) : `[${lower}${upper}]`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
}
