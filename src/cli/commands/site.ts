/** `preprint-digest site --out DIR` (the reader over every stored day) and `serve DIR` (a local server for it). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { papers } from '../../channels/select.js';
import { dayAnnounceTypes } from '../../day-types.js';
import { MissingStoreError, UsageError } from '../../errors.js';
import { publishArchive, storedDayRanker } from '../../publish.js';
import { serveSite } from '../../site/index.js';
import { displayStoreLocation, openStore, parseStoreLocation } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { storedSummarizer } from '../../summarize/select.js';
import { configFromFlags, note, say, withExistingStore } from '../context.js';
import type { DayFlags } from '../context.js';
import { dayFlag, prepareOutDir, rankDeps, shownPath, wholeNumber } from '../options.js';

export interface SiteFlags extends DayFlags {
  from?: string;
  title?: string;
}

export async function siteCommand(flags: SiteFlags): Promise<void> {
  const config = configFromFlags(flags, true);
  const from = dayFlag(flags.from, '--from');
  const to = dayFlag(flags.date, '--date');
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --date ${to}; the range would hold no day`);
  // Shows stored summaries only: no endpoint, key, model or budget needed.
  const summarizer = await storedSummarizer(config, { anyModel: true });
  const out = flags.out ? config.out : path.join(config.out, 'site');
  // Ranked as `run --rank` ranks (config `rank`, or --rank), so a rebuilt reader keeps "For you".
  const ranking = await rankDeps(config, flags);
  await withExistingStore(config, async (store) => {
    await prepareOutDir(out);
    const problems = new Set<string>();
    const rank = ranking ? storedDayRanker(store, ranking, (p) => problems.add(p)) : undefined;
    const result = await publishArchive(store, out, {
      siteUrl: config.siteUrl,
      title: flags.title,
      feedDays: config.feedDays,
      announceTypes: dayAnnounceTypes(store, config),
      summarizer,
      language: config.language,
      from,
      to,
      rank,
    });
    for (const problem of problems) note(`rank: ${problem}`);
    const days = result.days.length;
    // A day built while its run is still summarizing shows "failed" papers: the line must not hide them.
    const missing = result.unsummarized > 0 ? ` (${result.unsummarized} without a stored summary)` : '';
    say(`site: ${days} day${days === 1 ? '' : 's'}, ${papers(result.papers)}${missing} → ${shownPath(path.join(out, 'index.html'))}${config.siteUrl ? ' (with feeds)' : ''}`);
  });
}

export interface ServeFlags {
  port?: string;
  host?: string;
  db?: string;
  config?: string;
  archiveSearch?: boolean;
}

/**
 * The store behind `/api/search`: the configured database when it exists (a PostgreSQL URL, or a SQLite file
 * already there — serving never creates an empty database), unless `--no-archive-search`. A `--db` given on the
 * command line must exist: quietly serving without archive search would hide a mistyped path.
 */
async function archiveStore(flags: ServeFlags): Promise<Store | null> {
  if (flags.archiveSearch === false) return null;
  const config = configFromFlags(flags, true);
  const { driver, target } = parseStoreLocation(config.db);
  const refuse = () => new UsageError(`no database at ${displayStoreLocation(target)}; serve reads an existing store (give the one \`run\` or \`site\` use, or drop --db)`);
  const missing = driver === 'sqlite' && (target === ':memory:' || !existsSync(target));
  if (missing && flags.db !== undefined) throw refuse();
  if (missing) return null;
  // As an existing store: an empty file stays empty, and a folder it cannot write still lets it be read.
  const store = await openStore(config.db, { existing: true }).catch((err: unknown) => {
    if (!(err instanceof MissingStoreError)) throw err;
    if (flags.db !== undefined) throw refuse();
    return null;
  });
  if (!store) return null;
  if (store.search) return store;
  await store.close();
  return null;
}

/**
 * The folder to serve: DIR itself when it holds a site; a digest folder (`run --out DIR`) holds its reader in
 * DIR/site, served instead; a digest folder without one gets the `site` command that builds it there.
 */
function siteRoot(dir: string): string {
  const root = path.resolve(dir);
  if (existsSync(path.join(root, 'index.html'))) return root;
  const inner = path.join(root, 'site');
  if (existsSync(path.join(inner, 'index.html'))) return inner;
  if (existsSync(path.join(root, 'run-report.json'))) {
    throw new UsageError(`${dir} is a digest folder without a reader; build it with \`preprint-digest site --out ${path.join(dir, 'site')}\``);
  }
  return root;
}

export async function serveCommand(dir: string | undefined, flags: ServeFlags): Promise<void> {
  // Without DIR: the reader `site` writes by default, <out>/site with `out` resolved as `site` resolves it
  // (config file, PREPRINT_DIGEST_OUT), so the hint names the command that fills this very folder.
  const root = dir === undefined ? path.join(configFromFlags(flags, true).out, 'site') : siteRoot(dir);
  if (dir === undefined && !existsSync(path.join(root, 'index.html'))) {
    throw new UsageError(`no reader in ${root} yet; build it with \`preprint-digest site${flags.config ? ` --config ${flags.config}` : ''}\``);
  }
  const port = wholeNumber(flags.port, '--port', 8765, 0, 65535);
  const store = await archiveStore(flags);
  try {
    const search = store?.search?.bind(store);
    const server = await serveSite(root, { port, host: flags.host, search });
    say(`serving ${root} at ${server.url} (Ctrl+C to stop)${store ? `; archive search over ${papers(await store.countPapers())} in the store` : ''}`);
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } finally {
    await store?.close();
  }
}
