/**
 * Well-formedness checks for large XML bodies on a worker thread. fast-xml-parser's parser accepts mismatched
 * and unclosed tags silently, so every body also goes through its validator: a second full pass over the bytes.
 * For a large body that pass runs on a worker while the main thread parses and normalises the same text, so on a
 * machine with a second core ingest waits for one pass, not two. Small bodies (a day of one category) are checked
 * in place: a worker's start costs more than their check; so is everything on a single core, where the worker
 * would only take turns with the parse. One long-lived worker serves the process; it does not
 * keep the process alive while idle, and if it dies the check runs in place.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { XMLValidator } from 'fast-xml-parser';

export type Validation = ReturnType<typeof XMLValidator.validate>;

/** Bodies shorter than this (characters) are checked in place. */
export const WORKER_MIN_CHARS = 512 * 1024;

// Plain CommonJS evaluated by the worker: it needs no build step and loads the same fast-xml-parser.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { XMLValidator } = require(workerData.fxp);
parentPort.on('message', ({ id, xml }) => {
  let result;
  try { result = XMLValidator.validate(xml); } catch (err) { result = null; }
  parentPort.postMessage({ id, result });
});`;

let worker: Worker | undefined;
/** Requests sent and not answered: id → callback (null: check in place). */
const waiting = new Map<number, (result: Validation | null) => void>();
let nextId = 0;

function startWorker(): Worker {
  const fxp = createRequire(import.meta.url).resolve('fast-xml-parser');
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { fxp } });
  w.on('message', ({ id, result }: { id: number; result: Validation | null }) => {
    waiting.get(id)?.(result);
    waiting.delete(id);
    if (waiting.size === 0) w.unref();
  });
  const lost = () => {
    if (worker === w) worker = undefined;
    for (const done of waiting.values()) done(null);
    waiting.clear();
  };
  w.on('error', lost);
  w.on('exit', lost);
  return w;
}

/** fast-xml-parser's verdict on `xml`: on the worker for a large body, in place otherwise. */
export function validateXml(xml: string): Promise<Validation> {
  if (xml.length < WORKER_MIN_CHARS || availableParallelism() < 2) return Promise.resolve(XMLValidator.validate(xml));
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, (result) => resolve(result ?? XMLValidator.validate(xml)));
    try {
      worker ??= startWorker();
      worker.ref();
      worker.postMessage({ id, xml });
    } catch {
      waiting.delete(id);
      resolve(XMLValidator.validate(xml));
    }
  });
}
