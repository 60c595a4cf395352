/**
 * The real PostgreSQL and Redis servers the scale-out tests talk to (127.0.0.1:5432 and :6379; `.ci/run`
 * starts them when installed but stopped). A suite wraps itself in `describe.skipIf(!services.redis)`:
 * on a developer machine without the server it is skipped with a warning, but under CI=true a missing server
 * fails the run here, at import time — it is never skipped silently.
 */
import net from 'node:net';
import { Redis } from 'ioredis';

export const PG_HOST = process.env.PGHOST_TEST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.PGPORT_TEST ?? 5432);
export const REDIS_HOST = process.env.REDIS_HOST_TEST ?? '127.0.0.1';
export const REDIS_PORT = Number(process.env.REDIS_PORT_TEST ?? 6379);

/** Server answers a TCP connect within `timeoutMs`. */
function answers(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function check(name: string, host: string, port: number): Promise<boolean> {
  if (await answers(host, port)) return true;
  const message = `${name} does not answer on ${host}:${port}`;
  if (process.env.CI === 'true') throw new Error(`${message}: the scale-out tests need it under CI=true (see README, "Scale-out")`);
  console.warn(`warning: ${message}; its tests are skipped (they fail under CI=true)`);
  return false;
}

export const services = {
  postgres: await check('PostgreSQL', PG_HOST, PG_PORT),
  redis: await check('Redis', REDIS_HOST, REDIS_PORT),
};

/** Base URL of the test server's `postgres` database as the OS user (trust auth on these machines). */
export const PG_ADMIN_URL = process.env.PG_TEST_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@${PG_HOST}:${PG_PORT}/postgres`;

/** A Redis URL with a key prefix of its own, so parallel test files never see each other's queues. */
export function redisTestUrl(prefix: string): string {
  return `redis://${REDIS_HOST}:${REDIS_PORT}/0?prefix=${encodeURIComponent(prefix)}`;
}

/** Delete every Redis key a test file made under its prefix (its queues, stop flags, rate windows, gates). */
export async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis({ host: REDIS_HOST, port: REDIS_PORT });
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** A local port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
