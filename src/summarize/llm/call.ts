/**
 * One chat call with the whole fault policy (llm.md §4): transient faults (429, 5xx, timeouts, resets, blank
 * answers) retried with jittered exponential backoff honouring the server's delay and slowing the limiter; a rejected
 * output mode steps down the ladder; a rejected parameter is adjusted; quota/auth and a streak of requests
 * that never reached the endpoint (breaker.ts) stop the run; moderation
 * and other 4xx fail this paper only (the summarize stage gives it the marked fallback).
 */
import { SummarizerStoppedError } from '../../errors.js';
import type { Breaker, BreakerPolicy } from './breaker.js';
import { reservation } from './budget.js';
import type { Reservations } from './budget.js';
import type { ChatAnswer, ChatClient, ChatMessage, Usage } from './client.js';
import { LlmFault } from './faults.js';
import type { Limiter } from './limiter.js';
import type { CapabilityMemory } from './modes.js';
import { requestBody } from './prompt.js';
import type { OutputMode } from './types.js';

export interface CallPolicy extends BreakerPolicy {
  /** Retries per call after 5xx, timeouts and broken connections. @default 4 */
  retries: number;
  /** Retries per call after rate limiting (429): the endpoint is up, it asks us to wait. @default 12 */
  rateLimitRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A server asking for a longer wait than this gets this long. */
  maxRetryAfterMs: number;
  /** A wait at least this long is announced (once per episode), so a run that sits still says why. @default 10000 */
  noticeAfterMs: number;
}

export interface CallDeps {
  client: ChatClient;
  limiter: Limiter;
  memory: CapabilityMemory;
  model: string;
  policy: CallPolicy;
  /** The output mode configured (--output-mode), which is never stepped down from. */
  forcedMode?: OutputMode;
  /** Stops the run when the endpoint cannot be reached at all. */
  breaker: Breaker;
  /** Counters shared with the run report. */
  counters: { calls: number; retries: number; faults: Record<string, number>; promptTokens: number; completionTokens: number };
  /** Estimated tokens of the requests in flight. */
  reservations: Reservations;
  /** Spent plus the requests in flight reach the budget: wait for them before sending another. */
  budgetBlocked(): boolean;
  /** Called when the run must stop (quota, auth, unknown model). */
  onStop(reason: string): void;
  /** Why the run stopped, if it has: no request is sent after that, even by papers already waiting. */
  stopped(): string | null;
  /** One-line notices for the user (long waits). */
  notify?(line: string): void;
  /** Until when the wait last announced lasts (ms since the epoch): papers waiting with it are not announced again. */
  announced: { until: number };
}

/** One request while holding a limiter slot: the cluster-wide wait, the stop check, the call and its counting. */
async function requestInSlot(
  deps: CallDeps,
  body: ReturnType<typeof requestBody>,
  messages: ChatMessage[],
  maxTokens: number,
  signal: AbortSignal | undefined,
  beforeRequest: (() => Promise<void>) | undefined,
): Promise<ChatAnswer> {
  // Inside the slot: the wait for a cluster-wide rate limit is part of the request, not of the queue before it.
  await beforeRequest?.();
  for (;;) {
    const stopped = deps.stopped();
    if (stopped) throw new SummarizerStoppedError(stopped);
    if (!deps.budgetBlocked()) break;
    await deps.reservations.next();
  }
  deps.counters.calls++;
  const reserved = reservation(messages.reduce((n, m) => n + m.content.length, 0), maxTokens);
  deps.reservations.reserve(reserved);
  try {
    const answer = await deps.client.complete(body, signal);
    // Counted inside the slot, so the budget check of the next request already sees these tokens.
    answer.usage ??= estimateUsage(messages, answer.content);
    deps.counters.promptTokens += answer.usage.promptTokens;
    deps.counters.completionTokens += answer.usage.completionTokens;
    deps.breaker.reached();
    return answer;
  } catch (err) {
    if (!(err instanceof LlmFault)) throw err;
    // Record the stop before the slot is released, so no waiting paper sends another request.
    if (err.stopsRun) deps.onStop(err.message);
    const unreachable = deps.breaker.failed(err);
    if (unreachable === null) throw err;
    deps.counters.faults[err.kind] = (deps.counters.faults[err.kind] ?? 0) + 1;
    deps.onStop(unreachable);
    throw new SummarizerStoppedError(unreachable, { cause: err });
  } finally {
    deps.reservations.release(reserved);
  }
}

