/** `preprint-digest eval roles FILE.jsonl`: sentence-role classifier figures as JSON on stdout. */
import { evaluateRoles } from '../../eval/roles.js';
import { note, say } from '../context.js';
import { requireFiles, wholeNumber } from '../options.js';

export async function evalCommand(file: string): Promise<void> {
  requireFiles(file);
  const result = await evaluateRoles(file);
  say(JSON.stringify(result, null, 2));
}

export interface EvalRankFlags {
  feed?: string;
  background?: string[];
  topic?: string;
  splits?: string;
  seed?: string;
}

/** `preprint-digest eval rank`: leave-out evaluation of the ranker against a random ranking, as JSON. */
export async function evalRankCommand(flags: EvalRankFlags): Promise<void> {
  requireFiles(flags.feed, ...(flags.background ?? []));
  const { evaluateRanking } = await import('../../eval/rank.js');
  // Absent: evaluateRanking's own defaults.
  const splits = flags.splits === undefined ? undefined : wholeNumber(flags.splits, '--splits', 0, 1, 1000);
  const seed = flags.seed === undefined ? undefined : wholeNumber(flags.seed, '--seed', 0, 0, 2 ** 32 - 1);
  const result = await evaluateRanking({ feed: flags.feed, background: flags.background, topic: flags.topic, splits, seed });
  say(JSON.stringify(result, null, 2));
  // A null in the JSON is easy to read past: the reason goes to stderr too.
  for (const task of ['category', 'coauthor'] as const) for (const line of result[task].notes) note(`eval rank, ${task} task: ${line}`);
}
