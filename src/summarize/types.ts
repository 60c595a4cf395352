/**
 * The Summarizer interface. The built-in sentence-role summarizer implements it now; the LLM summarizer
 * (any OpenAI-compatible endpoint) plugs in beside it later.
 */
import type { LlmRunStats, Paper, SummaryResult } from '../types.js';

export interface SummarizeOptions {
  /** BCP-47 code of the language asked for. */
  language: string;
  signal?: AbortSignal;
  /**
   * Awaited before each request the summarizer sends for this paper — every HTTP call of an LLM summarizer,
   * retries and re-asks included — so a cluster-wide rate limit can count requests, not papers.
   */
  beforeRequest?: () => Promise<void>;
}

export interface SummarizerCapabilities {
  /** BCP-47 codes the summarizer can write, or 'any'. */
  languages: readonly string[] | 'any';
  /** Worth running several at once (network-bound); false for CPU-bound in-process summarizers. */
  concurrent: boolean;
  /** Caps its own requests in flight (adaptively), so the stage may keep more papers in progress. */
  limitsItself?: boolean;
}

export interface Summarizer {
  readonly name: 'builtin' | 'llm';
  /** Model id recorded in summary_meta. */
  readonly model: string;
  /** Changes whenever the output for the same input could change (model file, prompt); part of the cache key. */
  readonly version: string;
  readonly capabilities: SummarizerCapabilities;
  summarize(paper: Paper, options: SummarizeOptions): Promise<SummaryResult>;
  /**
   * The note (`meta.reason`) of an ok summary written for a request in `language`, e.g. that the built-in
   * summarizer wrote English instead. A stored summary serves every language it was written for, so one reused
   * gets the note of the request at hand, not of the run that wrote it.
   */
  languageNote?(language: string): string | null;
  /**
   * Why it stopped, as of now: a budget stop gives the final spend once the requests in flight at the stop have
   * finished. Null if it has not stopped.
   */
  stopReason?(): string | null;
  /** Calls, faults, tokens and cost so far (LLM summarizers), for the run report. */
  stats?(): LlmRunStats;
  close?(): Promise<void>;
}
