/** Shared set-up for ranking tests: the bundled sample day in a real SQLite file, and digests built from it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseProfile } from '../../src/rank/profile.js';
import type { Profile } from '../../src/rank/profile.js';
import { sampleFeedPath } from '../../src/paths.js';
import { readFeedFile } from '../../src/sources/index.js';
import sqliteStore from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import type { Digest, Paper } from '../../src/types.js';

let cached: Paper[] | null = null;

/** The 189 papers of the sample day (cs.LG 172, stat.ML 17). */
export async function samplePapers(): Promise<Paper[]> {
  cached ??= (await readFeedFile(sampleFeedPath())).items.map((i) => i.paper);
  return cached;
}

export interface TempStore {
  store: Store;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file in a temp dir, holding `papers`. */
export async function tempStore(papers: readonly Paper[]): Promise<TempStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-rank-'));
  const store = sqliteStore({ path: path.join(dir, 'digest.sqlite') });
  await store.upsertPapers(papers);
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A digest listing the papers under their primary category, in the given order. */
export function digestOf(papers: readonly Paper[], date = '2026-01-30'): Digest {
  const categories = [...new Set(papers.map((p) => p.primaryCategory))];
  const sections = categories.map((category) => ({
    category,
    entries: papers
      .filter((p) => p.primaryCategory === category)
      .map((paper) => ({ paper, announceType: 'new' as const, section: category, crossList: false, firstSeen: null, summary: null })),
  }));
  return { date, categories, sections, reconstructed: false };
}

/** A profile as the file would give it (shorthand strings allowed), validated by the real schema. */
export function profileWith(fields: Record<string, unknown>): Profile {
  return parseProfile(fields);
}

export const entriesOf = (d: Digest) => d.sections.flatMap((s) => s.entries);

/** Does the paper's text contain the word or phrase (case-insensitive, any punctuation between words)? */
export function mentions(paper: Paper, phrase: string): boolean {
  const words = phrase.toLowerCase().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`\\b${words.join('[^\\p{L}\\p{N}]+')}`, 'iu').test(`${paper.title}\n${paper.abstract}`);
}
