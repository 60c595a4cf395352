/**
 * The fetch stage's problems as stderr lines for `run`: a disagreement between feed and listing, a failed
 * cross-check or enrichment must not live only in run-report.json. One line per kind of problem, so forty
 * categories whose listing failed say so once.
 */
import { cleanText } from '../render/escape.js';
import type { Problem } from '../types.js';

/** Kinds the run's summary line already states. */
const SAID_ELSEWHERE = new Set(['reconstructed']);

export function fetchWarnings(problems: readonly Problem[]): string[] {
  const byCode = new Map<string, Problem[]>();
  for (const problem of problems) {
    if (problem.stage !== 'fetch' || SAID_ELSEWHERE.has(problem.code)) continue;
    byCode.set(problem.code, [...(byCode.get(problem.code) ?? []), problem]);
  }
  return [...byCode.values()].map(([first, ...rest]) => {
    const more = rest.length > 0 ? ` (and ${rest.length} more like it in run-report.json)` : '';
    // Messages quote feed, listing and API text: no control sequence of theirs reaches the terminal.
    return `warning: ${cleanText(first!.message)}${more}`;
  });
}
