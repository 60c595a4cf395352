/**
 * The one polite HTTP client for every arXiv host (feed, listing pages, export API): a serial queue, at
 * least `minIntervalMs` between consecutive requests across all hosts, bounded retries with backoff,
 * Retry-After honoured, and a stop of every request to arXiv at the first 403 (arxiv.md §7, §10).
 */
import { SourceError } from '../errors.js';
import { attempt, toolVersion, userAgent } from './_http.js';

export interface ArxivClientOptions {
  /** Contact address sent in the User-Agent as `mailto:`; left out when empty. @default undefined */
  contact?: string | null;
  /**
   * Minimum time between two requests across all arXiv hosts, counted from when the previous one was
   * answered (its headers arrived) to the start of the next. @default 3000
   */
  minIntervalMs?: number;
  /** Time allowed for one request, headers and body together. @default 30000 */
  timeoutMs?: number;
  /** Retries after the first attempt (network errors, timeouts, cut bodies, 429, 5xx). @default 3 */
  retries?: number;
  /** First backoff delay; doubles on each retry, plus up to 25 % jitter. @default 2000 */
  backoffMs?: number;
  /** Longest Retry-After the client waits; a longer one fails the request at once. @default 600000 */
  maxRetryAfterMs?: number;
  /** Tool version in the User-Agent. @default the version in package.json */
  version?: string;
  /** Replacement `fetch` (unit tests). @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Cluster-wide turn-taking (src/queue/gate.ts): with it, the spacing rule holds across every process that
   * shares the gate, not only within this client. @default none (this process only)
   */
  gate?: PacingGate;
}

/** One request at a time across processes, `minIntervalMs` from one answer to the next start (arxiv.md §7). */
export interface PacingGate {
  /** Wait for a turn; `holdMs` bounds how long the turn may be held (a dead holder frees it after that). */
  acquire(options: { minIntervalMs: number; holdMs: number }): Promise<PacingTurn>;
}

export interface PacingTurn {
  /** The request was answered or failed: nobody may start another for `afterMs` (at least the interval). */
  release(afterMs: number): Promise<void>;
}

export interface GetOptions {
  /** Non-2xx statuses returned instead of thrown: arXiv sends its error feeds with HTTP 400. */
  acceptStatus?: readonly number[];
}

export interface ArxivResponse {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

/** Requests made (every attempt counts), for the run report. */
export interface RequestStats {
  total: number;
  byHost: Record<string, number>;
  retries: number;
}

export interface ArxivClient {
  readonly userAgent: string;
  /** GET `url` in turn with every other request of this client; throws `SourceError` on failure. */
  get(url: string, options?: GetOptions): Promise<ArxivResponse>;
  stats(): RequestStats;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One attempt inside a cluster-wide turn; a Retry-After holds back every process sharing the gate. */
async function gated(
  gate: PacingGate,
  minIntervalMs: number,
  limits: { timeoutMs: number; maxRetryAfterMs: number },
  fn: () => ReturnType<typeof attempt>,
): ReturnType<typeof attempt> {
  const turn = await gate.acquire({ minIntervalMs, holdMs: limits.timeoutMs + minIntervalMs + 10_000 });
  let waitMs = 0;
  try {
    const outcome = await fn();
    if (!outcome.result.ok) waitMs = Math.min(outcome.result.waitMs ?? 0, limits.maxRetryAfterMs);
    return outcome;
  } finally {
    await turn.release(Math.max(minIntervalMs, waitMs));
  }
}

export function createArxivClient(options: ArxivClientOptions = {}): ArxivClient {
  const minIntervalMs = options.minIntervalMs ?? 3000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 2000;
  const ua = userAgent(options.version ?? toolVersion(), options.contact);
  const attemptOptions = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 600_000,
    headers: { 'User-Agent': ua, Accept: 'application/xml, application/atom+xml, text/html;q=0.9, */*;q=0.5' },
  };
  const stats: RequestStats = { total: 0, byHost: {}, retries: 0 };
  let denied: string | null = null;
  // Spacing counts from when the previous request was answered, not from when we started it: connection
  // setup (DNS, TLS, a first fetch) can delay a request's arrival, so start-to-start spacing lets arXiv
  // see gaps shorter than the interval. The server received it before answering, so this bound holds there.
  let lastAnswer = Number.NEGATIVE_INFINITY;
  let queue: Promise<unknown> = Promise.resolve();

  /** Wait until the spacing rule (and any server-requested delay) allows the next start. */
  async function pace(notBefore: number): Promise<void> {
    const wait = Math.max(notBefore, lastAnswer + minIntervalMs) - performance.now();
    if (wait > 0) await sleep(Math.ceil(wait));
  }

  async function run(requested: string, get: GetOptions): Promise<ArxivResponse> {
    let url = requested;
    let host = new URL(url).host;
    const chain = [url];
    let notBefore = 0;
    for (let n = 0; ; n++) {
      // After a 403 arXiv treats further requests as an attack (robots.md): its hosts share one policy, so
      // none of them is asked anything more in this run.
      if (denied) {
        throw new SourceError('E_FETCH', `${denied} denied access earlier in this run; asking arXiv nothing more`, { url, status: 403 });
      }
      await pace(notBefore);
      stats.total++;
      stats.byHost[host] = (stats.byHost[host] ?? 0) + 1;
      if (n > 0) stats.retries++;
      const one = () => attempt(url, { ...attemptOptions, acceptStatus: get.acceptStatus ?? [] });
      const { result, answeredAt } = options.gate ? await gated(options.gate, minIntervalMs, attemptOptions, one) : await one();
      lastAnswer = answeredAt;
      if (result.ok) return { url: requested, status: result.status, headers: result.headers, body: result.body };
      if (result.redirect) {
        // Each hop is a request of its own: paced, counted, and with its own retries.
        url = follow(chain, result.redirect);
        host = new URL(url).host;
        n = -1;
        notBefore = 0;
        continue;
      }
      if (result.error.status === 403) denied = host;
      if (!result.retry || n >= retries) throw withAttempts(result.error, n + 1);
      const backoff = backoffMs * 2 ** n * (1 + Math.random() * 0.25);
      notBefore = performance.now() + (result.waitMs ?? backoff);
    }
  }

  return {
    userAgent: ua,
    get(url, get = {}) {
      const next = queue.then(() => run(url, get));
      queue = next.catch(() => undefined);
      return next;
    },
    stats: () => ({ total: stats.total, byHost: { ...stats.byHost }, retries: stats.retries }),
  };
}

/** Hops followed for one request; arXiv itself redirects at most once or twice (http → https, a moved path). */
const MAX_REDIRECTS = 5;

/** Add `target` to the redirect `chain` (requested URL first) and return it; a loop or a long chain is an error. */
function follow(chain: string[], target: string): string {
  const start = chain[0]!;
  const hops = chain.length;
  if (chain.includes(target)) {
    throw new SourceError('E_FETCH', `${start} redirects in a loop (back to ${target} after ${hops} hop${hops === 1 ? '' : 's'}); not following`, { url: start });
  }
  if (hops > MAX_REDIRECTS) {
    throw new SourceError('E_FETCH', `${start} redirects more than ${MAX_REDIRECTS} times (last to ${target}); not following`, { url: start });
  }
  chain.push(target);
  return target;
}

function withAttempts(error: SourceError, attempts: number): SourceError {
  if (attempts < 2) return error;
  const message = `${error.message.replace(/^\[fetch\] /, '')} (gave up after ${attempts} attempts)`;
  return new SourceError(error.code as 'E_FETCH' | 'E_PARSE', message, { url: error.url, status: error.status, cause: error });
}
