/**
 * Every answer is checked before it is stored. In order: schema, control characters (after repair), math
 * tokens in other brackets (put right), refusal/placeholder, injection echo, math, numbers, language per
 * sentence, length, duplicates.
 * Each problem says what is wrong (for readers, in a fallback's reason) and exactly what to fix (for the re-ask).
 * The summary comes back (trimmed, control characters repaired, still masked) only when nothing was found.
 */
import { z } from 'zod';
import { SUMMARY_FIELDS } from '../../types.js';
import { JOINERS, repairControlChars } from './check-control.js';
import { injectionProblems } from './check-injection.js';
import { duplicateProblems, lengthProblems, overlongProblems } from './check-length.js';
import { mathProblems, repairPlaceholders } from './check-math.js';
import { notStatedProblems } from './check-not-stated.js';
import { refusalProblems } from './check-refusal.js';
import { languageProblems } from './language.js';
import { numbersProblem, sourceNumbers, unsupportedNumbers } from './numbers.js';
import type { AnswerProblem, CheckContext, Summary } from './types.js';

export interface CheckInput extends CheckContext {
  /**
   * The abstract before masking (LaTeX in place), when the caller has it: numbers and names inside math
   * count as stated, and a decoded `\frac` can be restored only if the abstract has `\frac`.
   */
  original?: string;
}

export interface CheckResult {
  /** Non-null exactly when `problems` is empty. */
  summary: Summary | null;
  problems: AnswerProblem[];
}

const KEYS = SUMMARY_FIELDS.join(', ');
// Extra keys ("notes", "confidence") are dropped, not refused: the five fields are what is checked and stored,
// and refusing a sound answer over a sixth key only costs re-asks. json_schema mode still sends
// additionalProperties: false, which strict structured outputs require.
const SCHEMA = z.object(Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, z.string().trim().min(1)])) as Record<keyof Summary, z.ZodString>);

export function checkSummary(value: unknown, ctx: CheckInput): CheckResult {
  const parsed = checkSchema(value);
  if ('problems' in parsed) return { summary: null, problems: parsed.problems };
  const overlong = overlongProblems(parsed.summary, ctx.abstract);
  if (overlong.length > 0) return { summary: null, problems: overlong };
  const source = [ctx.title, ctx.abstract, ctx.original ?? ''].join('\n');
  const masked = `${ctx.title}\n${ctx.abstract}`;
  const { summary: controlled, problems } = checkControl(parsed.summary, source);
  const summary = mapFields(controlled, (text) => repairPlaceholders(text, ctx.mathTokens, masked));
  // The joiners stay in what is stored, not in what is checked: "4\u200D7" is 47, "HAC\u200CKED" is HACKED.
  const seen = mapFields(summary, (text) => text.replace(JOINERS, ''));
  // A refusal or an obeyed injection makes the rest of the answer moot; say only that.
  const refused = [...refusalProblems(seen), ...notStatedProblems(seen, ctx.abstract)];
  if (refused.length > 0) return { summary: null, problems: [...problems, ...refused] };
  const obeyed = injectionProblems(seen, masked);
  if (obeyed.length > 0) return { summary: null, problems: [...problems, ...obeyed] };
  problems.push(
    ...mathProblems(seen, ctx.mathTokens, ctx.original ?? '', masked),
    ...numberProblems(seen, source, ctx.language),
    ...languageProblems(seen, { language: ctx.language, source }),
    ...lengthProblems(seen, ctx.language, ctx.abstract),
    ...duplicateProblems(seen),
  );
  return problems.length === 0 ? { summary, problems } : { summary: null, problems };
}

function mapFields(summary: Summary, f: (text: string) => string): Summary {
  return Object.fromEntries(SUMMARY_FIELDS.map((field) => [field, f(summary[field])])) as Summary;
}

function checkSchema(value: unknown): { summary: Summary } | { problems: AnswerProblem[] } {
  const result = SCHEMA.safeParse(value);
  if (result.success) return { summary: result.data };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problems: [{ code: 'schema', message: 'the answer is not a JSON object', fix: `answer with one object with the string keys ${KEYS}` }] };
  }
  const problems: AnswerProblem[] = [];
  for (const issue of result.error.issues) {
    const field = SUMMARY_FIELDS.find((f) => f === issue.path[0]);
    if (field && !(field in value)) {
      problems.push({ code: 'schema', field, message: `field "${field}" is missing`, fix: `use exactly the keys ${KEYS}` });
    } else if (field && issue.code === 'invalid_type') {
      problems.push({ code: 'schema', field, message: `field "${field}" is not a string`, fix: 'make it a string of plain text' });
    } else if (field) {
      problems.push({ code: 'schema', field, message: `field "${field}" is empty`, fix: 'write what the abstract says for it' });
    }
  }
  return { problems };
}

function checkControl(input: Summary, source: string): CheckResult & { summary: Summary } {
  const summary = { ...input };
  const problems: AnswerProblem[] = [];
  for (const field of SUMMARY_FIELDS) {
    const fixed = repairControlChars(summary[field], source);
    summary[field] = fixed.text.trim();
    if (fixed.unrepairable) {
      problems.push({
        code: 'control_chars',
        field,
        message: `field "${field}" contains control characters`,
        fix: 'LaTeX with single backslashes? Copy the ⟦M…⟧ tokens instead of writing LaTeX, and escape backslashes as \\\\',
      });
    }
  }
  return { summary, problems };
}

function numberProblems(summary: Summary, source: string, language: string): AnswerProblem[] {
  const known = sourceNumbers(source);
  const problems: AnswerProblem[] = [];
  for (const field of SUMMARY_FIELDS) {
    const missing = unsupportedNumbers(summary[field], known, source, language);
    if (missing.length > 0) problems.push({ code: 'numbers', field, ...numbersProblem(field, missing) });
  }
  return problems;
}
