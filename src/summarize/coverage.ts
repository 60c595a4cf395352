/**
 * "Share of fields filled from a sentence of their own role" for the built-in summaries of a digest
 * (the run report's `roleCoverage`). Which roles are a field's own is the composer's decision: OWN_ROLES.
 */
import type { Digest, SummaryField } from '../types.js';
import { roleCoverage as coverageOf } from './builtin/compose.js';

export function roleCoverage(digest: Digest): Partial<Record<SummaryField, number>> | undefined {
  const metas = digest.sections
    .flatMap((s) => s.entries)
    .map((e) => e.summary?.meta)
    .filter((m) => m !== undefined && m.summarizer === 'builtin' && m.status !== 'failed' && m.sources !== undefined);
  return metas.length > 0 ? coverageOf(metas as NonNullable<(typeof metas)[number]>[]) : undefined;
}
