/**
 * Adaptive concurrency (AIMD, as TCP does it): start at the configured ceiling, halve when the endpoint
 * pushes back (429, timeouts) on a noticeable share of recent requests, grow by one after a round of
 * successes, never above the ceiling nor below one. A lone 429 among many good answers is noise, not a
 * signal to slow everyone down. One limiter per endpoint; every HTTP call takes a slot.
 */

export interface Limiter {
  /** Run `fn` in a slot. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** The endpoint pushed back (429 or timeout). */
  pushBack(): void;
  success(): void;
  readonly limit: number;
  readonly inFlight: number;
  /** Lowest limit reached, for the run report. */
  readonly lowest: number;
}

export interface LimiterOptions {
  /** No second cut within this time (about one round trip). @default 250 */
  cooldownMs?: number;
  /** Share of push-backs among the recent outcomes that triggers a cut. @default 0.1 */
  threshold?: number;
}

export function createLimiter(ceiling: number, options: LimiterOptions = {}): Limiter {
  const max = Math.max(1, Math.floor(ceiling));
  const cooldownMs = options.cooldownMs ?? 250;
  const threshold = options.threshold ?? 0.1;
  const windowSize = Math.max(8, 2 * max);
  const recent: boolean[] = []; // true = push-back
  let limit = max;
  let lowest = max;
  let inFlight = 0;
  let successes = 0;
  let lastCut = -Infinity;
  const waiting: (() => void)[] = [];

  function pump(): void {
    while (inFlight < limit && waiting.length > 0) {
      inFlight++;
      waiting.shift()?.();
    }
  }
  const record = (pushBack: boolean) => recent.push(pushBack) > windowSize && recent.shift();

  return {
    async run(fn) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        pump();
      });
      try {
        return await fn();
      } finally {
        inFlight--;
        pump();
      }
    },
    pushBack() {
      record(true);
      successes = 0;
      const pushBacks = recent.filter(Boolean).length;
      const now = performance.now();
      if (pushBacks < Math.max(2, threshold * recent.length) || now - lastCut < cooldownMs) return;
      lastCut = now;
      limit = Math.max(1, Math.floor(limit / 2));
      lowest = Math.min(lowest, limit);
    },
    success() {
      record(false);
      // Grow by one after as many successes in a row as the current limit (about one round of requests).
      if (++successes < limit || limit >= max) return;
      successes = 0;
      limit++;
      pump();
    },
    get limit() {
      return limit;
    },
    get inFlight() {
      return inFlight;
    },
    get lowest() {
      return lowest;
    },
  };
}
