/**
 * What a backfill may be asked for — active categories (`cs.LG`, aliases allowed) or whole archives (`cs`,
 * `astro-ph`, `hep-th`) — and the OAI-PMH set that holds each (arxiv.md §6): `group:archive:SUBJ` for a
 * category (`cs:cs:LG`, `physics:astro-ph:CO`), `group:archive` for an archive (`cs:cs`, `physics:hep-th`).
 */
import { ConfigError } from '../errors.js';
import { archiveOf, isActiveCategory, isArchive, validateCategories } from '../taxonomy/index.js';

/** Archives of the physics group, whose OAI-PMH sets sit under `physics:`; every other archive is its own group. */
const PHYSICS_ARCHIVES = new Set([
  'astro-ph',
  'cond-mat',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math-ph',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'physics',
  'quant-ph',
]);

/** One thing to backfill: a canonical category or an archive. */
export interface BackfillTarget {
  kind: 'category' | 'archive';
  name: string;
}

/**
 * Read `--categories` for a backfill: archive names stay archives, everything else must be an active category
 * (aliases collapse to the canonical id). Duplicates go. @throws ConfigError naming the bad entry.
 */
export function parseTargets(names: readonly string[]): BackfillTarget[] {
  if (names.length === 0) throw new ConfigError('no categories given; pass e.g. --categories cs.LG,stat.ML (or an archive: cs)');
  const seen = new Set<string>();
  const out: BackfillTarget[] = [];
  for (const raw of names) {
    const name = raw.trim();
    // An archive that is also a category (hep-th, quant-ph) is harvested as that category's set: the same papers.
    const target: BackfillTarget =
      isArchive(name) && !isActiveCategory(name)
        ? { kind: 'archive', name }
        : { kind: 'category', name: validateCategories([name])[0] as string };
    if (seen.has(target.name)) continue;
    seen.add(target.name);
    out.push(target);
  }
  return out;
}

/** The OAI-PMH setSpec for a target: `cs.LG` → `cs:cs:LG`, `hep-th` → `physics:hep-th`, archive `cs` → `cs:cs`. */
export function oaiSet(target: BackfillTarget): string {
  const dot = target.name.indexOf('.');
  const archive = archiveOf(target.name);
  const group = PHYSICS_ARCHIVES.has(archive) ? 'physics' : archive;
  if (!isArchive(archive)) throw new ConfigError(`no OAI-PMH set is known for ${target.name}`);
  return dot < 0 ? `${group}:${archive}` : `${group}:${archive}:${target.name.slice(dot + 1)}`;
}
