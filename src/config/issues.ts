/**
 * zod's issues as sentences about the name the user typed: `PREPRINT_DIGEST_RETRIES must be at most 10, got 11`
 * rather than `retries: Too big: expected number to be <=10`.
 */
import type { z } from 'zod';
import { suggestName } from './suggest.js';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
};

/**
 * One line: `name problem, got value` (`name` as the layer spells it: a file key, an env variable, a flag).
 * `known`: the keys the object holding the issue may have, for "did you mean" on an unknown one.
 */
export function describeIssue(issue: Issue, name: string, value: unknown, known: readonly string[] = []): string {
  if (issue.code === 'unrecognized_keys') return unknownKey(issue, known);
  if (value === undefined && issue.code === 'invalid_type') return `${name} is missing`;
  return `${name} ${problem(issue)}, got ${shown(value)}`;
}

/** `unknown key "prices.inptu"; did you mean "prices.input"?`: zod's "Unrecognized key" says neither where nor what. */
function unknownKey(issue: Extract<Issue, { code: 'unrecognized_keys' }>, known: readonly string[]): string {
  const key = issue.keys[0] ?? '';
  const at = issue.path.map((p) => `${String(p)}.`).join('');
  const hint = suggestName(key, known);
  return `unknown key "${at}${key}"; ${hint ? `did you mean "${at}${hint}"?` : 'the keys are listed in config.schema.json'}`;
}

function problem(issue: Issue): string {
  switch (issue.code) {
    case 'too_big':
      return bound('at most', 'less than', issue.maximum, issue.inclusive, issue.origin);
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      return bound('at least', 'more than', issue.minimum, issue.inclusive, issue.origin);
    case 'invalid_type':
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'custom':
      // The schema's own refinements are worded as the rest of the sentence ("must not have …").
      return issue.message;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be an http:// or https:// URL' : `must be a valid ${issue.format}`;
    default:
      return `is invalid (${issue.message})`;
  }
}

function bound(inclusive: string, exclusive: string, limit: number | bigint, isInclusive: boolean | undefined, origin: string): string {
  const word = isInclusive === false ? exclusive : inclusive;
  if (origin === 'array' || origin === 'set') return `must list ${word} ${limit} item${limit === 1 ? '' : 's'}`;
  if (origin === 'string') return `must be ${word} ${limit} characters long`;
  return `must be ${word} ${limit}`;
}

function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
