/**
 * arXiv politeness for a whole cluster: a Redis lock (`SET NX PX`) gives one process the turn, and a
 * "next start" timestamp records when the following request may begin (answer time + interval, or longer when
 * arXiv asked for a Retry-After). Times come from the Redis server's clock, so machines with skewed clocks
 * still keep the spacing. A process that dies holding the turn frees it when the lock expires (`holdMs`).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PacingGate, PacingTurn } from '../sources/http.js';

/** Take the lock if free; returns [taken 1/0, ms to wait before starting (taken) or until the lock frees (not)]. */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local wait = tonumber(redis.call('GET', KEYS[2]) or '0') - now
  if wait > 0 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + wait) end
  return {1, math.max(wait, 0)}
end
return {0, redis.call('PTTL', KEYS[1])}
`;

/** Push the next start to now + afterMs (never earlier than already set), then free the lock if still ours. */
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextStart = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), now + tonumber(ARGV[2]))
redis.call('SET', KEYS[2], nextStart, 'PX', tonumber(ARGV[2]) + 60000)
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return nextStart
`;

export interface RedisGateOptions {
  /** Key prefix (the queue's). */
  prefix: string;
  /** Which rule: one gate per remote service. @default 'arxiv' */
  name?: string;
  /** Longest pause between two looks at a busy lock. @default 250 */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A cluster-wide pacing gate on `redis` (the caller keeps and closes the connection). */
export function createRedisGate(redis: Redis, options: RedisGateOptions): PacingGate {
  const base = `${options.prefix}:gate:${options.name ?? 'arxiv'}`;
  const keys = [`${base}:lock`, `${base}:next`];
  const pollMs = options.pollMs ?? 250;
  return {
    async acquire({ holdMs }): Promise<PacingTurn> {
      const token = randomUUID();
      for (;;) {
        const [taken, ms] = (await redis.eval(ACQUIRE, 2, ...keys, token, Math.ceil(holdMs))) as [number, number];
        if (taken === 1) {
          if (ms > 0) await sleep(ms);
          return { release: async (afterMs) => void (await redis.eval(RELEASE, 2, ...keys, token, Math.ceil(afterMs))) };
        }
        // Jitter, so processes waiting on one lock do not all ask at the same instant.
        await sleep(Math.min(Math.max(ms, 10), pollMs) * (0.5 + Math.random() / 2));
      }
    },
  };
}
