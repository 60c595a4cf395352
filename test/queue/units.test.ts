/**
 * The queue's building blocks against the real Redis: URL parsing, the fail-fast connection, the format check,
 * the cluster-wide arXiv gate and the sliding-window rate limit.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../../src/errors.js';
import { connectRedis, parseQueueUrl, withoutPassword } from '../../src/queue/connection.js';
import { createRedisGate } from '../../src/queue/gate.js';
import { createSlidingLimiter, marginMs, parseRateLimit } from '../../src/queue/rate-limit.js';
import { openSummaryQueue } from '../../src/queue/run.js';
import { checkQueueFormat, QUEUE_FORMAT, versionKey } from '../../src/queue/version.js';
import { REDIS_HOST, REDIS_PORT, redisTestUrl, services, closedPort } from '../helpers/services.js';

const PREFIX = `pd-test-units-${process.pid}`;
const clients: Redis[] = [];
const client = () => {
  const c = new Redis({ host: REDIS_HOST, port: REDIS_PORT, maxRetriesPerRequest: 1 });
  clients.push(c);
  return c;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(async () => {
  if (services.redis) {
    const c = client();
    const keys = await c.keys(`${PREFIX}*`);
    if (keys.length > 0) await c.del(...keys);
  }
  for (const c of clients) c.disconnect();
});

describe('queue URLs', () => {
  it('reads host, port, database, credentials and prefix, and hides the password', () => {
    const q = parseQueueUrl('redis://worker:s3cret@10.0.0.5:6380/2?prefix=lab-a');
    expect(q.redis).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, username: 'worker', password: 's3cret' });
    expect(q.prefix).toBe('lab-a');
    expect(q.address).toBe('10.0.0.5:6380');
    expect(q.display).not.toContain('s3cret');
    expect(parseQueueUrl('redis://localhost')).toMatchObject({ prefix: 'preprint-digest', redis: { port: 6379, db: 0 } });
    expect(parseQueueUrl('rediss://cache.example.org').redis.tls).toEqual({ servername: 'cache.example.org' });
  });

  it('refuses other schemes, parameters, databases and prefixes with one line', () => {
    for (const bad of ['http://localhost:6379', 'localhost:6379', 'redis://h/x', 'redis://h?db=1', 'redis://h?prefix=a:b']) {
      expect(() => parseQueueUrl(bad), bad).toThrow(ConfigError);
    }
    expect(() => parseQueueUrl('http://localhost:6379')).toThrow(/must start with redis:\/\//);
  });

  it('masks passwords in the store and queue locations workers are told', () => {
    expect(withoutPassword('postgres://digest:pa55@db.lab:5432/digest')).toBe('postgres://digest:***@db.lab:5432/digest');
    expect(withoutPassword('redis://:pa55@cache:6379')).toBe('redis://:***@cache:6379');
    expect(withoutPassword('postgres://db.lab/digest')).toBe('postgres://db.lab/digest');
    expect(withoutPassword('/var/lib/digest/db.sqlite')).toBe('/var/lib/digest/db.sqlite');
  });

  it('reads rate limits as requests per duration', () => {
    expect(parseRateLimit('60/1m')).toEqual({ max: 60, durationMs: 60_000 });
    expect(parseRateLimit('5/s')).toEqual({ max: 5, durationMs: 1000 });
    expect(parseRateLimit('100/10s')).toEqual({ max: 100, durationMs: 10_000 });
    expect(parseRateLimit('20/500ms')).toEqual({ max: 20, durationMs: 500 });
    for (const bad of ['60', '0/s', '5/x', '-1/s', '5/0s']) expect(() => parseRateLimit(bad), bad).toThrow(UsageError);
  });
});

describe.skipIf(!services.redis)('connecting', () => {
  it('reports an unreachable Redis in one line, at once', async () => {
    const port = await closedPort();
    const t0 = performance.now();
    const err = await openSummaryQueue(`redis://127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(new RegExp(`^\\[config\\] cannot reach Redis at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
    expect((err as Error).message).not.toContain('\n');
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('records the format on a new queue and refuses one made by an incompatible version, naming the way out', async () => {
    const url = redisTestUrl(`${PREFIX}-format`);
    const location = parseQueueUrl(url);
    const redis = await connectRedis(location);
    clients.push(redis);
    await checkQueueFormat(redis, location);
    expect(await redis.get(versionKey(location.prefix))).toBe(String(QUEUE_FORMAT));
    await redis.set(versionKey(location.prefix), String(QUEUE_FORMAT + 1));
    const err = await openSummaryQueue(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(new RegExp(`incompatible preprint-digest \\(queue format ${QUEUE_FORMAT + 1}, this version uses ${QUEUE_FORMAT}\\)`));
    expect((err as Error).message).toContain('status --queue');
    expect((err as Error).message).toContain('--obliterate');
  });
});

describe.skipIf(!services.redis)('the arXiv gate', () => {
  it('never lets two processes start requests less than the interval apart', async () => {
    const interval = 150;
    const gates = [createRedisGate(client(), { prefix: PREFIX, name: 'spacing' }), createRedisGate(client(), { prefix: PREFIX, name: 'spacing' })];
    const log: { start: number; end: number }[] = [];
    // Each "process" makes 5 requests of 20–60 ms; starts are compared with the previous answer.
    await Promise.all(gates.map(async (gate) => {
      for (let i = 0; i < 5; i++) {
        const turn = await gate.acquire({ minIntervalMs: interval, holdMs: 5000 });
        const start = performance.now();
        await sleep(20 + Math.random() * 40);
        const end = performance.now();
        log.push({ start, end });
        await turn.release(interval);
      }
    }));
    log.sort((a, b) => a.start - b.start);
    expect(log).toHaveLength(10);
    for (let i = 1; i < log.length; i++) {
      // One at a time, and a full interval from one answer to the next start (2 ms for clock reading).
      expect(log[i]!.start - log[i - 1]!.end).toBeGreaterThanOrEqual(interval - 2);
    }
  });

  it('frees the turn of a holder that died once its hold expires', async () => {
    const dying = client();
    const gate = createRedisGate(dying, { prefix: PREFIX, name: 'dead' });
    await gate.acquire({ minIntervalMs: 100, holdMs: 800 });
    dying.disconnect(); // never releases
    const t0 = performance.now();
    const other = createRedisGate(client(), { prefix: PREFIX, name: 'dead', pollMs: 50 });
    const turn = await other.acquire({ minIntervalMs: 100, holdMs: 5000 });
    const waited = performance.now() - t0;
    await turn.release(100);
    expect(waited).toBeGreaterThan(500);
    expect(waited).toBeLessThan(3000);
  });
});

describe.skipIf(!services.redis)('the sliding-window rate limit', () => {
  it('lets at most max starts into any window, whichever client takes them', async () => {
    const limit = { max: 4, durationMs: 300 };
    const key = `${PREFIX}:rate`;
    const limiters = [createSlidingLimiter(client(), key, limit), createSlidingLimiter(client(), key, limit), createSlidingLimiter(client(), key, limit)];
    const starts: number[] = [];
    const until = performance.now() + 1500;
    await Promise.all(limiters.flatMap((l) => [0, 1, 2].map(async () => {
      while (performance.now() < until) {
        const wait = await l.take();
        if (wait === 0) starts.push(performance.now());
        else await sleep(Math.min(wait, 50));
      }
    })));
    starts.sort((a, b) => a - b);
    // Enough starts to matter (about max per window), never max + 1 within one window.
    expect(starts.length).toBeGreaterThanOrEqual(12);
    for (let i = limit.max; i < starts.length; i++) {
      expect(starts[i]! - starts[i - limit.max]!).toBeGreaterThanOrEqual(limit.durationMs + marginMs(limit) - 5);
    }
  });
});
