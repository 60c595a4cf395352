/**
 * Where the queue lives: a `redis://` (or `rediss://`, TLS) URL, read once into connection options for ioredis
 * and BullMQ, plus the key prefix every key of ours starts with. Connecting checks that Redis answers before
 * anything else happens, so a wrong URL or a stopped server is one clear line, not a hang.
 */
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { ConfigError } from '../errors.js';

/** Prefix of every Redis key preprint-digest writes (BullMQ queues, format version, arXiv gate). */
export const DEFAULT_PREFIX = 'preprint-digest';

export interface QueueLocation {
  /** ioredis options (host, port, db, credentials, TLS). */
  redis: RedisOptions;
  /** Key prefix; `?prefix=NAME` in the URL sets it (tests and separate deployments on one server). */
  prefix: string;
  /** The URL without its password, for messages and logs. */
  display: string;
  /** `HOST:PORT`, for the "cannot reach" message. */
  address: string;
}

/**
 * Read a queue URL: `redis://[user:password@]host[:port][/db][?prefix=NAME]`; `rediss://` uses TLS.
 * @throws ConfigError for anything else.
 */
export function parseQueueUrl(url: string): QueueLocation {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new ConfigError(`the queue URL ${JSON.stringify(url)} is not a URL: use redis://HOST:PORT`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new ConfigError(`the queue URL must start with redis:// or rediss://, got ${JSON.stringify(`${u.protocol}//…`)}`);
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\/+/, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new ConfigError(`the queue URL's database must be a number, got "${dbText}"`);
  for (const key of u.searchParams.keys()) {
    if (key !== 'prefix') throw new ConfigError(`unknown queue URL parameter "${key}" (only ?prefix=NAME is understood)`);
  }
  const prefix = u.searchParams.get('prefix') ?? DEFAULT_PREFIX;
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix)) throw new ConfigError(`the queue prefix may hold letters, digits, "_", "." and "-" only, got "${prefix}"`);
  const redis: RedisOptions = { host, port, db };
  if (u.username) redis.username = decodeURIComponent(u.username);
  if (u.password) redis.password = decodeURIComponent(u.password);
  if (u.protocol === 'rediss:') redis.tls = { servername: host };
  const shown = new URL(u.href);
  if (shown.password) shown.password = '***';
  return { redis, prefix, display: shown.href.replace(/\/$/, ''), address: `${host}:${port}` };
}

/**
 * A connected client for our own keys (format version, stop flag, arXiv gate); fails fast when Redis does
 * not answer. BullMQ's own connections are made from the same options and reconnect on their own later.
 * @throws ConfigError "cannot reach Redis at HOST:PORT: …".
 */
export async function connectRedis(location: QueueLocation, options: { connectTimeoutMs?: number } = {}): Promise<Redis> {
  const client = new Redis({
    ...location.redis,
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    maxRetriesPerRequest: 1,
    // No reconnect loop before the first answer: an unreachable server is reported, not retried forever.
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  client.on('error', (err: Error) => (lastError = err));
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    const reason = (lastError ?? (err as Error)).message || String(err);
    throw new ConfigError(`cannot reach Redis at ${location.address}: ${reason}`, { cause: err });
  }
  await selectDatabase(client, location);
  // From here on the connection reconnects on its own (a restarted Redis is not fatal to a long worker).
  client.options.retryStrategy = (times: number) => Math.min(200 * times, 5000);
  client.options.maxRetriesPerRequest = 20;
  return client;
}

/**
 * ioredis selects the URL's database on connect but only reports a refusal as an `error` event and then runs
 * every command in database 0; selecting again here turns that refusal into one line before anything is written.
 */
async function selectDatabase(client: Redis, location: QueueLocation): Promise<void> {
  const db = location.redis.db ?? 0;
  if (db === 0) return;
  try {
    await client.select(db);
  } catch (err) {
    client.disconnect();
    const reason = (err as Error).message;
    const missing = /DB index is out of range/i.test(reason) ? `has no database ${db}` : `refused database ${db}`;
    throw new ConfigError(`Redis at ${location.address} ${missing} (the number after the port in the queue URL): ${reason}`, { cause: err });
  }
}

/** A database or queue location for messages: the password of a `scheme://user:password@host` URL masked. */
export { displayStoreLocation as withoutPassword } from '../store/index.js';

/** Options for BullMQ's own connections: blocking commands need `maxRetriesPerRequest: null`. */
export function bullConnection(location: QueueLocation): RedisOptions {
  return { ...location.redis, maxRetriesPerRequest: null };
}
