/**
 * The queue's configuration and its errors as users meet them: the `queue` key from the environment or a
 * config file, and one line with exit 2 for an unreachable Redis, a missing --queue, a bad --rate-limit and a
 * queue created by an incompatible version.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { QUEUE_FORMAT, versionKey } from '../../src/queue/version.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { REDIS_HOST, REDIS_PORT, redisTestUrl, services, dropRedisKeys, closedPort } from '../helpers/services.js';

const PREFIX = `pd-test-cli-errors-${process.pid}`;

afterAll(async () => {
  if (!services.redis) return;
  await dropRedisKeys(PREFIX);
});

/** The lines a failed command printed that name the error (one, for a clear failure). */
const errorLines = (stderr: string) => stderr.trim().split('\n').filter((l) => l.startsWith('preprint-digest:'));

describe('the queue setting', () => {
  it('comes from PREPRINT_DIGEST_QUEUE_URL, PREPRINT_DIGEST_QUEUE or the config file, flags first', () => {
    const dir = tempDir('pd-queue-config-');
    expect(resolveConfig({ env: {}, cwd: dir }).queue).toBeNull();
    expect(resolveConfig({ env: { PREPRINT_DIGEST_QUEUE_URL: 'redis://q1:6379' }, cwd: dir }).queue).toBe('redis://q1:6379');
    expect(resolveConfig({ env: { PREPRINT_DIGEST_QUEUE: 'redis://q2:6379' }, cwd: dir }).queue).toBe('redis://q2:6379');
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ queue: 'redis://q3:6379' }));
    expect(resolveConfig({ env: {}, cwd: dir, configPath: file }).queue).toBe('redis://q3:6379');
    expect(resolveConfig({ env: { PREPRINT_DIGEST_QUEUE_URL: 'redis://q1:6379' }, cwd: dir, flags: { queue: 'redis://q4:6379' } }).queue).toBe('redis://q4:6379');
  });
});

describe('queue errors on the command line', () => {
  it('stops run, worker and status with exit 2 and one line when Redis does not answer', async () => {
    const port = await closedPort();
    const dir = tempDir('pd-queue-errors-');
    const url = `redis://127.0.0.1:${port}`;
    for (const args of [
      ['run', '--sample', '--out', dir, '--db', path.join(dir, 'db.sqlite'), '--queue', url, '--progress', 'none'],
      ['worker', '--queue', url, '--db', path.join(dir, 'db.sqlite')],
      ['status', '--queue', url],
    ]) {
      const r = await runCli(args);
      expect(r.code, args[0]).toBe(2);
      expect(errorLines(r.stderr)).toEqual([`preprint-digest: [config] cannot reach Redis at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`]);
      expect(existsSync(path.join(dir, 'db.sqlite')), `${args[0]} made no store`).toBe(false);
    }
  });

  it.skipIf(!services.redis)('stops run, worker and status with exit 2 and one line on a database Redis does not have, writing nothing', async () => {
    const prefix = `${PREFIX}-db99`;
    const url = `redis://${REDIS_HOST}:${REDIS_PORT}/99?prefix=${prefix}`;
    const dir = tempDir('pd-queue-errors-');
    for (const args of [
      ['run', '--sample', '--out', dir, '--db', path.join(dir, 'db.sqlite'), '--queue', url, '--progress', 'none'],
      ['worker', '--queue', url, '--db', path.join(dir, 'db.sqlite'), '--summarizer', 'builtin'],
      ['status', '--queue', url],
    ]) {
      const r = await runCli(args);
      expect(r.code, args[0]).toBe(2);
      expect(errorLines(r.stderr), args[0]).toEqual([
        `preprint-digest: [config] Redis at ${REDIS_HOST}:${REDIS_PORT} has no database 99 (the number after the port in the queue URL): ERR DB index is out of range`,
      ]);
      expect(r.stderr).not.toMatch(/ReplyError|at .*\.js:\d+/);
    }
    // ioredis falls back to database 0 after a refused SELECT: nothing may land there.
    const redis = new Redis({ host: REDIS_HOST, port: REDIS_PORT });
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
    redis.disconnect();
  });

  it('asks for --queue and a readable --rate-limit', async () => {
    const worker = await runCli(['worker']);
    expect(worker.code).toBe(2);
    expect(errorLines(worker.stderr)).toEqual(['preprint-digest: worker needs --queue redis://HOST:PORT (or PREPRINT_DIGEST_QUEUE_URL)']);
    const rate = await runCli(['worker', '--queue', 'redis://127.0.0.1:1', '--rate-limit', 'fast']);
    expect(rate.code).toBe(2);
    expect(errorLines(rate.stderr)[0]).toMatch(/--rate-limit must look like 60\/1m/);
    const scheme = await runCli(['status', '--queue', 'http://127.0.0.1:6379']);
    expect(scheme.code).toBe(2);
    expect(errorLines(scheme.stderr)[0]).toMatch(/must start with redis:\/\//);
  });

  it.skipIf(!services.redis)('refuses a queue made by an incompatible version with the way out, which works', async () => {
    const url = redisTestUrl(`${PREFIX}-format`);
    const redis = new Redis({ host: REDIS_HOST, port: REDIS_PORT });
    await redis.set(versionKey(`${PREFIX}-format`), String(QUEUE_FORMAT + 1));
    const dir = tempDir('pd-queue-errors-');
    const r = await runCli(['worker', '--queue', url, '--db', path.join(dir, 'db.sqlite'), '--summarizer', 'builtin']);
    expect(r.code).toBe(2);
    const [line, ...more] = errorLines(r.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(new RegExp(`created by an incompatible preprint-digest \\(queue format ${QUEUE_FORMAT + 1}, this version uses ${QUEUE_FORMAT}\\)`));
    const wayOut = /`(preprint-digest status [^`]+)`/.exec(line ?? '')?.[1]?.split(' ').slice(1) ?? [];
    expect(wayOut).toEqual(['status', '--queue', url, '--obliterate']);
    expect((await runCli(wayOut)).code).toBe(0);
    expect(await redis.get(versionKey(`${PREFIX}-format`))).toBeNull();
    redis.disconnect();
  });
});
