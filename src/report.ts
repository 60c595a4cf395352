/**
 * The run recorder: times each stage, collects problems and counts, and produces the RunReport written to
 * `DIR/run-report.json` and kept in the store — also when a run stops early.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT_CODES } from './errors.js';
import type { Stage } from './errors.js';
import type { Store } from './store/types.js';
import type { Digest, Problem, RunReport } from './types.js';

export interface RunRecorder {
  readonly report: RunReport;
  /** Run `fn` as stage `stage`, adding its wall time to the report. */
  stage<T>(stage: Stage, fn: () => Promise<T>): Promise<T>;
  problems(list: readonly Problem[]): void;
  countDigest(digest: Digest): void;
  finish(exitCode: number, outcome: string): RunReport;
}

function emptyReport(command: string, categories: readonly string[]): RunReport {
  return {
    command,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    date: null,
    categories: [...categories],
    source: null,
    reconstructed: false,
    exitCode: 0,
    outcome: '',
    counts: {
      fetched: 0,
      listed: 0,
      byAnnounceType: {},
      bySection: {},
      byStatus: { ok: 0, fallback: 0, failed: 0 },
      reused: 0,
      summarized: 0,
      seenBefore: 0,
    },
    stages: {},
    requests: { total: 0, byHost: {}, retries: 0 },
    problems: [],
  };
}

export function createRunRecorder(command: string, categories: readonly string[]): RunRecorder {
  const report = emptyReport(command, categories);
  return {
    report,
    async stage(stage, fn) {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        report.stages[stage] = Math.round((report.stages[stage] ?? 0) + performance.now() - t0);
      }
    },
    problems(list) {
      report.problems.push(...list);
    },
    countDigest(digest) {
      const c = report.counts;
      c.listed = 0;
      c.byAnnounceType = {};
      c.bySection = {};
      c.seenBefore = 0;
      c.byStatus = { ok: 0, fallback: 0, failed: 0 };
      for (const section of digest.sections) {
        c.bySection[section.category] = section.entries.length;
        for (const e of section.entries) {
          c.listed++;
          c.byAnnounceType[e.announceType] = (c.byAnnounceType[e.announceType] ?? 0) + 1;
          if (e.firstSeen) c.seenBefore++;
          c.byStatus[e.summary?.meta.status ?? 'failed']++;
        }
      }
    },
    finish(exitCode, outcome) {
      report.exitCode = exitCode;
      report.outcome = outcome;
      report.finishedAt = new Date().toISOString();
      return report;
    },
  };
}

/** Write `run-report.json` into the output directory (atomically). */
export async function writeRunReport(report: RunReport, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, 'run-report.json');
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(report, null, 2)}\n`);
  await rename(tmp, file);
  return file;
}

/**
 * Finish the report and keep it: in the store (every run) and as `run-report.json` in `outDir` (when given).
 * A failure to keep it is a warning on stderr; it must never hide the run's own outcome.
 */
export async function finishRun(recorder: RunRecorder, store: Store, outDir: string | null, exitCode: number, outcome: string): Promise<RunReport> {
  const report = recorder.finish(exitCode, outcome);
  try {
    report.id = await store.saveRun(report);
  } catch (err) {
    process.stderr.write(`warning: could not keep the run report in the store: ${(err as Error).message}\n`);
  }
  if (outDir) await writeRunReport(report, outDir);
  return report;
}

/**
 * The categories a "no announcement" message names: the sources say them only in the message
 * ("no announcement for 2026-02-07 in cs.LG, stat.ML (weekend, …)"), and a feed file states them nowhere else.
 */
export function categoriesNamed(message: string): string[] {
  const said = /\bno announcement for \S+ in ([^()]+?) \(/.exec(message);
  const named = said?.[1]?.split(', ') ?? [];
  // "the requested categories" stands for none.
  return named.every((c) => /^[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$/.test(c)) ? named : [];
}

/**
 * The day (and categories) of a run that found no announcement. Releases before the report kept the date of
 * such a day stored `"date": null`, naming the day and categories only in the outcome, so that is read instead.
 */
export function noAnnouncementOf(run: RunReport): { date: string; categories: string[] } | null {
  if (run.exitCode !== EXIT_CODES.noAnnouncement) return null;
  const categories = run.categories.length > 0 ? run.categories : categoriesNamed(run.outcome);
  if (run.date) return { date: run.date, categories };
  const said = /\bno announcement for (\d{4}-\d{2}-\d{2})/.exec(run.outcome);
  return said?.[1] ? { date: said[1], categories } : null;
}
