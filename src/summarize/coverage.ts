/**
 * "Share of fields filled from a sentence of their own role" for built-in summaries: how often the
 * Method field came from a sentence classified as method, and so on. Reported per field in the run report.
 */
import type { Digest, SentenceRole, SummaryField } from '../types.js';
import { SUMMARY_FIELDS } from '../types.js';

/** The roles that count as a field's own (CSAbstruct puts conclusions and future work under result/other). */
export const OWN_ROLES: Record<SummaryField, readonly SentenceRole[]> = {
  tldr: ['objective', 'method'],
  motivation: ['background', 'objective'],
  method: ['method'],
  result: ['result'],
  conclusion: ['other', 'result'],
};

/** Per field, the share (0–1, 3 decimals) of built-in summaries whose field came from an own-role sentence. */
export function roleCoverage(digest: Digest): Partial<Record<SummaryField, number>> | undefined {
  const metas = digest.sections
    .flatMap((s) => s.entries)
    .map((e) => e.summary?.meta)
    .filter((m) => m?.summarizer === 'builtin' && m.status !== 'failed' && m.sources);
  if (metas.length === 0) return undefined;
  const out: Partial<Record<SummaryField, number>> = {};
  for (const field of SUMMARY_FIELDS) {
    const own = metas.filter((m) => {
      const role = m?.sources?.[field];
      return role !== undefined && role !== 'none' && OWN_ROLES[field].includes(role);
    }).length;
    out[field] = Math.round((own / metas.length) * 1000) / 1000;
  }
  return out;
}
