/** Classification metrics over sentence roles: accuracy, per-class P/R/F1, macro and support-weighted F1. */
import { SENTENCE_ROLES, type SentenceRole } from '../types.js';

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface RoleMetrics {
  accuracy: number;
  macro_f1: number;
  weighted_f1: number;
  per_class: Record<SentenceRole, ClassScores>;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Metrics for parallel arrays of gold and predicted labels (indices into SENTENCE_ROLES or role names). */
export function roleMetrics(gold: readonly SentenceRole[], pred: readonly SentenceRole[]): RoleMetrics {
  const L = SENTENCE_ROLES.length;
  const tp = new Array<number>(L).fill(0);
  const gc = new Array<number>(L).fill(0);
  const pc = new Array<number>(L).fill(0);
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = SENTENCE_ROLES.indexOf(gold[i]!);
    const p = SENTENCE_ROLES.indexOf(pred[i]!);
    gc[g]!++;
    pc[p]!++;
    if (g === p) {
      tp[g]!++;
      correct++;
    }
  }
  const per = {} as Record<SentenceRole, ClassScores>;
  let macro = 0;
  let weighted = 0;
  SENTENCE_ROLES.forEach((role, k) => {
    const precision = pc[k]! ? tp[k]! / pc[k]! : 0;
    const recall = gc[k]! ? tp[k]! / gc[k]! : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    per[role] = { precision: round(precision), recall: round(recall), f1: round(f1), support: gc[k]! };
    macro += f1 / L;
    weighted += (f1 * gc[k]!) / Math.max(1, gold.length);
  });
  return { accuracy: round(gold.length ? correct / gold.length : 0), macro_f1: round(macro), weighted_f1: round(weighted), per_class: per };
}
