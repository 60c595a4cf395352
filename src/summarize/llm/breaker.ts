/**
 * Circuit breaker for an endpoint that cannot be reached. Without it a dead or hanging endpoint costs every
 * paper all its retries (189 papers × 5 attempts × the timeout: a day and more) and the run still ends as a
 * success. It opens after `calls` requests in a row failed to reach the endpoint — connection refused or
 * reset, DNS, timeouts, a gateway's 502/503/504 — over at least `ms`, with no answer of any kind in between:
 * two waves of concurrent requests over a blip of a few seconds do not open it, a dead endpoint does
 * within about half a minute, a hanging one after `calls` timeouts.
 */
import type { LlmFault } from './faults.js';

export interface BreakerPolicy {
  /** Requests in a row that did not reach the endpoint. @default 10 */
  breakerCalls: number;
  /** …over at least this long, from the first of them. @default 30000 */
  breakerMs: number;
}

export interface Breaker {
  /** The endpoint answered (any HTTP answer but a gateway's 502/503/504): the streak ends. */
  reached(): void;
  /** A request failed with `fault`. Returns why the run must stop, once the breaker opens; else null. */
  failed(fault: LlmFault): string | null;
}

/** Faults that say nothing reached the model: the next request will very likely fail the same way. */
export function isUnreachable(fault: LlmFault): boolean {
  return fault.kind === 'network' || fault.kind === 'timeout' || (fault.kind === 'server' && [502, 503, 504].includes(fault.status ?? 0));
}

export function createBreaker(policy: BreakerPolicy, now: () => number = Date.now): Breaker {
  let streak = 0;
  let since = 0;
  return {
    reached() {
      streak = 0;
    },
    failed(fault) {
      if (!isUnreachable(fault)) {
        streak = 0;
        return null;
      }
      if (streak++ === 0) since = now();
      const lasted = now() - since;
      if (streak < policy.breakerCalls || lasted < policy.breakerMs) return null;
      return `the LLM endpoint is unreachable: ${streak} requests in a row failed over ${Math.round(lasted / 1000)} s (last: ${fault.message})`;
    },
  };
}
