/**
 * The LLM summarizer: any OpenAI-compatible chat-completions endpoint behind the Summarizer interface.
 * Per paper: sanitise and mask math → prompt with the abstract as delimited data → call (fault policy in
 * call.ts) → extract → check (check.ts) → re-ask with the specific problems at most `reasks` times → restore
 * math. A paper it cannot do throws (the stage gives it the marked built-in fallback); quota, auth, a spent
 * budget and an unreachable endpoint (breaker.ts) throw SummarizerStoppedError (the stage stops calling and
 * falls back for the rest).
 */
import { isEnglish } from '../../config/language.js';
import { SummarizerStoppedError } from '../../errors.js';
import type { LlmRunStats, Paper, Summary, SummaryResult } from '../../types.js';
import { SUMMARY_FIELDS } from '../../types.js';
import type { SummarizeOptions, Summarizer } from '../types.js';
import { budgetKind, budgetSpent, costOf, createReservations, spentText } from './budget.js';
import type { BudgetOptions } from './budget.js';
import { createBreaker } from './breaker.js';
import { callModel } from './call.js';
import type { CallPolicy } from './call.js';
import { checkSummary } from './check.js';
import { createChatClient } from './client.js';
import type { ChatMessage } from './client.js';
import { extractAnswer } from './extract.js';
import { createLimiter } from './limiter.js';
import { maskReadable, restoreMath, sanitizeInput } from './mask.js';
import { createCapabilityMemory } from './modes.js';
import { redactUrl } from './redact-url.js';
import { PROMPT_VERSION, buildMessages, newBoundary, reaskMessages } from './prompt.js';
import type { AnswerProblem, OutputMode } from './types.js';

export interface LlmSummarizerOptions extends BudgetOptions {
  /** Including `/v1`. */
  baseUrl: string;
  /** From OPENAI_API_KEY only; never stored or printed. */
  apiKey?: string;
  model: string;
  /** Ceiling of requests in flight. @default 8 */
  concurrency?: number;
  /** Per request. @default 120000 */
  timeoutMs?: number;
  /** Re-asks after an answer fails the checks. @default 2 */
  reasks?: number;
  policy?: Partial<CallPolicy>;
  /** Force an output mode instead of starting at json_schema. */
  outputMode?: OutputMode;
  /** Where learned endpoint capabilities are kept; null = this process only. */
  capabilitiesFile?: string | null;
  userAgent?: string;
  /** One-line notices during the run (a long wait for a rate limit); the CLI prints them on stderr. */
  notify?: (line: string) => void;
}

export interface LlmSummarizer extends Summarizer {
  stats(): LlmRunStats;
}

export const CHECKS_VERSION = 'c2';
/** Part of every LLM summary's cache key: changes with the prompt or the answer checks. */
export const LLM_VERSION = `${PROMPT_VERSION}+${CHECKS_VERSION}`;

