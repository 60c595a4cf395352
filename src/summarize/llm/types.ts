/**
 * Contracts of the LLM summarizer's parts: the prompt format (which the local fake endpoint in
 * test/helpers/fake-llm.ts reads too), the checks an answer must pass, and the options.
 */
import type { Summary, SummaryField } from '../../types.js';

/** Output mode ladder, strongest first; a rung is left only on a classified 400/422 about the response format. */
export const OUTPUT_MODES = ['json_schema', 'json_object', 'prompt'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/**
 * The prompt contract. The system message contains the line
 *   `Write every field in <English language name> (<BCP-47 code>).`
 * and the user message holds the abstract between per-request random markers:
 *   `<<<ABSTRACT-<12 hex>>>>` newline abstract newline `<<<END-ABSTRACT-<12 hex>>>>`
 * Math spans in the abstract are replaced by tokens `⟦M1⟧`, `⟦M2⟧` … that the model must copy verbatim.
 */
export const LANGUAGE_LINE_RE = /Write every field in (.+?) \(([A-Za-z0-9-]+)\)\./;
export const ABSTRACT_BLOCK_RE = /<<<(ABSTRACT-[0-9a-f]{12})>>>\n([\s\S]*?)\n<<<END-\1>>>/;
export const MATH_TOKEN_RE = /⟦M(\d+)⟧/g;

/**
 * One problem found in an answer. `message` says what is wrong in words a reader of the digest can take (it
 * becomes a fallback's reason); `fix` tells the model what to do and goes into the re-ask only.
 */
export interface AnswerProblem {
  code:
    | 'not_json' // no JSON object could be extracted or parsed
    | 'schema' // missing, non-string or empty fields (extra keys are dropped)
    | 'control_chars' // control characters (decoded \f, \b … from single-backslash LaTeX)
    | 'language' // a sentence not in the requested language
    | 'numbers' // a number not in the title or abstract
    | 'length' // a field too long or too short
    | 'refusal' // refusal, placeholder or boilerplate text
    | 'injection' // echoes instructions found in the abstract ("HACKED", "ignore previous instructions")
    | 'duplicate' // two fields (nearly) the same
    | 'math'; // math tokens dropped, duplicated or invented
  field?: SummaryField;
  message: string;
  fix: string;
}

export interface CheckContext {
  title: string;
  /** The abstract as sent (math masked). */
  abstract: string;
  /** BCP-47 code of the requested language. */
  language: string;
  /** Math tokens present in the masked abstract, e.g. ['⟦M1⟧', '⟦M2⟧']. */
  mathTokens: readonly string[];
}

export type { Summary, SummaryField };
