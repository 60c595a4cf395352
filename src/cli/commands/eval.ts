/** `preprint-digest eval roles FILE.jsonl`: sentence-role classifier figures as JSON on stdout. */
import { evaluateRoles } from '../../eval/roles.js';
import { say } from '../context.js';

export async function evalCommand(file: string): Promise<void> {
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
  const { evaluateRanking } = await import('../../eval/rank.js');
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const result = await evaluateRanking({ feed: flags.feed, background: flags.background, topic: flags.topic, splits: num(flags.splits), seed: num(flags.seed) });
  say(JSON.stringify(result, null, 2));
}
