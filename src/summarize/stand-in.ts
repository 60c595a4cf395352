/**
 * Commands that only show stored summaries (`render`, `site`, `send`) name the summaries they want by the
 * current settings: summarizer, model, language. A day summarized with other settings (an LLM run rendered
 * later without the endpoint's variables, another model, another language) would then show nothing. Its stored
 * summaries stand in instead, each as it was written: its own meta says which summarizer, model and language.
 */
import type { Store, StoredSummary } from '../store/types.js';
import type { Paper } from '../types.js';

/** Best stored summary per paper id, among all summaries of these paper versions. */
export async function standIns(store: Store, papers: readonly Paper[], language: string): Promise<Map<string, StoredSummary>> {
  const best = new Map<string, StoredSummary>();
  if (papers.length === 0) return best;
  const all = await store.summariesOfPapers(papers.map((p) => ({ id: p.id, version: p.version })));
  for (const s of all) {
    const held = best.get(s.paperId);
    if (!held || rank(s, language) > rank(held, language) || (rank(s, language) === rank(held, language) && s.createdAt > held.createdAt)) {
      best.set(s.paperId, s);
    }
  }
  return best;
}

/** The language asked for first (its primary subtag next), then an ok summary over a marked fallback. */
function rank(s: StoredSummary, language: string): number {
  const lang = s.meta.language === language ? 4 : primary(s.meta.language) === primary(language) ? 2 : 0;
  return lang + (s.meta.status === 'ok' ? 1 : 0);
}

function primary(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}
