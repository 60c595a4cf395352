/**
 * Worker-thread side of the Kaggle import: parses batches (kaggle-parse.ts) and posts them to the importing thread,
 * at most two ahead of what it has stored (each stored batch is acknowledged), so memory stays bounded while the
 * parsing of batch n+1 overlaps the database writing batch n. Started by kaggle.ts from the compiled build only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseBatches } from './kaggle-parse.js';
import type { ParseOptions } from './kaggle-parse.js';

const AHEAD = 2;
const port = parentPort;
if (port) {
  let acked = 0;
  let wake: (() => void) | null = null;
  port.on('message', (m: { ack: number }) => {
    acked = m.ack;
    wake?.();
  });
  let sent = 0;
  for await (const batch of parseBatches(workerData as ParseOptions)) {
    while (sent - acked >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
    port.postMessage({ batch });
    sent++;
  }
  port.postMessage({ done: true });
  port.close();
}
