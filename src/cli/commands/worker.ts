/**
 * `preprint-digest worker`: summarize the jobs that `run --queue` enqueues, with the same summarizer settings
 * as the run (flags, config, OPENAI_* environment), into the same store. Runs until SIGINT/SIGTERM: the first
 * signal finishes the jobs in progress, a second one gives them back to the queue at once.
 */
import { UsageError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { selectSummarizer } from '../../summarize/select.js';
import { configFromFlags, note, say } from '../context.js';
import type { DayFlags } from '../context.js';

export interface WorkerFlags extends Pick<DayFlags, 'queue' | 'db' | 'config' | 'summarizer' | 'model' | 'concurrency' | 'llmTimeoutMs' | 'outputMode' | 'maxTokensPerRun' | 'maxCost'> {
  rateLimit?: string;
  name?: string;
}

export async function workerCommand(flags: WorkerFlags): Promise<void> {
  const config = configFromFlags(flags);
  if (!config.queue) throw new UsageError('worker needs --queue redis://HOST:PORT (or PREPRINT_DIGEST_QUEUE_URL)');
  const { parseQueueUrl, parseRateLimit, probeQueue, startWorker, summarizerLabel, withoutPassword } = await import('../../queue/index.js');
  const rateLimit = flags.rateLimit !== undefined ? parseRateLimit(flags.rateLimit) : null;
  const location = parseQueueUrl(config.queue);
  const choice = await selectSummarizer(config, note);
  for (const line of choice.notices) note(line);
  await probeQueue(config.queue);
  const store = await openStore(config.db);
  const log = (line: string) => note(`${new Date().toISOString()} ${line}`);
  try {
    const worker = await startWorker({
      queueUrl: config.queue,
      store,
      storeLabel: withoutPassword(config.db),
      summarizer: choice.summarizer,
      fallback: choice.fallback,
      concurrency: config.concurrency,
      rateLimit,
      renewSummarizer: async () => (await selectSummarizer(config, note)).summarizer,
      name: flags.name,
      log,
    });
    const limit = rateLimit ? `, at most ${rateLimit.max} per ${rateLimit.durationMs} ms across the cluster` : '';
    const requests = worker.jobs !== config.concurrency ? ` (at most ${config.concurrency} requests in flight)` : '';
    log(`worker ${worker.name} ready on ${location.display} (queue ${worker.queueName}, ${summarizerLabel(choice.summarizer)}), ${worker.jobs} jobs at once${requests}${limit}`);
    await untilSignal();
    log('stopping: finishing the jobs in progress (signal again to give them back at once)');
    const force = untilSignal().then(() => (log('stopping now: the jobs in progress go back to the queue'), worker.close(true)));
    await Promise.race([worker.close(), force]);
    const c = worker.counts();
    say(`worker ${worker.name} stopped: ${c.ok} ok, ${c.fallback} fallback, ${c.alreadyStored} already stored, ${c.failed} failed`);
  } finally {
    await store.close();
  }
}

/** Resolves at the next SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
