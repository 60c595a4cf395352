/**
 * The default answerer: a summary faithful to the abstract. English answers are the abstract's own
 * sentences; other languages are templates (languages.ts) carrying at most one number from the abstract.
 * Every math token of the abstract appears in the answer, none twice, none invented.
 */
import type { Summary, SummaryField } from '../../../src/types.js';
import { templatesFor } from './languages.js';
import { readPrompt } from './prompt.js';
import type { PromptView } from './prompt.js';
import type { ChatRequestBody } from './types.js';

const MATH_TOKEN = /⟦M\d+⟧/g;

export function splitSentences(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return [];
  return flat.split(/(?<=[.!?])\s+(?=[A-Z0-9⟦"'([])/).filter((s) => s.length > 0);
}

export function mathTokens(text: string): string[] {
  return [...new Set(text.match(MATH_TOKEN) ?? [])];
}

/** A number as written in the abstract (percentages and decimals first), outside math tokens; or null. */
export function abstractNumber(abstract: string): string | null {
  const text = abstract.replace(MATH_TOKEN, ' ');
  for (const re of [/\d+(?:\.\d+)?%/, /\d+\.\d+/, /\b\d+\b/]) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return null;
}

const PROPOSES = /\b(we|this (paper|work|study))\s+(propose|introduce|present|develop|design)/i;
const RESULTS = /\d|outperform|achiev|improv|surpass|demonstrat|show/i;

/** Sentence indices for each field, distinct while there are enough sentences. */
function pickSentences(sentences: string[]): Record<SummaryField, number> {
  const used = new Set<number>();
  const last = sentences.length - 1;
  const ok = (c: number) => c >= 0 && c <= last;
  // Short abstracts must reuse sentences: prefer ones without math tokens, so no token appears twice.
  const plain = (c: number) => mathTokens(sentences[c] ?? '').length === 0;
  const take = (candidates: number[]): number => {
    const i = candidates.find((c) => ok(c) && !used.has(c)) ?? candidates.find((c) => ok(c) && plain(c)) ?? candidates.find(ok) ?? 0;
    used.add(i);
    return i;
  };
  const all = sentences.map((_, i) => i);
  const matching = (re: RegExp) => all.filter((i) => re.test(sentences[i] ?? ''));
  const motivation = take([0]);
  const conclusion = take([last]);
  const tldr = take([...matching(PROPOSES), 1, ...all]);
  const method = take([...all.filter((i) => i > tldr), ...all]);
  const result = take([...matching(RESULTS).reverse(), ...all.slice().reverse()]);
  return { tldr, motivation, method, result, conclusion };
}

export const NOT_STATED_EN = 'The abstract does not state this separately.';
const TLDR_MAX_WORDS = 45;

function englishSummary(abstract: string, title: string): Summary {
  const sentences = splitSentences(abstract);
  if (sentences.length === 0) throw new Error('fake-llm: empty abstract');
  const picks = pickSentences(sentences);
  const fields = Object.fromEntries(Object.entries(picks).map(([f, i]) => [f, [i]])) as Record<SummaryField, number[]>;
  // Sentences holding tokens no field copied yet join the field whose sentence precedes them.
  const chosen = () => new Set(Object.values(fields).flat());
  const present = () => new Set(mathTokens([...chosen()].map((i) => sentences[i]).join(' ')));
  sentences.forEach((s, i) => {
    if (chosen().has(i) || !mathTokens(s).some((t) => !present().has(t))) return;
    const order = (Object.entries(picks) as [SummaryField, number][]).sort((a, b) => a[1] - b[1]);
    const host = order.filter(([, at]) => at < i).pop() ?? order[0];
    if (host) fields[host[0]].push(i);
  });
  const text = (ids: number[]) => ids.sort((a, b) => a - b).map((i) => sentences[i]).join(' ');
  // Like a model that follows the prompt: a field with nothing of its own says so instead of repeating another,
  // and an overlong TL;DR becomes a short sentence built from the title.
  const seen = new Set<string>();
  const own = (field: SummaryField): string => {
    const t = text(fields[field]);
    if (seen.has(t) && mathTokens(t).length === 0) return NOT_STATED_EN;
    seen.add(t);
    return t;
  };
  const tldrText = own('tldr');
  const rest = { motivation: own('motivation'), method: own('method'), result: own('result'), conclusion: own('conclusion') };
  const elsewhere = mathTokens(Object.values(rest).join(' '));
  const movable = mathTokens(tldrText).every((t) => elsewhere.includes(t));
  const long = tldrText.split(/\s+/).length > TLDR_MAX_WORDS;
  let tldr = long && title && movable ? `The paper presents ${title.replace(/[.\s]+$/, '')}.` : tldrText;
  if (long && !movable && title) {
    // Keep the formulas: put the long sentence under Method and make the TL;DR the short title sentence.
    rest.method = rest.method === NOT_STATED_EN ? tldrText : `${rest.method} ${tldrText}`;
    tldr = `The paper presents ${title.replace(/[.\s]+$/, '')}.`;
  }
  return { tldr, ...rest };
}

/** The faithful summary of the prompt's abstract in `language` (default: the requested one). */
export function faithfulSummary(view: PromptView, language = view.language): Summary {
  const t = templatesFor(language);
  if (!t) return englishSummary(view.abstract, view.title);
  const tokens = mathTokens(view.abstract);
  return {
    tldr: t.tldr,
    motivation: t.motivation,
    method: tokens.length ? `${t.method}${sep(language)}${t.notation(tokens)}` : t.method,
    result: t.result(abstractNumber(view.abstract)),
    conclusion: t.conclusion,
  };
}

function sep(language: string): string {
  return /^(zh|ja)/i.test(language) ? '' : ' ';
}

/** `message.content` of a model that follows the prompt: the summary as plain JSON. */
export function faithfulAnswer(body: ChatRequestBody): string {
  return JSON.stringify(faithfulSummary(readPrompt(body)));
}
