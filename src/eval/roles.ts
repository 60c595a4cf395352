/**
 * `preprint-digest eval roles FILE.jsonl`: score the built-in sentence-role classifier on a file in
 * CSAbstruct's format (gold labels given per sentence; the classifier sees each abstract's sentences as split).
 */
import { classifySentences } from '../summarize/builtin/index.js';
import type { SentenceRole } from '../types.js';
import { readCsAbstruct } from './csabstruct.js';
import { roleMetrics, type RoleMetrics } from './metrics.js';

export interface RoleEvaluation extends RoleMetrics {
  sentences: number;
  abstracts: number;
}

/** Accuracy, macro/weighted F1 and per-class scores of the role model on a CSAbstruct JSONL file. */
export function evaluateRoles(path: string, modelPath?: string): RoleEvaluation {
  const data = readCsAbstruct(path);
  const gold: SentenceRole[] = [];
  const pred: SentenceRole[] = [];
  for (const a of data) {
    gold.push(...a.labels);
    pred.push(...classifySentences(a.sentences, modelPath));
  }
  return { ...roleMetrics(gold, pred), sentences: gold.length, abstracts: data.length };
}
