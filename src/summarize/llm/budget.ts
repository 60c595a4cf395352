/**
 * Token and cost budgets of a run (--max-tokens-per-run, --max-cost with a price table). Checked before every
 * request: what was spent stops the run; what was spent plus an estimate for each request still in flight
 * makes the request wait for those to finish. Without the estimates, the first wave of concurrent requests
 * all start on an empty count and overshoot the budget several times.
 */

export interface BudgetOptions {
  maxTokensPerRun?: number;
  maxCost?: number;
  /** Prices per million prompt (input) and completion (output) tokens. */
  prices?: { input: number; output: number };
}

export interface TokenCounters {
  promptTokens: number;
  completionTokens: number;
}

const NONE: TokenCounters = { promptTokens: 0, completionTokens: 0 };

/** Cost so far from the price table, or null without one. */
export function costOf(counters: TokenCounters, prices?: BudgetOptions['prices']): number | null {
  return prices ? (counters.promptTokens * prices.input + counters.completionTokens * prices.output) / 1e6 : null;
}

/**
 * Why the budget forbids another request, or null: what was spent (plus, given `inFlight`, what the requests
 * in flight may still spend) reaches it. The message gives what was spent.
 */
export function budgetSpent(spent: TokenCounters, options: BudgetOptions, inFlight: TokenCounters = NONE): string | null {
  const committed = { promptTokens: spent.promptTokens + inFlight.promptTokens, completionTokens: spent.completionTokens + inFlight.completionTokens };
  if (options.maxTokensPerRun && tokens(committed) >= options.maxTokensPerRun) return spentText(spent, options, 'tokens');
  const cost = costOf(committed, options.prices);
  if (options.maxCost !== undefined && cost !== null && cost >= options.maxCost) return spentText(spent, options, 'cost');
  return null;
}

/** Which budget stopped the run, from its message. */
export function budgetKind(reason: string): 'tokens' | 'cost' | null {
  return reason.startsWith('token budget spent') ? 'tokens' : reason.startsWith('cost budget spent') ? 'cost' : null;
}

export function spentText(spent: TokenCounters, options: BudgetOptions, kind: 'tokens' | 'cost'): string {
  if (kind === 'tokens') return `token budget spent (${tokens(spent)} of ${options.maxTokensPerRun} tokens)`;
  return `cost budget spent (${(costOf(spent, options.prices) ?? 0).toFixed(4)} of ${options.maxCost})`;
}

/** The estimates of the requests in flight, and a wait for the next of them to finish. */
export interface Reservations {
  readonly inFlight: TokenCounters;
  reserve(r: TokenCounters): void;
  release(r: TokenCounters): void;
  /** Resolves when a request in flight releases its estimate. */
  next(): Promise<void>;
}

export function createReservations(): Reservations {
  const inFlight = { promptTokens: 0, completionTokens: 0 };
  let waiting: (() => void)[] = [];
  return {
    inFlight,
    reserve(r) {
      inFlight.promptTokens += r.promptTokens;
      inFlight.completionTokens += r.completionTokens;
    },
    release(r) {
      inFlight.promptTokens -= r.promptTokens;
      inFlight.completionTokens -= r.completionTokens;
      const wake = waiting;
      waiting = [];
      for (const resolve of wake) resolve();
    },
    next: () => new Promise<void>((resolve) => waiting.push(resolve)),
  };
}

/** A request's share before its answer is in: its prompt at about 4 characters a token, and the whole answer limit. */
export function reservation(promptChars: number, maxTokens: number): TokenCounters {
  return { promptTokens: Math.ceil(promptChars / 4), completionTokens: maxTokens };
}

function tokens(c: TokenCounters): number {
  return c.promptTokens + c.completionTokens;
}
