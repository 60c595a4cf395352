/**
 * For tests that a text reader takes time in proportion to its input: hostile inputs are timed against an
 * ordinary text of the same length, as a ratio, so a slow or busy machine does not decide.
 */

/** `unit` repeated to exactly `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** The best of three timings of `fn(input)` in milliseconds, so one garbage collection does not decide. */
export function bestTime(fn: (input: string) => unknown, input: string): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    fn(input);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
