/**
 * Workers the run cannot use: connected under the same prefix, but to the queue of another summarizer
 * configuration (one queue per configuration, jobs.ts). A run whose own queue has no worker says so at once,
 * naming what the connected workers serve, instead of only "no worker" two minutes later.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullConnection } from './connection.js';
import type { QueueLocation } from './connection.js';
import { registryKey } from './jobs.js';

export interface ServedElsewhere {
  /** `summarizer/model/version` the workers run. */
  label: string;
  workers: number;
}

/** The other queues under the prefix that have workers connected, with their summarizer labels. */
export async function servedElsewhere(redis: Redis, location: QueueLocation, ownName: string): Promise<ServedElsewhere[]> {
  const registry = await redis.hgetall(registryKey(location.prefix));
  const out: ServedElsewhere[] = [];
  for (const [name, label] of Object.entries(registry).sort()) {
    if (name === ownName) continue;
    const queue = new Queue(name, { connection: bullConnection(location), prefix: location.prefix });
    try {
      const workers = await queue.getWorkersCount();
      if (workers > 0) out.push({ label, workers });
    } finally {
      await queue.close();
    }
  }
  return out;
}

/** `1 worker connected serves builtin/…/7`, `3 workers connected serve llm/a/1 (2), builtin/…/7 (1)`; '' for none. */
export function describeElsewhere(others: readonly ServedElsewhere[]): string {
  const total = others.reduce((n, o) => n + o.workers, 0);
  if (total === 0) return '';
  const labels = others.length === 1 ? others[0]!.label : others.map((o) => `${o.label} (${o.workers})`).join(', ');
  return `${total} worker${total === 1 ? '' : 's'} connected ${total === 1 ? 'serves' : 'serve'} ${labels}`;
}
