/**
 * A local fake OpenAI-compatible endpoint for tests and benchmarks: a real `node:http` server on 127.0.0.1
 * serving `POST /v1/chat/completions` (JSON or SSE) and `GET /v1/models`. By default it answers every
 * request faithfully from the prompt contract (src/summarize/llm/types.ts); `use(script)` makes it misbehave
 * in any of the ways listed in ../shared/docs/llm.md §8 (see `scenarios`). It records every request, with
 * the number in flight at arrival.
 *
 *   const fake = await startFakeLlm({ latencyMs: 1000, maxInFlight: 8, usage: true });
 *   fake.use(firstAttempts(scenarios.truncated()));           // every paper: cut JSON first, then a good answer
 *   fake.use(fraction(0.2, transientFaults(), 1));            // 20 % of papers fail once, same papers every run
 *   fake.use(byMode({ json_schema: scenarios.jsonSchemaRejectedDeepSeek() }));
 *   … point the client at fake.url, then inspect fake.requests / fake.peakInFlight; await fake.close().
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { faithfulAnswer } from './fake-llm/answer.js';
import { contentScenarios } from './fake-llm/content.js';
import { faultScenarios, openAiError } from './fake-llm/faults.js';
import { findAbstract, PromptContractError, requestMode, usageFor } from './fake-llm/prompt.js';
import { sendCompletion, sendJson, startKeepAlive } from './fake-llm/respond.js';
import type { Exchange } from './fake-llm/respond.js';
import { ANSWER, resolveStep } from './fake-llm/scripts.js';
import type { Behaviour, ChatRequestBody, FakeLlm, FakeLlmOptions, RecordedLlmRequest, ScriptRequest, Step } from './fake-llm/types.js';

export type * from './fake-llm/types.js';
export { abstractNumber, faithfulAnswer, faithfulSummary, mathTokens, splitSentences } from './fake-llm/answer.js';
export { inventedNumber } from './fake-llm/content.js';
export { openAiError } from './fake-llm/faults.js';
export type { ErrorFields } from './fake-llm/faults.js';
export { FAKE_LANGUAGES, templatesFor } from './fake-llm/languages.js';
export { estimateTokens, findAbstract, PromptContractError, readPrompt, requestMode } from './fake-llm/prompt.js';
export type { PromptView } from './fake-llm/prompt.js';
export { ANSWER, byAttempt, byMode, byModel, everyRequest, firstAttempts, fraction, fractionHits, sequence } from './fake-llm/scripts.js';

/** One factory per row of the scenario matrix (llm.md §8); each returns a Behaviour or a Script for `use()`. */
export const scenarios = { ...contentScenarios, ...faultScenarios };

/**
 * The transient faults of the benchmark mix (rate limit, 5xx, reset, malformed answers), each of which a
 * client should survive with a retry: `use(fraction(0.2, transientFaults(), seed))`.
 */
export function transientFaults(): Step[] {
  const s = scenarios;
  return [s.rateLimitRetryAfterMs(200), s.server500(), s.server503(), s.reset(), s.truncated(), s.blank()];
}

/** Per-request state while a behaviour plays out. */
interface Play extends Exchange {
  req: IncomingMessage;
  sreq: ScriptRequest;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string): ChatRequestBody | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as ChatRequestBody) : null;
  } catch {
    return null;
  }
}

