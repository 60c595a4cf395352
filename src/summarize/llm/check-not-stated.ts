/**
 * "Not stated in the abstract" is allowed for a field the abstract has nothing for (check-length.ts), but
 * not as the answer: a TL;DR can always be written from a non-empty abstract, and an abstract of several
 * sentences does not leave three of the four other fields empty. A model that answers "not stated"
 * everywhere has not read the abstract (or was told not to); that answer is re-asked, then a fallback.
 */
import { SUMMARY_FIELDS } from '../../types.js';
import { isNotStated } from './check-length.js';
import { sentences } from './check-text.js';
import type { AnswerProblem, Summary } from './types.js';

/** An abstract this long states something for at least two of motivation, method, result and conclusion. */
const MIN_SENTENCES = 4;
const MAX_NOT_STATED = 2;

export function notStatedProblems(summary: Summary, abstract: string): AnswerProblem[] {
  if (abstract.trim() === '') return [];
  const problems: AnswerProblem[] = [];
  if (isNotStated(summary.tldr)) {
    problems.push({ code: 'refusal', field: 'tldr', message: `the TL;DR says the abstract states nothing ("${summary.tldr}")`, fix: "state the paper's main contribution in one sentence" });
  }
  const others = SUMMARY_FIELDS.filter((f) => f !== 'tldr');
  const empty = others.filter((f) => isNotStated(summary[f]));
  if (empty.length > MAX_NOT_STATED && sentences(abstract, 'en').length >= MIN_SENTENCES) {
    problems.push({
      code: 'refusal',
      message: `${empty.length} of the ${others.length} other fields say the abstract states nothing`,
      fix: `the abstract does say something for most of them: write what it states for ${empty.map((f) => `"${f}"`).join(', ')}`,
    });
  }
  return problems;
}
