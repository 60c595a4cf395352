/**
 * The interest profile: a JSON file the reader edits (or builds with `profile import`): weighted keywords and
 * phrases, negative keywords, followed authors, a library of liked papers and optional "not interested" papers.
 * Default location `<user config dir>/preprint-digest/profile.json`.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

const Weight = z.number().positive().max(100).default(1);
// Matching is by word stems: a term of punctuation alone ("!!!") would silently match nothing.
const Term = z.string().trim().min(1).refine((t) => /[\p{L}\p{N}]/u.test(t), { message: 'a keyword needs a letter or digit to match (it is matched by words)' });
// A bare string is shorthand for weight 1 (read as an object, so a bad term's message says what is wrong).
const KeywordSchema = z.preprocess((v) => (typeof v === 'string' ? { term: v } : v), z.object({ term: Term, weight: Weight }).strict());
const AuthorSchema = z.union([
  z.string().trim().min(1).transform((name) => ({ name, weight: 1 })),
  z.object({ name: z.string().trim().min(1), weight: Weight }).strict(),
]);

const LibraryItemSchema = z
  .object({
    id: z.string().trim().min(1).optional().describe('Versionless arXiv id, when the paper is on arXiv.'),
    title: z.string().optional(),
    abstract: z.string().optional(),
    authors: z.array(z.string()).optional(),
    doi: z.string().optional(),
    source: z.string().optional().describe('Where the item came from, e.g. "bibtex:refs.bib".'),
    addedAt: z.string().optional(),
  })
  .strict()
  .refine((x) => x.id !== undefined || (x.title ?? '').trim() !== '', { message: 'a library item needs an id or a title' });

export const ProfileSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).default(1),
    keywords: z.array(KeywordSchema).default([]).describe('Words or phrases (stems match: "diffusion models" ~ "diffusion model").'),
    negativeKeywords: z.array(KeywordSchema).default([]).describe('Each match halves the score per unit of weight.'),
    authors: z.array(AuthorSchema).default([]).describe('Followed authors: "Ada Lovelace" or "A. Lovelace".'),
    library: z.array(LibraryItemSchema).default([]).describe('Papers the reader likes.'),
    notInterested: z.array(LibraryItemSchema).default([]).describe('Papers the reader does not want more of.'),
  })
  .strict();

export type Profile = z.output<typeof ProfileSchema>;
export type LibraryItem = Profile['library'][number];
export type WeightedTerm = Profile['keywords'][number];
export type FollowedAuthor = Profile['authors'][number];

export function emptyProfile(): Profile {
  return { version: 1, keywords: [], negativeKeywords: [], authors: [], library: [], notInterested: [] };
}

/** `<user config dir>/preprint-digest/profile.json` (on Linux under `XDG_CONFIG_HOME`). */
export function defaultProfilePath(): string {
  return path.join(envPaths('preprint-digest', { suffix: '' }).config, 'profile.json');
}

/** Validate a parsed profile object; `where` names the file in messages. */
export function parseProfile(value: unknown, where = 'profile'): Profile {
  const parsed = ProfileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  throw new ConfigError(`${where}: ${at}${issue?.message ?? 'invalid profile'}`);
}

/** Line (1-based) of a character offset (one scan: for many offsets of one text use {@link lineIndex}). */
export function lineOf(text: string, offset: number): number {
  return lineIndex(text)(offset);
}

/**
 * Line (1-based) of any offset in `text`: the newlines are found once, then each lookup is a binary search.
 * Parsers name the line of every entry; rescanning from the start each time made an 8,000-entry file quadratic.
 */
export function lineIndex(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    // Newlines before `offset`: the first index whose newline is at or after it.
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/** JSON.parse with the failing line in the message. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const offset = errorOffset(reason, text);
    const line = offset !== undefined ? lineOf(text, offset) : undefined;
    const clean = reason.replace(/ in JSON at position \d+.*$/, '').replace(EXCERPT, '');
    throw new ConfigError(`${where}${line !== undefined ? ` line ${line}` : ''}: not valid JSON (${clean})`, { cause: err });
  }
}

/**
 * Where V8's JSON.parse failed: "at position N", or for "Unexpected token" the quoted excerpt, which V8 cuts
 * 10 characters either side of the error ("..." marks a cut).
 */
// V8: `Unexpected token '}', ..."<excerpt>"... is not valid JSON`, the dots where the excerpt was cut.
const EXCERPT = /, (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/;

function errorOffset(reason: string, text: string): number | undefined {
  const pos = /at position (\d+)/.exec(reason)?.[1];
  if (pos !== undefined) return Number(pos);
  if (/Unexpected end of JSON input/.test(reason)) return text.length;
  const m = EXCERPT.exec(reason);
  if (!m) return undefined;
  const cut = m[1] !== undefined;
  const core = m[2] ?? '';
  const at = text.indexOf(core);
  if (at < 0) return undefined;
  const token = /^Unexpected token '(.)'/.exec(reason)?.[1];
  const within = token !== undefined ? core.indexOf(token, cut ? Math.min(10, core.length - 1) : 0) : -1;
  return at + (within >= 0 ? within : 0);
}

export interface ReadProfileOptions {
  /** A missing file gives an empty profile instead of an error (`profile import` creating one). */
  missingOk?: boolean;
}

/** Read and validate a profile file. */
export function readProfile(file: string, options: ReadProfileOptions = {}): Profile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (options.missingOk) return emptyProfile();
      throw new ConfigError(`no interest profile at ${file}; build one with "preprint-digest profile import FILE" or write it by hand`);
    }
    throw new ConfigError(`cannot read the profile ${file}: ${(err as Error).message}`, { cause: err });
  }
  // Editors on Windows save JSON with a byte order mark, which JSON.parse rejects.
  return parseProfile(parseJsonText(text.replace(/^\uFEFF/, ''), `profile ${file}`), `profile ${file}`);
}

/** Write the profile (pretty JSON), atomically: a crash never leaves half a file. */
export function writeProfile(file: string, profile: Profile): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(profile, null, 2)}\n`);
  renameSync(tmp, file);
}
