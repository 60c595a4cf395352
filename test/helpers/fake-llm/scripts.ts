/**
 * Script combinators. Each takes behaviours or other scripts and returns a script, so they nest:
 * `firstAttempts(byMode({ json_schema: scenarios.server503() }), 2)`.
 */
import type { Behaviour, RequestMode, Script, ScriptRequest, Step } from './types.js';

/** A well-behaved answer: the default answerer's content, finish_reason stop. */
export const ANSWER: Behaviour = { kind: 'answer' };

/** The behaviour a step gives for this request. */
export function resolveStep(step: Step, req: ScriptRequest): Behaviour {
  return typeof step === 'function' ? step(req) : step;
}

export function everyRequest(step: Step): Script {
  return (req) => resolveStep(step, req);
}

/** The first `n` attempts of every paper misbehave; later attempts answer well. */
export function firstAttempts(step: Step, n = 1): Script {
  return (req) => (req.attempt <= n ? resolveStep(step, req) : ANSWER);
}

/** Attempt k of every paper gets `steps[k-1]`; the last step repeats. */
export function byAttempt(steps: readonly Step[]): Script {
  if (steps.length === 0) throw new Error('byAttempt needs at least one step');
  return (req) => resolveStep(steps[Math.min(req.attempt, steps.length) - 1] ?? ANSWER, req);
}

/** Successive requests (in arrival order, counted by this script) get successive steps; the last repeats. */
export function sequence(steps: readonly Step[]): Script {
  if (steps.length === 0) throw new Error('sequence needs at least one step');
  let next = 0;
  return (req) => resolveStep(steps[Math.min(next++, steps.length - 1)] ?? ANSWER, req);
}

/** By `response_format.type` (`prompt` when absent); modes not listed answer well. */
export function byMode(steps: Partial<Record<RequestMode, Step>>): Script {
  return (req) => resolveStep(steps[req.mode] ?? ANSWER, req);
}

/** By the request's `model`; `fallback` (default: answer well) for models not listed. */
export function byModel(steps: Record<string, Step>, fallback: Step = ANSWER): Script {
  return (req) => resolveStep(steps[req.body.model ?? ''] ?? fallback, req);
}

/** 32-bit FNV-1a, then a murmur-style finaliser so nearby inputs spread out. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A share `p` of papers fail their first attempt with one of `steps`; later attempts answer well. Which
 * papers fail, and how, depends only on the paper (its abstract) and the seed, not on arrival order, so
 * runs at any concurrency see the same faults.
 */
export function fraction(p: number, steps: readonly Step[], seed = 1): Script {
  if (steps.length === 0) throw new Error('fraction needs at least one step');
  return (req) => {
    if (req.attempt > 1) return ANSWER;
    if (!fractionHits(p, req.paper, seed)) return ANSWER;
    const pick = hash32(`${req.paper}:${seed}:which`) % steps.length;
    return resolveStep(steps[pick] ?? ANSWER, req);
  };
}

/** Whether `fraction(p, …, seed)` makes this paper's first attempt fail (for tests and benchmarks). */
export function fractionHits(p: number, abstract: string, seed = 1): boolean {
  return hash32(`${seed}:${abstract}`) / 2 ** 32 < p;
}
