import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSummary } from './check.js';
import type { CheckInput } from './check.js';
import { maskMath } from './mask.js';
import type { Summary } from './types.js';

const FX = JSON.parse(readFileSync(new URL('../../../test/fixtures/llm/rankflow.json', import.meta.url), 'utf8')) as { title: string; abstract: string; summaries: Record<string, Summary> };
const EN = FX.summaries.en!;

function ctx(abstract = FX.abstract): CheckInput {
  const m = maskMath(abstract);
  return { title: FX.title, abstract: m.masked, language: 'en', mathTokens: m.tokens, original: abstract };
}
const codes = (s: Summary) => checkSummary(s, ctx()).problems.map((p) => `${p.field ?? '-'}:${p.code}`);

describe('checkSummary: "not stated" answers', () => {
  it('refuses an answer that says "not stated" in every field, for a non-empty abstract', () => {
    for (const line of ['Not stated in the abstract.', 'The abstract does not say.']) {
      const all = { tldr: line, motivation: line, method: line, result: line, conclusion: line };
      const r = checkSummary(all, ctx());
      expect(r.summary).toBeNull();
      expect(r.problems.map((p) => p.message).join('\n')).toMatch(/TL;DR says the abstract states nothing/);
      expect(r.problems.map((p) => p.message).join('\n')).toMatch(/4 of the 4 other fields say the abstract states nothing/);
    }
  });

  it('refuses a TL;DR that is "not stated" even when the other fields are sound', () => {
    expect(codes({ ...EN, tldr: 'Not stated in the abstract.' })).toEqual(['tldr:refusal']);
  });

  it('refuses three of the four other fields "not stated" for an abstract of several sentences', () => {
    const none = 'Not stated in the abstract.';
    expect(codes({ ...EN, motivation: none, result: none, conclusion: none })).toEqual(['-:refusal']);
  });

  it('accepts one or two fields the abstract has nothing for', () => {
    expect(codes({ ...EN, motivation: 'Not stated in the abstract.' })).toEqual([]);
    expect(codes({ ...EN, motivation: 'Not stated in the abstract.', conclusion: 'The abstract does not state a conclusion.' })).toEqual([]);
  });
});
