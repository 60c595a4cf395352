/** `preprint-digest status`: queue depth, workers and recent failures per summary queue; `--obliterate` empties it. */
import { UsageError } from '../../errors.js';
import { configFromFlags, say } from '../context.js';

export interface StatusFlags {
  queue?: string;
  config?: string;
  json?: boolean;
  obliterate?: boolean;
  failures?: string;
}

export async function statusCommand(flags: StatusFlags): Promise<void> {
  const config = configFromFlags({ queue: flags.queue, config: flags.config });
  if (!config.queue) throw new UsageError('status needs --queue redis://HOST:PORT (or PREPRINT_DIGEST_QUEUE_URL)');
  const { formatStatus, obliterateQueues, parseQueueUrl, queueStatus } = await import('../../queue/index.js');
  if (flags.obliterate) {
    const removed = await obliterateQueues(config.queue);
    say(`removed ${removed} keys under ${parseQueueUrl(config.queue).display} (every queue, job and lock of that prefix)`);
    return;
  }
  const failures = flags.failures !== undefined ? Number(flags.failures) : 5;
  if (!Number.isInteger(failures) || failures < 0) throw new UsageError(`--failures must be a whole number, got "${flags.failures}"`);
  const status = await queueStatus(config.queue, { failures });
  if (flags.json) say(JSON.stringify(status, null, 2));
  else for (const line of formatStatus(status)) say(line);
}
