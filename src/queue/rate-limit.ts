/**
 * A provider rate limit for the whole cluster: at most `max` requests in any window of `durationMs`, whichever
 * worker sends them (each summary's first request, retries and re-asks alike; worker.ts). BullMQ's own limiter counts fixed windows (a burst at the end of one and
 * another at the start of the next can pass 2 × max within one sliding window), so every worker also keeps a
 * shared log of start times in a Redis sorted set and asks it right before calling the summarizer.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { UsageError } from '../errors.js';

export interface RateLimit {
  /** Requests at most per `durationMs`, by all workers of the queue together. */
  max: number;
  durationMs: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * Read `N/DURATION`: `60/1m`, `5/s`, `100/10s`, `1000/1h`, `20/500ms` (a bare unit means one of it).
 * @throws UsageError for anything else.
 */
export function parseRateLimit(text: string): RateLimit {
  const m = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|min|m|h)\s*$/.exec(text);
  const max = m ? Number(m[1]) : NaN;
  const durationMs = m ? Number(m[2] ?? 1) * (UNITS[m[3] as string] as number) : NaN;
  if (!m || !Number.isInteger(max) || max < 1 || !(durationMs >= 1)) {
    throw new UsageError(`--rate-limit must look like 60/1m, 5/s or 100/10s (requests per duration), got "${text}"`);
  }
  return { max, durationMs: Math.round(durationMs) };
}

/** Trim the log to the window; take a slot when one is free (0), else say when the oldest start leaves it (ms). */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now + 1)
`;

/**
 * Time between a slot being taken and the request reaching the provider (prompt building, connection, a busy
 * event loop) varies from one start to the next; the window is kept this much longer (10 %, 50 ms to 1 s) so
 * that the provider, which counts arrivals, never sees more than `max` in its own window.
 */
export function marginMs(limit: RateLimit): number {
  return Math.min(1000, Math.max(50, Math.round(limit.durationMs * 0.1)));
}

export interface SlidingLimiter {
  /** 0 when this start may go ahead now (and is counted), else how long to wait before asking again. */
  take(): Promise<number>;
}

export function createSlidingLimiter(redis: Redis, key: string, limit: RateLimit): SlidingLimiter {
  const window = limit.durationMs + marginMs(limit);
  return {
    async take() {
      return Number(await redis.eval(TAKE, 1, key, limit.max, window, randomUUID()));
    },
  };
}
