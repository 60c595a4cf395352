/**
 * Turning the resolved configuration into the optional pipeline steps of `run` and `send` (ranking against the
 * interest profile, the delivery channels), and checks of flag values and the output folder.
 */
import { constants, existsSync } from 'node:fs';
import { access, lstat, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/schema.js';
import type { DeliveryConfig } from '../deliver.js';
import { ConfigError, UsageError } from '../errors.js';
import type { RankDeps } from '../pipeline.js';
import { createOpenAiEmbedder } from '../rank/embeddings.js';
import { readProfile } from '../rank/profile.js';

/** Ranking, when `--rank` (or `rank: true`) is set: the profile must exist (a missing file is named as such) and hold something to rank by. */
export async function rankDeps(config: ResolvedConfig, flags: { top?: string; minScore?: string } = {}): Promise<RankDeps | undefined> {
  if (!config.rank) {
    // Said, not ignored: without a ranking there is no "For you" to size or filter.
    const unused = [flags.top !== undefined && '--top', flags.minScore !== undefined && '--min-score'].filter(Boolean);
    if (unused.length) process.stderr.write(`note: ${unused.join(' and ')} only ${unused.length > 1 ? 'apply' : 'applies'} with --rank (or config rank: true); ignored\n`);
    return undefined;
  }
  const profile = readProfile(config.profile);
  const empty = profile.library.length + profile.keywords.length + profile.authors.length === 0;
  if (empty) {
    throw new ConfigError(`--rank needs an interest profile: ${config.profile} has no library, keywords or authors; run \`preprint-digest profile import FILE\` or edit it`);
  }
  const embedder = config.embeddings ? createOpenAiEmbedder({ ...config.embeddings, apiKey: config.apiKey ?? undefined }) : null;
  // On stderr, so a run whose ranking had little to go on says so, not only its report.
  const onProblem = (message: string) => process.stderr.write(`rank: ${message}\n`);
  return { profile, top: config.top, embedder, onProblem };
}

export function deliveryConfig(config: ResolvedConfig): DeliveryConfig {
  const { secrets } = config;
  return {
    siteUrl: config.siteUrl,
    emailTo: config.emailTo,
    emailFrom: config.emailFrom,
    smtpUrl: secrets.smtpUrl,
    emailDetails: config.emailDetails,
    emailMaxPapers: config.emailMaxPapers,
    noAnnouncementEmail: config.noAnnouncementEmail,
    slackWebhook: secrets.slackWebhook,
    feishuWebhook: secrets.feishuWebhook,
    feishuSecret: secrets.feishuSecret,
    telegramToken: secrets.telegramToken,
    telegramChatId: config.telegramChatId,
    telegramApiUrl: config.telegramApiUrl,
    chatTop: config.chatTop,
    minScore: config.minScore,
  };
}

/** A whole-number flag in [min, max]: the number, `fallback` when absent, or a UsageError naming the flag. */
export function wholeNumber(text: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** A written file as the summary lines show it: relative under the working folder (`digest/…`), else absolute. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

/**
 * Input files named on the command line must be there: checked before any work, so every command says a missing
 * one the same way (the readers behind them word it each their own way, or quote Node's ENOENT).
 */
export function requireFiles(...files: (string | undefined)[]): void {
  const missing = files.find((f) => f !== undefined && f !== '-' && !existsSync(f));
  if (missing !== undefined) throw new UsageError(`no such file: ${missing}`);
}

/** arXiv's first announcements (hep-th) went out in August 1991: no day before that has anything to fetch. */
export const FIRST_ANNOUNCEMENT = '1991-08-01';

/**
 * A day flag (`--date`, `--from`): a calendar date `YYYY-MM-DD` within arXiv's announcements, `undefined` when
 * absent, or a UsageError naming the flag. The latest allowed is tomorrow in UTC: a day's announcement goes out
 * at 20:00 US Eastern the evening before, already that day in UTC, and one more day covers a clock running
 * behind. A later date could only end in minutes of retries against a feed that cannot have it.
 */
export function dayFlag(text: string | undefined, flag: string, now: Date = new Date()): string | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== text) throw new UsageError(`${flag} must be a date like 2026-01-30, got "${text}"`);
  if (text < FIRST_ANNOUNCEMENT) throw new UsageError(`${flag} ${text} is before arXiv's first announcement (August 1991)`);
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  if (text > tomorrow) throw new UsageError(`${flag} ${text} is in the future; arXiv has announced nothing for it yet`);
  return text;
}

/** Why a folder cannot hold output, by errno; other codes are unexpected and stay internal errors. */
const OUT_DIR_PROBLEMS: Record<string, string> = {
  EEXIST: 'a file is in the way',
  ENOTDIR: 'a file is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'a name in the path is too long',
  ELOOP: 'too many symbolic links (a loop?)',
};

/**
 * Create the output folder before any work, so a file in its place or a folder we may not write is a one-line
 * error naming it rather than an internal error after fetching and summarizing.
 */
export async function prepareOutDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (err) {
    const problem = await whyNot(dir, (err as NodeJS.ErrnoException).code ?? '');
    if (!problem) throw err;
    throw new UsageError(`cannot write the output to ${dir}: ${problem}; pick another folder with --out`);
  }
}

/**
 * The problem behind `code`, looked for on the path when the code hides it: Node's recursive mkdir says ENOENT
 * for a parent it may not create (read-only file system, no permission), and ENOENT, EEXIST or ENOTDIR for a
 * broken symbolic link on the way. For ENOENT the deepest folder that is there is tested for writing.
 */
async function whyNot(dir: string, code: string): Promise<string | undefined> {
  if (!['ENOENT', 'EEXIST', 'ENOTDIR'].includes(code)) return OUT_DIR_PROBLEMS[code];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const there = await lstat(at).catch(() => null);
    if (there?.isSymbolicLink() && !(await stat(at).catch(() => null))) return `${at} is a broken symbolic link`;
    if (there && code !== 'ENOENT') return OUT_DIR_PROBLEMS[code];
    if (there) return OUT_DIR_PROBLEMS[await access(at, constants.W_OK).then(() => '', (e: NodeJS.ErrnoException) => e.code ?? '')];
    if (path.dirname(at) === at) return undefined;
  }
}
