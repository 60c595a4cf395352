/** `preprint-digest eval roles FILE.jsonl`: sentence-role classifier figures as JSON on stdout. */
import { evaluateRoles } from '../../eval/roles.js';
import { say } from '../context.js';

export async function evalCommand(file: string): Promise<void> {
  const result = await evaluateRoles(file);
  say(JSON.stringify(result, null, 2));
}
