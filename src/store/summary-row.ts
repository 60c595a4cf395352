/** A summaries row as both drivers read it (summary and meta as JSON text), and its decoding. */
import type { StoredSummary } from './types.js';

export interface SummaryRow {
  key: string;
  paper_id: string;
  version: number;
  summary: string;
  meta: string;
  created_at: string;
}

export function summaryFromRow(r: SummaryRow): StoredSummary {
  return {
    key: r.key,
    paperId: r.paper_id,
    version: r.version,
    createdAt: r.created_at,
    summary: JSON.parse(r.summary) as StoredSummary['summary'],
    meta: JSON.parse(r.meta) as StoredSummary['meta'],
  };
}