export async function callModel(
  deps: CallDeps,
  messages: ChatMessage[],
  maxTokens: number,
  signal?: AbortSignal,
  beforeRequest?: () => Promise<void>,
): Promise<ChatAnswer> {
  let transient = 0;
  let limited = 0;
  let adjustments = 0;
  for (;;) {
    const caps = deps.memory.get();
    const body = requestBody(deps.model, messages, caps, maxTokens);
    try {
      const answer = await deps.limiter.run(() => requestInSlot(deps, body, messages, maxTokens, signal, beforeRequest));
      if (answer.refusal) throw new Error(`the model refused: ${answer.refusal.slice(0, 200)}`);
      // Before the blank check: a filtered answer is often empty, and asking again gets the same filter.
      if (answer.finishReason === 'content_filter') throw new LlmFault('moderation', "the provider's content filter stopped the answer");
      // DeepSeek's JSON mode sometimes answers whitespace with finish_reason "stop": a glitch, ask again.
      if (answer.content.trim() === '' && answer.finishReason !== 'length') throw new LlmFault('server', 'the endpoint answered with blank content');
      deps.limiter.success();
      return answer;
    } catch (err) {
      if (!(err instanceof LlmFault)) throw err;
      deps.counters.faults[err.kind] = (deps.counters.faults[err.kind] ?? 0) + 1;
      if (err.stopsRun) {
        deps.onStop(err.message);
        throw new SummarizerStoppedError(err.message, { cause: err });
      }
      if (err.kind === 'format_unsupported' || err.kind === 'param_unsupported') {
        // Papers in flight meet the same rejection: only the first steps down, the others just retry.
        if (deps.memory.get() !== caps) continue;
        if (++adjustments > 4 || !adjust(deps.memory, err)) throw noFormLeft(deps, err);
        continue;
      }
      if (!err.transient) throw new Error(err.message, { cause: err });
      if (err.kind === 'rate_limit' || err.kind === 'timeout') deps.limiter.pushBack();
      const tries = err.kind === 'rate_limit' ? limited++ : transient++;
      const budget = err.kind === 'rate_limit' ? deps.policy.rateLimitRetries : deps.policy.retries;
      if (tries >= budget) throw new Error(`${err.message}; gave up after ${tries + 1} attempts`, { cause: err });
      deps.counters.retries++;
      const ms = backoff(deps.policy, Math.min(tries, 6), err.retryAfterMs);
      announceWait(deps, ms, err);
      await sleep(ms, signal);
    }
  }
}

/** Say once per episode why a long wait happens: papers in flight meet the same 429 at about the same time. */
function announceWait(deps: CallDeps, ms: number, err: LlmFault): void {
  const now = Date.now();
  if (ms < deps.policy.noticeAfterMs || now < deps.announced.until) return;
  deps.announced.until = now + ms;
  const capped = err.retryAfterMs !== undefined && err.retryAfterMs > deps.policy.maxRetryAfterMs;
  const asked = capped ? `; it asked for ${seconds(err.retryAfterMs!)}, ${seconds(deps.policy.maxRetryAfterMs)} is the longest wait allowed` : '';
  deps.notify?.(`summarize: waiting ${seconds(ms)} before the next request: ${err.message}${asked}`);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** Without a usage block, about 4 characters a token, so budgets still hold. */
function estimateUsage(messages: ChatMessage[], content: string): Usage {
  return { promptTokens: Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4), completionTokens: Math.ceil(content.length / 4) };
}

/**
 * Nothing left to try. A configured mode is the only one tried, and every paper would meet the same rejection:
 * that stops the run, naming the mode and the way out.
 */
function noFormLeft(deps: CallDeps, err: LlmFault): Error {
  if (err.kind !== 'format_unsupported' || !deps.forcedMode) return new Error(`the endpoint rejected every request form: ${err.message}`, { cause: err });
  const reason = `the endpoint rejected the output mode ${deps.forcedMode} set by --output-mode (${err.message}); use --output-mode auto to let it step down`;
  deps.onStop(reason);
  return new SummarizerStoppedError(reason, { cause: err });
}

/** Step down the output-mode ladder or drop/rename a parameter; false when nothing is left to change. */
function adjust(memory: CapabilityMemory, err: LlmFault): boolean {
  if (err.kind === 'format_unsupported') return memory.stepDown();
  const caps = memory.get();
  if (err.param === 'max_tokens' && caps.tokenParam === 'max_tokens') return memory.useCompletionTokens(), true;
  if (err.param === 'temperature' && caps.temperature) return memory.dropTemperature(), true;
  return false;
}

/** Exponential backoff with jitter (half fixed, half random); a delay the server asked for wins (capped). */
export function backoff(policy: CallPolicy, attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(policy.maxRetryAfterMs, retryAfterMs) + Math.random() * 50;
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** attempt);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });
}
