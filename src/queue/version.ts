/**
 * The queue format version kept in Redis (`<prefix>:queue-version`). Jobs written by one version of
 * preprint-digest must be readable by the workers of another; when the job layout changes, QUEUE_FORMAT goes
 * up and a queue holding the old layout is refused with a clear way out instead of being misread.
 */
import type { Redis } from 'ioredis';
import { ConfigError } from '../errors.js';
import type { QueueLocation } from './connection.js';

/** Version of the job layout (SummaryJobData) and of our keys. */
export const QUEUE_FORMAT = 1;

export const versionKey = (prefix: string) => `${prefix}:queue-version`;

/**
 * Record the format on a new queue, or check the one recorded.
 * @throws ConfigError when the queue was created by an incompatible version.
 */
export async function checkQueueFormat(redis: Redis, location: QueueLocation): Promise<void> {
  const key = versionKey(location.prefix);
  await redis.set(key, String(QUEUE_FORMAT), 'NX');
  const stored = await redis.get(key);
  if (stored === String(QUEUE_FORMAT)) return;
  throw new ConfigError(
    `the queue at ${location.display} was created by an incompatible preprint-digest (queue format ${stored ?? 'unknown'}, this version uses ${QUEUE_FORMAT}): ` +
      `let that version's workers drain it, or delete it with \`preprint-digest status --queue ${location.display} --obliterate\``,
  );
}