export function createLlmSummarizer(options: LlmSummarizerOptions): LlmSummarizer {
  const ceiling = options.concurrency ?? 8;
  const client = createChatClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, timeoutMs: options.timeoutMs, connections: ceiling + 2, userAgent: options.userAgent });
  const limiter = createLimiter(ceiling);
  const memory = createCapabilityMemory(redactUrl(options.baseUrl), options.model, options.capabilitiesFile ?? null, options.outputMode);
  const policy: CallPolicy = { retries: 4, rateLimitRetries: 12, backoffBaseMs: 500, backoffMaxMs: 60_000, maxRetryAfterMs: 120_000, noticeAfterMs: 10_000, breakerCalls: 10, breakerMs: 30_000, ...options.policy };
  const counters = { calls: 0, retries: 0, reasks: 0, faults: {} as Record<string, number>, promptTokens: 0, completionTokens: 0 };
  let stopped: string | null = null;
  /** Why no more requests may be sent: a stop (quota, auth) or a spent budget; checked before every request. */
  const reservations = createReservations();
  const stopReason = () => (stopped ??= budgetSpent(counters, options));
  const budgetBlocked = () => budgetSpent(counters, options, reservations.inFlight) !== null;
  function checkBudget(): void {
    const reason = stopReason();
    if (reason) throw new SummarizerStoppedError(reason);
  }
  const onStop = (reason: string) => void (stopped ??= reason);
  const breaker = createBreaker(policy);
  const deps = { client, limiter, memory, model: options.model, policy, forcedMode: options.outputMode, breaker, counters, reservations, budgetBlocked, onStop, stopped: stopReason, notify: options.notify, announced: { until: 0 } };

  async function summarize(paper: Paper, { language, signal, beforeRequest }: SummarizeOptions): Promise<SummaryResult> {
    checkBudget();
    const prepared = prepare(paper);
    const base = buildMessages({ title: prepared.title, abstract: prepared.abstract, language }, newBoundary(`${prepared.title}\n${prepared.abstract}`));
    const usage = { promptTokens: 0, completionTokens: 0, calls: 0 };
    let messages: ChatMessage[] = base;
    let maxTokens = isEnglish(language) ? 1000 : 1600;
    const reasks = options.reasks ?? 2;
    for (let round = 0; ; round++) {
      const answer = await callModel(deps, messages, maxTokens, signal, beforeRequest);
      usage.promptTokens += answer.usage?.promptTokens ?? 0;
      usage.completionTokens += answer.usage?.completionTokens ?? 0;
      usage.calls++;
      const problems = evaluate(answer.content, answer.finishReason, prepared, language);
      if (problems.summary) return { summary: restore(problems.summary, prepared.table), meta: { summarizer: 'llm', model: options.model, language, status: 'ok', reason: null, usage } };
      if (round >= reasks) throw new Error(`the answer failed the checks ${round === 0 ? 'once' : `${round + 1} times`}: ${readerText(problems.list[0]?.message ?? 'unknown problem', prepared.table)}`);
      counters.reasks++;
      if (answer.finishReason === 'length') maxTokens = Math.round(maxTokens * 1.5);
      messages = [...base, ...reaskMessages(answer.content, problems.list, language)];
    }
  }

  return {
    name: 'llm',
    model: options.model,
    version: LLM_VERSION,
    capabilities: { languages: 'any', concurrent: true, limitsItself: true },
    summarize,
    // A budget stop says what was spent when it happened; once the requests then in flight are in, say it again.
    stopReason: () => {
      const kind = stopped === null ? null : budgetKind(stopped);
      return kind ? spentText(counters, options, kind) : stopped;
    },
    stats: () => runStats(options, memory.get().mode, counters, costOf(counters, options.prices), { ceiling, lowest: limiter.lowest }),
    close: () => client.close(),
  };
}

function runStats(
  options: LlmSummarizerOptions,
  mode: string,
  c: { calls: number; retries: number; reasks: number; faults: Record<string, number>; promptTokens: number; completionTokens: number },
  cost: number | null,
  concurrency: LlmRunStats['concurrency'],
): LlmRunStats {
  const { calls, retries, reasks, promptTokens, completionTokens } = c;
  return { baseUrl: redactUrl(options.baseUrl), model: options.model, mode, calls, retries, reasks, faults: { ...c.faults }, promptTokens, completionTokens, cost, concurrency };
}

interface Prepared {
  title: string;
  abstract: string;
  /** Title and abstract before masking: the checks read commands and numbers that sit inside math. */
  original: string;
  tokens: string[];
  table: Map<string, string>;
}

/**
 * Strip invisible and bidi characters, read text-mode LaTeX as its words (`\emph{new}` → new, `50\%` → 50%,
 * `\$5` → $5: the model must see them, and the summary carries them as plain text), and mask math in title and
 * abstract with one token table. Math is found in the source as written, by the renderers' rules, so an escaped
 * dollar is a price and never opens a formula.
 */
function prepare(paper: Paper): Prepared {
  const original = `${sanitizeInput(paper.title).replace(/\n/g, ' ')}\n${sanitizeInput(paper.abstract)}`;
  // No masked span crosses a line break, so the title is everything before the first one.
  const joined = maskReadable(original);
  const cut = joined.masked.indexOf('\n');
  return { title: joined.masked.slice(0, cut), abstract: joined.masked.slice(cut + 1), original, tokens: joined.tokens, table: joined.table };
}

function evaluate(content: string, finishReason: string | null, p: Prepared, language: string): { summary: Summary | null; list: AnswerProblem[] } {
  const extracted = extractAnswer(content, finishReason);
  if (!extracted.ok) return { summary: null, list: [extracted.problem] };
  const { summary, problems } = checkSummary(extracted.value, { title: p.title, abstract: p.abstract, original: p.original, language, mathTokens: p.tokens });
  return problems.length === 0 && summary ? { summary, list: [] } : { summary: null, list: problems };
}

/** A problem as the digest's readers see it (a fallback's reason): formulas as written, no token fragments. */
function readerText(message: string, table: Map<string, string>): string {
  return restoreMath(message, table).text.replace(/⟦M?\d*⟧?/g, '…');
}

function restore(summary: Summary, table: Map<string, string>): Summary {
  const out = { ...summary };
  for (const field of SUMMARY_FIELDS) out[field] = restoreMath(summary[field], table).text;
  return out;
}
