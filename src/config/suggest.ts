/** "Did you mean": the nearest of the names a setting could have, for a misspelt config key or variable. */
import { closest, distance } from 'fastest-levenshtein';

/** The known name nearest to `input` (case aside), or undefined when none is near enough to be the one meant. */
export function suggestName(input: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const lower = names.map((n) => n.toLowerCase());
  const near = closest(input.toLowerCase(), lower);
  const limit = Math.max(2, Math.floor(input.length / 3));
  return distance(input.toLowerCase(), near) <= limit ? names[lower.indexOf(near)] : undefined;
}
