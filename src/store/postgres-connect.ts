/**
 * Opening the PostgreSQL pool, and the one-line messages for what goes wrong on the way: the user sees the host,
 * port and database they asked for, never the password, and never waits more than a few seconds.
 */
import pg from 'pg';
import { ConfigError, DigestError, StoreError } from '../errors.js';

export interface PgTarget {
  /** `host:port`, for messages. */
  address: string;
  database: string;
  /** `host:port/database`: what messages call the store. */
  where: string;
}

/**
 * Read what messages need from the URL (host, port, database), checking that it is one; pg parses it again.
 * @throws ConfigError for text that is not a postgres:// URL; the message never repeats the URL (it may hold a
 * password).
 */
export function describeTarget(url: string): PgTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('the PostgreSQL URL is malformed: expected postgres://user:password@host:port/database');
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new ConfigError('the PostgreSQL URL must start with postgres://');
  const host = parsed.hostname || parsed.searchParams.get('host') || process.env.PGHOST || 'localhost';
  const port = parsed.port || process.env.PGPORT || '5432';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || process.env.PGDATABASE || parsed.username || 'postgres';
  const address = `${host}:${port}`;
  return { address, database, where: `PostgreSQL at ${address} (database "${database}")` };
}

export interface PgPoolOptions {
  /** Connections at most. @default 6 */
  max?: number;
  /** Give up connecting after this long. @default 5000 */
  connectTimeoutMs?: number;
}

export function createPool(url: string, options: PgPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: withSessionSettings(url),
    max: options.max ?? 6,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 10_000,
    application_name: 'preprint-digest',
  });
  // An idle connection the server drops (restart, admin kill) must not crash the process; the next query
  // gets a fresh connection or a clear error.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * JIT compilation off for our sessions: our statements are short, and the planner's cost of ranking a broad search
 * would otherwise trigger ~35 ms of compiling for a query that runs in a few. The user's own `options` (e.g. a
 * search_path) come after ours, so they win.
 */
export function withSessionSettings(url: string): string {
  const parsed = new URL(url);
  const given = parsed.searchParams.get('options');
  parsed.searchParams.set('options', given ? `-c jit=off ${given}` : '-c jit=off');
  return parsed.toString();
}

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
};

const SERVER_REASONS: Record<string, (message: string) => string> = {
  '3D000': () => 'the database does not exist (create it with createdb or CREATE DATABASE)',
  '28P01': (m) => `authentication failed (${m})`,
  '28000': (m) => `not allowed to connect (${m})`,
  '57P03': () => 'the server is starting up or shutting down',
  '53300': () => 'too many connections',
};

/** The reason a connection failed, in a few words, or null when `err` is not a connection failure. */
export function connectReason(err: unknown): string | null {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (SOCKET_REASONS[code]) return SOCKET_REASONS[code];
  const server = SERVER_REASONS[code];
  if (server) return server(message);
  if (/timeout/i.test(message) && /connect/i.test(message)) return 'connection timed out';
  if (/Connection terminated/i.test(message)) return 'the server closed the connection';
  if (/password must be a string|SASL/i.test(message)) return 'the server asked for a password and none was given';
  return null;
}

/** One-line error for a failed action; connection failures name where we tried to connect. */
export function toPgStoreError(err: unknown, target: PgTarget, action: string): DigestError {
  if (err instanceof DigestError) return err;
  const reason = connectReason(err);
  if (reason !== null) return new StoreError(`cannot connect to ${target.where}: ${reason}`, { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new StoreError(`cannot ${action} (${target.where}): ${message.split('\n')[0]}`, { cause: err });
}