export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const maxInFlight = options.maxInFlight ?? Infinity;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { requests: [] as RecordedLlmRequest[], open: 0, peak: 0, calls: 0, served: 0, attempts: new Map<string, number>() };
  let script: Step = options.script ?? ANSWER;
  const answerer = options.answer ?? faithfulAnswer;

  const wait = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const t = setTimeout(() => (timers.delete(t), resolve()), ms);
          timers.add(t);
        });

  function answerOf(b: Extract<Behaviour, { kind: 'answer' }>, p: Play) {
    const content = typeof b.content === 'function' ? b.content(p.sreq) : b.content === undefined ? answerer(p.body) : b.content;
    const usage = b.usage === false ? undefined : (b.usage ?? (options.usage ? usageFor(p.body, content) : undefined));
    return { content, finishReason: b.finishReason ?? 'stop', refusal: b.refusal, reasoning: b.reasoning, usage };
  }

  async function perform(b: Behaviour, p: Play, delayMs: number): Promise<void> {
    if (b.kind === 'slowHeaders') return perform(b.then ?? ANSWER, p, delayMs + b.ms);
    if (b.kind === 'hang') return;
    if (b.kind === 'answer') {
      // Build the content first: a prompt-contract error is the client's bug and is answered at once.
      const completion = answerOf(b, p);
      const stop = b.keepAlive ? startKeepAlive(p) : undefined;
      await wait(delayMs);
      stop?.();
      if (!p.res.destroyed) sendCompletion(p, completion);
      return;
    }
    await wait(delayMs);
    if (p.res.destroyed) return;
    // resetAndDestroy sends a TCP RST, so the client sees ECONNRESET rather than a clean close.
    if (b.kind === 'reset') return void p.req.socket.resetAndDestroy();
    sendJson(p, b.status, b.body, b.headers);
  }

  function scriptRequest(body: ChatRequestBody, req: IncomingMessage): ScriptRequest {
    const paper = findAbstract(body) ?? '';
    const attempt = (state.attempts.get(paper) ?? 0) + 1;
    state.attempts.set(paper, attempt);
    return { body, headers: req.headers, paper, attempt, call: ++state.calls, mode: requestMode(body) };
  }

  async function chat(x: Exchange, req: IncomingMessage): Promise<void> {
    if (x.record.inFlight > maxInFlight) {
      const ms = options.capRetryAfterMs ?? 100;
      return send(x, openAiError(429, `Too many concurrent requests (limit ${maxInFlight}).`, { type: 'requests', code: 'rate_limit_exceeded', headers: { 'retry-after-ms': String(ms) } }));
    }
    const p: Play = { ...x, req, sreq: scriptRequest(x.body, req) };
    try {
      const b = resolveStep(script, p.sreq);
      const latency = typeof options.latencyMs === 'function' ? options.latencyMs(p.sreq) : (options.latencyMs ?? 0);
      await perform(b, p, latency);
    } catch (err) {
      if (!(err instanceof PromptContractError) || x.res.headersSent) throw err;
      send(x, openAiError(400, `fake-llm: ${err.message} (client bug: the prompt contract is broken)`));
    }
  }

  function send(x: Exchange, b: Behaviour): void {
    if (b.kind === 'error') sendJson(x, b.status, b.body, b.headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RecordedLlmRequest = { method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://x').pathname, body: {}, headers: req.headers, at: performance.now(), inFlight: ++state.open, status: 0 };
    state.peak = Math.max(state.peak, state.open);
    state.requests.push(record);
    res.on('close', () => void (state.open -= 1));
    const text = await readBody(req);
    const parsed = record.method === 'POST' ? parseBody(text) : {};
    record.body = parsed ?? {};
    const x: Exchange = { res, body: record.body, record, n: ++state.served };
    const auth = req.headers.authorization;
    if (options.apiKey !== undefined && auth !== `Bearer ${options.apiKey}`) {
      const message = auth ? 'Incorrect API key provided.' : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.";
      return send(x, openAiError(401, message, { code: auth ? 'invalid_api_key' : null }));
    }
    if (record.method === 'GET' && record.path === '/v1/models') {
      const data = (options.models ?? ['fake-model']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake-llm' }));
      return sendJson(x, 200, { object: 'list', data });
    }
    if (record.method !== 'POST' || record.path !== '/v1/chat/completions') {
      return send(x, openAiError(404, `Unknown request URL: ${record.method} ${record.path}.`, { code: 'unknown_url' }));
    }
    if (parsed === null) return send(x, openAiError(400, 'We could not parse the JSON body of your request.'));
    return chat(x, req);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`fake-llm crashed: ${String(err)}`);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests: state.requests,
    get peakInFlight() {
      return state.peak;
    },
    get inFlight() {
      return state.open;
    },
    get calls() {
      return state.calls;
    },
    use: (step) => void (script = step),
    reset() {
      state.requests.length = 0;
      state.calls = 0;
      state.peak = state.open;
      state.attempts.clear();
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
