/**
 * The PostgreSQL driver's writes: each batch method is one transaction on one pooled client, and each batch is a
 * few set-based statements (unnest of parallel arrays), never a statement per row. `postgres.ts` wraps these in
 * the Store interface with the input checks and error messages; the reads are in postgres-read.ts.
 */
import type pg from 'pg';
import { StoreError } from '../errors.js';
import type { Paper, RunReport } from '../types.js';
import { REINDEX, rebuildSearchDocs } from './postgres-search.js';
import { SQL } from './postgres-sql.js';
import { SEARCH_INDEX_STATE_KEY } from './types.js';
import type { DayNote, StoredDay, StoredEmbedding, StoredSummary } from './types.js';
import { mergeCategories, mergeDayNotes } from './validate.js';

type Client = pg.PoolClient;

/** Deadlock and serialization failure: the server rolled the transaction back and it can simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Run `fn` in one transaction on one client; rolled back on any error. Batches write rows in key order, so workers
 * writing overlapping batches rarely deadlock; when they do, the loser's transaction runs again (a few times).
 */
export async function transaction<T>(pool: pg.Pool, fn: (c: Client) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (attempt >= 4 || !RETRYABLE.has(String((err as { code?: unknown }).code))) throw err;
    } finally {
      client.release();
    }
  }
}

/**
 * Split `items` into rounds with distinct keys, keeping order: the n-th item of a key goes to round n. Running the
 * rounds one after another gives what one statement per item would (ON CONFLICT may touch a row once per statement).
 */
export function rounds<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const out: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    (out[n] ??= []).push(item);
  }
  // Key order inside a round (keys are distinct there, so the result is the same): concurrent batches then lock
  // rows in the same order, which avoids most deadlocks between workers.
  for (const round of out) round.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return out;
}

/** `index`: refresh the search entries of the papers written; otherwise mark the index stale. */
export async function upsertPapers(client: Client, papers: readonly Paper[], now: string, index: boolean): Promise<void> {
  if (papers.length === 0) return;
  for (const round of rounds(papers, (p) => `${p.id}\u0000${p.version}`)) {
    await client.query(SQL.upsertPapers, [...paperColumns(round), now]);
  }
  if (!index) {
    await client.query(SQL.setState, [SEARCH_INDEX_STATE_KEY, 'stale', now]);
    return;
  }
  const written = new Map<string, number>();
  for (const p of [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    written.set(p.id, Math.max(written.get(p.id) ?? 0, p.version));
  }
  for (const sql of REINDEX) await client.query(sql, [[...written.keys()], [...written.values()]]);
}

function paperColumns(papers: readonly Paper[]): unknown[][] {
  const col = <T>(f: (p: Paper) => T): T[] => papers.map(f);
  return [
    col((p) => p.id),
    col((p) => p.version),
    col((p) => noNul(p.title)),
    col((p) => JSON.stringify(p.authors.map(noNul))),
    col((p) => noNul(p.abstract)),
    col((p) => JSON.stringify(p.categories)),
    col((p) => p.primaryCategory),
    col((p) => p.primaryConfirmed),
    col((p) => noNulOrNull(p.comment)),
    col((p) => noNulOrNull(p.journalRef)),
    col((p) => p.doi),
    col((p) => p.license),
    col((p) => p.submitted),
    col((p) => p.updated),
  ];
}

// PostgreSQL text cannot hold U+0000, and one such character (seen in scraped metadata) would fail a whole
// import batch; it carries no meaning in a title or abstract, so it is dropped.
function noNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

function noNulOrNull(text: string | null): string | null {
  return text === null ? null : noNul(text);
}

export async function saveDay(client: Client, day: StoredDay, now: string): Promise<void> {
  const unstored = await client.query<{ id: string; version: number }>(SQL.firstUnstored, [
    day.listings.map((l) => l.id),
    day.listings.map((l) => l.version),
  ]);
  const missing = unstored.rows[0];
  if (missing) {
    throw new StoreError(`cannot list ${missing.id}v${missing.version} on ${day.date}: that version is not stored; save the paper first`);
  }
  await client.query(SQL.upsertDay, [day.date, mergeCategories([], day.categories), day.source, day.reconstructed, now]);
  if (day.incomplete || day.checked) {
    const stored = (await client.query<{ incomplete: string | null }>(SQL.dayNotes, [day.date])).rows[0]?.incomplete;
    const notes = mergeDayNotes(stored ? (JSON.parse(stored) as DayNote[]) : [], day);
    await client.query(SQL.setDayNotes, [day.date, notes.length > 0 ? JSON.stringify(notes) : null]);
  }
  const next = await client.query<{ p: number }>(SQL.nextPosition, [day.date]);
  const start = next.rows[0]?.p ?? 0;
  const positioned = day.listings.map((l, i) => ({ ...l, position: start + i }));
  for (const round of rounds(positioned, (l) => l.id)) {
    const cols = [round.map((l) => l.id), round.map((l) => l.version), round.map((l) => l.announceType), round.map((l) => l.position)];
    await client.query(SQL.upsertListings, [day.date, ...cols]);
  }
}

/** Returns the rows written; with `ifAbsent` the first of a key (stored or in the batch) wins. */
export async function saveSummaries(client: Client, summaries: readonly StoredSummary[], ifAbsent: boolean): Promise<number> {
  const batches = rounds(summaries, (s) => s.key);
  const todo = ifAbsent ? batches.slice(0, 1) : batches;
  let written = 0;
  for (const round of todo) {
    const cols = [
      round.map((s) => s.key),
      round.map((s) => s.paperId),
      round.map((s) => s.version),
      round.map((s) => JSON.stringify(s.summary)),
      round.map((s) => JSON.stringify(s.meta)),
      round.map((s) => s.createdAt),
    ];
    const res = await client.query(ifAbsent ? SQL.insertSummaries : SQL.upsertSummaries, cols);
    written += res.rowCount ?? 0;
  }
  return written;
}

export async function saveEmbeddings(client: Client, embeddings: readonly StoredEmbedding[], now: string): Promise<void> {
  for (const round of rounds(embeddings, (e) => `${e.paperId}\u0000${e.version}\u0000${e.model}`)) {
    const vectors = round.map((e) => Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength));
    const cols = [round.map((e) => e.paperId), round.map((e) => e.version), round.map((e) => e.model), round.map((e) => e.vector.length)];
    await client.query(SQL.upsertEmbeddings, [...cols, vectors, now]);
  }
}

export async function saveRun(client: Client, report: RunReport): Promise<number> {
  const { id, ...rest } = report;
  const values = [report.startedAt, report.finishedAt, report.command, report.date, report.exitCode, JSON.stringify(rest)];
  if (id === undefined) {
    const res = await client.query<{ id: number }>(SQL.insertRun, values);
    return res.rows[0]!.id;
  }
  const res = await client.query<{ id: number }>(SQL.upsertRun, [...values, id]);
  await client.query(SQL.bumpRunSequence);
  return res.rows[0]!.id;
}

export async function setState(client: Client | pg.Pool, key: string, value: string | null, now: string): Promise<void> {
  if (value === null) await client.query(SQL.deleteState, [key]);
  else await client.query(SQL.setState, [key, value, now]);
}

/**
 * Re-index every paper. The stale key is cleared only if no deferring store set it again after the rebuild began
 * (its papers may have missed the rebuild's snapshot): then the index stays marked stale.
 */
export async function rebuildSearchIndex(client: Client, started: string): Promise<void> {
  await rebuildSearchDocs(client);
  await client.query(SQL.clearStaleState, [SEARCH_INDEX_STATE_KEY, started]);
}
