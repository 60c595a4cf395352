/**
 * Error classes with a `code`. Stages throw these; the CLI has the one catch that maps them to exit codes.
 * Messages are one line, written for the user, prefixed with the stage: `[fetch] …`.
 */

export type ErrorCode =
  | 'E_USAGE' // bad flags or arguments
  | 'E_CONFIG' // bad config file, env value or category
  | 'E_NO_ANNOUNCEMENT' // the feed is empty: weekend, holiday, quiet category
  | 'E_FETCH' // network failure, timeout, HTTP error status
  | 'E_FEED_ERROR' // arXiv answered with an error feed ("Feed error for query", API Error entry)
  | 'E_PARSE' // truncated or malformed body
  | 'E_STALE' // the feed still serves an earlier batch
  | 'E_STORE' // database problems
  | 'E_SUMMARIZER_STOPPED' // auth, quota or budget: the run stopped calling the summarizer
  | 'E_RENDER'
  | 'E_DELIVERY' // email or chat delivery failed after the digest was written
  | 'E_INTERNAL';

export type Stage = 'config' | 'fetch' | 'store' | 'summarize' | 'rank' | 'render' | 'site' | 'deliver' | 'eval' | 'cli';

/** Exit codes are part of the CLI's interface (README, --help). */
export const EXIT_CODES = {
  ok: 0,
  internal: 1,
  usage: 2,
  noAnnouncement: 3,
  source: 4,
  summarizerStopped: 5,
  delivery: 6,
} as const;

export interface DigestErrorOptions {
  stage?: Stage;
  cause?: unknown;
}

export class DigestError extends Error {
  readonly code: ErrorCode;
  readonly stage: Stage | undefined;
  /** The message without its `[stage] ` prefix, for text that quotes the error inside a line of its own. */
  readonly detail: string;

  constructor(code: ErrorCode, message: string, options: DigestErrorOptions = {}) {
    super(options.stage ? `[${options.stage}] ${message}` : message, { cause: options.cause });
    this.name = 'DigestError';
    this.code = code;
    this.stage = options.stage;
    this.detail = message;
  }
}

export class UsageError extends DigestError {
  constructor(message: string, options: DigestErrorOptions = {}) {
    super('E_USAGE', message, options);
    this.name = 'UsageError';
  }
}

export class ConfigError extends DigestError {
  constructor(message: string, options: DigestErrorOptions = {}) {
    super('E_CONFIG', message, { stage: 'config', ...options });
    this.name = 'ConfigError';
  }
}

export class NoAnnouncementError extends DigestError {
  readonly date: string | null;
  constructor(message: string, date: string | null = null) {
    super('E_NO_ANNOUNCEMENT', message, { stage: 'fetch' });
    this.name = 'NoAnnouncementError';
    this.date = date;
  }
}

/** A source failure: fetch, HTTP status, error feed, malformed or truncated body, stale batch. */
export class SourceError extends DigestError {
  readonly url: string | undefined;
  readonly status: number | undefined;
  constructor(
    code: 'E_FETCH' | 'E_FEED_ERROR' | 'E_PARSE' | 'E_STALE',
    message: string,
    options: DigestErrorOptions & { url?: string; status?: number } = {},
  ) {
    super(code, message, { stage: 'fetch', ...options });
    this.name = 'SourceError';
    this.url = options.url;
    this.status = options.status;
  }
}

export class StoreError extends DigestError {
  constructor(message: string, options: DigestErrorOptions = {}) {
    super('E_STORE', message, { stage: 'store', ...options });
    this.name = 'StoreError';
  }
}

/** A store opened as existing (`{ existing: true }`) is not there: no SQLite file, no schema of ours in the database. */
export class MissingStoreError extends StoreError {
  constructor(message: string, options: DigestErrorOptions = {}) {
    super(message, options);
    this.name = 'MissingStoreError';
  }
}

/** The summarizer cannot go on (auth, quota, budget); remaining papers get marked fallbacks. */
export class SummarizerStoppedError extends DigestError {
  constructor(message: string, options: DigestErrorOptions = {}) {
    super('E_SUMMARIZER_STOPPED', message, { stage: 'summarize', ...options });
    this.name = 'SummarizerStoppedError';
  }
}

export function isDigestError(err: unknown): err is DigestError {
  return err instanceof DigestError;
}

/** Map any thrown value to the CLI exit code. */
export function exitCodeFor(err: unknown): number {
  if (!isDigestError(err)) return EXIT_CODES.internal;
  switch (err.code) {
    case 'E_USAGE':
    case 'E_CONFIG':
      return EXIT_CODES.usage;
    case 'E_NO_ANNOUNCEMENT':
      return EXIT_CODES.noAnnouncement;
    case 'E_FETCH':
    case 'E_FEED_ERROR':
    case 'E_PARSE':
    case 'E_STALE':
      return EXIT_CODES.source;
    case 'E_SUMMARIZER_STOPPED':
      return EXIT_CODES.summarizerStopped;
    case 'E_DELIVERY':
      return EXIT_CODES.delivery;
    default:
      return EXIT_CODES.internal;
  }
}
