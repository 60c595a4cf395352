import { describe, expect, it } from 'vitest';
import { extractAnswer, repairControlChars } from './extract.js';

const SUMMARY = { tldr: 'T.', motivation: 'M.', method: 'X.', result: 'R.', conclusion: 'C.' };
const JSON_TEXT = JSON.stringify(SUMMARY);

function value(content: string, finish: string | null = 'stop'): unknown {
  const r = extractAnswer(content, finish);
  if (!r.ok) throw new Error(`expected a value, got: ${r.problem.message}`);
  return r.value;
}

function problem(content: string, finish: string | null = 'stop'): string {
  const r = extractAnswer(content, finish);
  if (r.ok) throw new Error(`expected a problem, got ${JSON.stringify(r.value)}`);
  expect(r.problem.code).toBe('not_json');
  return r.problem.message;
}

describe('extractAnswer', () => {
  it('parses plain, fenced, prose-wrapped and blank-line-led JSON', () => {
    expect(value(JSON_TEXT)).toEqual(SUMMARY);
    expect(value(`\`\`\`json\n${JSON.stringify(SUMMARY, null, 2)}\n\`\`\``)).toEqual(SUMMARY);
    expect(value(`Here is the summary: ${JSON_TEXT} Hope this helps!`)).toEqual(SUMMARY);
    expect(value(`\n\n\n${JSON_TEXT}`)).toEqual(SUMMARY);
    expect(value(`Sure {not json} — the answer: ${JSON_TEXT}`)).toEqual(SUMMARY);
  });

  it('skips a leading <think> block even when it holds a valid JSON object', () => {
    expect(value(`<think>\nThe user wants JSON like {"not": "this"}; fill the five fields.\n</think>\n\n${JSON_TEXT}`)).toEqual(SUMMARY);
    expect(value(`<think>unbalanced { brace and "quote</think>${JSON_TEXT}`)).toEqual(SUMMARY);
    expect(value(`<think></think>\n${JSON_TEXT}`)).toEqual(SUMMARY);
  });

  it('keeps a "<think>" that is part of a JSON string', () => {
    const withTag = { ...SUMMARY, method: 'Models emit <think> tags before answers.' };
    expect(value(JSON.stringify(withTag))).toEqual(withTag);
  });

  it('reports an answer that is only reasoning', () => {
    expect(problem('<think>Let me think about {this} for a while')).toMatch(/only reasoning/);
  });

  it('never parses an answer cut off at finish_reason "length", even if it looks complete', () => {
    expect(problem(JSON_TEXT.slice(0, 30), 'length')).toMatch(/cut off/);
    expect(problem(JSON_TEXT, 'length')).toMatch(/cut off/);
  });

  it('reports blank content and content without an object', () => {
    expect(problem('  \n\n   \n ')).toMatch(/empty/);
    expect(problem('I think the paper is about graphs.')).toMatch(/no complete JSON object/);
    expect(problem('{"tldr": "never closed"')).toMatch(/no complete JSON object/);
  });

  it('does no lenient repair: trailing commas, single quotes and comments stay errors', () => {
    expect(problem('{"tldr": "a", "method": "b",}')).toMatch(/could not be parsed/);
    expect(problem("{'tldr': 'a'}")).toMatch(/could not be parsed/);
    expect(problem('{"tldr": "a" /* note */}')).toMatch(/could not be parsed/);
  });

  it('doubles backslashes of invalid escapes (single-backslash LaTeX) and keeps valid escapes', () => {
    const raw = String.raw`{"method": "uses \alpha and \underline{x}, \"quoted\"\nnext \\ok"}`;
    expect(value(raw)).toEqual({ method: 'uses \\alpha and \\underline{x}, "quoted"\nnext \\ok' });
  });

  it('leaves a valid-but-wrong escape such as \\frac to the control-character audit', () => {
    const raw = String.raw`{"method": "the ratio \frac{a}{b}"}`;
    expect(value(raw)).toEqual({ method: 'the ratio \frac{a}{b}' });
  });

  it('takes braces inside strings as text when scanning for the object', () => {
    const tricky = { ...SUMMARY, method: 'Sets {a, b} and "}" are fine.' };
    expect(value(`Answer: ${JSON.stringify(tricky)} trailing }`)).toEqual(tricky);
  });
});

describe('repairControlChars', () => {
  const source = String.raw`We minimise $\frac{1}{n}\sum \theta$ with $\nabla f$, $\rho$ and $\beta$; see \textbf{RF}.`;

  it('restores decoded LaTeX escapes whose command the source has', () => {
    const r = repairControlChars('uses \frac{1}{n}, \theta, \nabla f, \rho, \beta and \textbf{RF}', source);
    expect(r).toEqual({ text: String.raw`uses \frac{1}{n}, \theta, \nabla f, \rho, \beta and \textbf{RF}`, repaired: true, unrepairable: false });
  });

  it('does not restore a command the source lacks', () => {
    expect(repairControlChars('uses \frac{a}{b}', 'no latex here').unrepairable).toBe(true);
    expect(repairControlChars('with \beta', 'no latex here').unrepairable).toBe(true);
    expect(repairControlChars('the \nu term', 'only \\nuance here').unrepairable).toBe(true);
    expect(repairControlChars('angle \theta', 'no latex here').unrepairable).toBe(true);
  });

  it('turns plain line breaks and tabs into spaces', () => {
    expect(repairControlChars('First sentence.\nSecond\tone.\r\nThird.', '')).toEqual({ text: 'First sentence. Second one. Third.', repaired: true, unrepairable: false });
  });

  it('reports other control characters and drops invisible format characters', () => {
    expect(repairControlChars('bad\u0000byte', '').unrepairable).toBe(true);
    expect(repairControlChars('esc\u001B[31m', '').unrepairable).toBe(true);
    expect(repairControlChars('zero\u200Bwidth \u202Ebidi', '')).toEqual({ text: 'zerowidth bidi', repaired: true, unrepairable: false });
    expect(repairControlChars('clean text', '')).toEqual({ text: 'clean text', repaired: false, unrepairable: false });
  });

  it('keeps zero-width (non-)joiners and drops bidi marks, overrides and isolates, as the renderers do', () => {
    expect(repairControlChars('کرده\u200Cاند و می\u200Cشود', '')).toEqual({ text: 'کرده\u200Cاند و می\u200Cشود', repaired: false, unrepairable: false });
    expect(repairControlChars('\u{1F469}\u200D\u{1F52C} lab', '').text).toBe('\u{1F469}\u200D\u{1F52C} lab');
    expect(repairControlChars('\u200Ea\u200F \u2066b\u2069 \u202Dc\u202C\u2060d\uFEFF\u{E0041}', '').text).toBe('a b cd');
  });
});
