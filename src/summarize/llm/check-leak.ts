/**
 * A prompt leak: the answer reproduces the request's own instructions ("You summarize one research paper
 * abstract for researchers."), as a model does when an abstract asks for "the system prompt verbatim". Any
 * run of RUN words of the instruction text that the title and abstract do not have themselves counts.
 */
import { normalizeForCompare } from './check-text.js';
import { PROMPT_INSTRUCTIONS } from './prompt.js';

const RUN = 6;
const INSTRUCTION_RUNS = runs(PROMPT_INSTRUCTIONS);

/** The first run of the prompt's wording in `text` that `source` does not contain, or undefined. */
export function promptEcho(text: string, source: string): string | undefined {
  const found = [...runs(text)].filter((r) => INSTRUCTION_RUNS.has(r));
  if (found.length === 0) return undefined;
  const own = runs(source);
  return found.find((r) => !own.has(r));
}

/** Every sequence of RUN consecutive words, lower-cased, punctuation dropped (line by line). */
function runs(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const words = normalizeForCompare(line).split(' ').filter(Boolean);
    for (let i = 0; i + RUN <= words.length; i++) out.add(words.slice(i, i + RUN).join(' '));
  }
  return out;
}
