/**
 * Token and cost budgets of a run (--max-tokens-per-run, --max-cost with a price table). Checked before every
 * request, against counters updated as each answer arrives.
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

/** Cost so far from the price table, or null without one. */
export function costOf(counters: TokenCounters, prices?: BudgetOptions['prices']): number | null {
  return prices ? (counters.promptTokens * prices.input + counters.completionTokens * prices.output) / 1e6 : null;
}

/** Why the budget forbids another request, or null. */
export function budgetSpent(counters: TokenCounters, options: BudgetOptions): string | null {
  const tokens = counters.promptTokens + counters.completionTokens;
  if (options.maxTokensPerRun && tokens >= options.maxTokensPerRun) return `token budget spent (${tokens} of ${options.maxTokensPerRun} tokens)`;
  const spent = costOf(counters, options.prices);
  if (options.maxCost !== undefined && spent !== null && spent >= options.maxCost) return `cost budget spent (${spent.toFixed(4)} of ${options.maxCost})`;
  return null;
}
