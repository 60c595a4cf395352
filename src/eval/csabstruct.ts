/**
 * Reader for CSAbstruct-format JSONL: one abstract per line with `sentences`, `labels` and optional `confs`.
 * Shared by `evaluateRoles` and the training script so both reject the same malformed input the same way.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, UsageError } from '../errors.js';
import { SENTENCE_ROLES, type SentenceRole } from '../types.js';

export interface LabelledAbstract {
  sentences: string[];
  labels: SentenceRole[];
  /** Annotator agreement per sentence (0–1); 1 when the file gives none. */
  confs: number[];
}

const ROLE_SET: ReadonlySet<string> = new Set(SENTENCE_ROLES);

function fail(path: string, line: number, what: string): never {
  throw new ConfigError(`${path} line ${line}: ${what}`, { stage: 'eval' });
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** Check one parsed line and return it as a LabelledAbstract; throws ConfigError naming the line. */
function toAbstract(path: string, line: number, row: unknown): LabelledAbstract {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) fail(path, line, 'expected a JSON object');
  const r = row as Record<string, unknown>;
  if (!isStringArray(r.sentences) || r.sentences.length === 0) fail(path, line, '"sentences" must be a non-empty array of strings');
  if (!isStringArray(r.labels)) fail(path, line, '"labels" must be an array of strings');
  if (r.labels.length !== r.sentences.length) {
    fail(path, line, `${r.sentences.length} sentences but ${r.labels.length} labels`);
  }
  const labels = r.labels.map((l) => l.toLowerCase());
  const bad = labels.find((l) => !ROLE_SET.has(l));
  if (bad !== undefined) fail(path, line, `unknown label "${bad}" (expected one of ${SENTENCE_ROLES.join(', ')})`);
  let confs = r.sentences.map(() => 1);
  if (r.confs !== undefined) {
    const ok = Array.isArray(r.confs) && r.confs.length === r.sentences.length && r.confs.every((c) => typeof c === 'number');
    if (!ok) fail(path, line, '"confs" must be an array of numbers, one per sentence');
    confs = r.confs as number[];
  }
  return { sentences: r.sentences, labels: labels as SentenceRole[], confs };
}

/** Parse CSAbstruct JSONL text; blank lines are skipped. */
export function parseCsAbstruct(text: string, path = '<input>'): LabelledAbstract[] {
  const out: LabelledAbstract[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      fail(path, i + 1, 'not valid JSON');
    }
    out.push(toAbstract(path, i + 1, row));
  }
  if (out.length === 0) throw new ConfigError(`${path}: no abstracts in the file`, { stage: 'eval' });
  return out;
}

/** Read a CSAbstruct JSONL file; a missing file is a UsageError. */
export function readCsAbstruct(path: string): LabelledAbstract[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`, { stage: 'eval', cause: err });
  }
  return parseCsAbstruct(text, path);
}
