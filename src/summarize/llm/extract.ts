/**
 * From a model's `message.content` to one parsed JSON object: fences, leading prose and a leading
 * `<think>` block are tolerated; a cut-off answer is never parsed; parsing is `JSON.parse` only, with one
 * narrow retry for single-backslash LaTeX (`\alpha`, `\underline` are invalid JSON escapes).
 */
import type { AnswerProblem } from './types.js';

export { repairControlChars } from './check-control.js';

export type Extracted = { ok: true; value: unknown } | { ok: false; problem: AnswerProblem };

const KEYS = 'tldr, motivation, method, result, conclusion';
const ASK = `answer with one JSON object with the keys ${KEYS}`;

export function extractAnswer(content: string, finishReason: string | null): Extracted {
  if (finishReason === 'length') {
    return fail('the answer was cut off (finish_reason "length") before the JSON object was complete', `${ASK}, keeping each field short`);
  }
  if (content.trim() === '') return fail('the answer was empty');
  const first = parseAnswer(content);
  if (first.ok && !insideLeadingThink(content, first.start)) return { ok: true, value: first.value };
  // Only now drop a reasoning block: a "<think>" written inside a JSON string must survive the first try.
  const rest = afterLeadingThink(content);
  if (rest !== null) {
    if (rest.trim() === '') return fail('the answer held only reasoning (<think>…</think>) and no JSON object');
    const second = parseAnswer(rest);
    if (second.ok) return { ok: true, value: second.value };
    return fail(second.message, second.fix);
  }
  return first.ok ? fail('no JSON object found after the reasoning block') : fail(first.message, first.fix);
}

function fail(message: string, fix = ASK): Extracted {
  return { ok: false, problem: { code: 'not_json', message, fix } };
}

const FENCE = /```[A-Za-z0-9_-]*[ \t]*\r?\n([\s\S]*?)```/;

/** The object inside the first Markdown code fence, else the first one anywhere; `start` indexes `text`. */
function parseAnswer(text: string): Parsed {
  const fence = FENCE.exec(text);
  if (fence) {
    const offset = fence.index + fence[0].indexOf(fence[1]!);
    const inner = parseFirstObject(fence[1]!);
    if (inner.ok) return { ...inner, start: inner.start + offset };
  }
  return parseFirstObject(text);
}

const THINK = /^\s*<(think|thinking|reasoning)>/i;

/** Text after a leading `<think>…</think>` block; '' if it never closes; null if there is none. */
function afterLeadingThink(text: string): string | null {
  const open = THINK.exec(text);
  if (!open) return null;
  const close = text.indexOf(`</${open[1]!}>`, open[0].length);
  return close < 0 ? '' : text.slice(close + open[1]!.length + 3);
}

function insideLeadingThink(text: string, at: number): boolean {
  const rest = afterLeadingThink(text);
  return rest !== null && at < text.length - rest.length;
}

type Parsed = { ok: true; value: unknown; start: number } | { ok: false; message: string; fix: string };

/** Try each `{` in turn: the first balanced object that parses wins. */
function parseFirstObject(text: string): Parsed {
  let error: string | null = null;
  let found = false;
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    const end = balancedEnd(text, start);
    if (end === null) continue;
    found = true;
    const parsed = parseStrict(text.slice(start, end));
    if (parsed.ok) return { ok: true, value: parsed.value, start };
    error ??= parsed.message;
  }
  if (!found) return { ok: false, message: 'no complete JSON object found in the answer', fix: ASK };
  return { ok: false, message: `the JSON object could not be parsed (${error})`, fix: `${ASK}, strings escaped as JSON requires` };
}

/** End of the object opened at `start` by a scan that knows JSON strings; null if it never closes. */
function balancedEnd(text: string, start: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return null;
}

const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|\\/g;

function parseStrict(json: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!/escape|unicode/i.test(message)) return { ok: false, message };
    // Single-backslash LaTeX: keep valid escapes, double every other backslash, try once more.
    const doubled = json.replace(JSON_ESCAPE, (m) => (m === '\\' ? '\\\\' : m));
    try {
      return { ok: true, value: JSON.parse(doubled) };
    } catch {
      return { ok: false, message };
    }
  }
}
