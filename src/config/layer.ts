/**
 * One configuration layer (config file, environment, command line), checked on its own before the layers merge,
 * so that an error names the layer and the name the user typed there, and relative paths are anchored where the
 * user wrote them: a config file's at the file's folder (as tsconfig, ESLint and docker-compose do — a cron job
 * starting elsewhere must find the same store), the environment's and the flags' at the working directory.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { parseStoreLocation } from '../store/index.js';
import { validateCategories } from '../taxonomy/index.js';
import { describeIssue } from './issues.js';
import { normalizeLanguage } from './language.js';
import { UserConfigSchema } from './schema.js';
import type { ConfigKey, UserConfig } from './schema.js';

export interface LayerSource {
  /** Where the layer came from, for messages: `config file /x/pd.json`, `environment`, `command line`. */
  where: string;
  /** The folder this layer's relative paths are relative to. */
  base: string;
  /** The name the user typed for a key here: the key itself, an environment variable, a flag. */
  nameOf(key: ConfigKey): string;
  /** Nested names are spelled out (`prices.input`, `announceTypes[1]`): true for the file, whose keys nest. */
  nested: boolean;
}

/** Validate one layer and return its values with categories and language canonical and paths absolute. */
export function loadLayer(input: Record<string, unknown>, source: LayerSource): UserConfig {
  const result = UserConfigSchema.safeParse(input);
  if (!result.success) {
    // A misspelt key also leaves the real one missing: the spelling is the issue to name.
    const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0];
    const text = issue ? describeIssue(issue, nameAt(source, issue.path), valueAt(input, issue.path), keysAt(issue.path)) : 'invalid configuration';
    throw new ConfigError(`${source.where}: ${text}`);
  }
  const c = definedOnly(result.data) as UserConfig;
  const named = <T>(key: ConfigKey, check: () => T): T => withName(source, key, check);
  return {
    ...c,
    ...(c.categories && c.categories.length > 0 && { categories: named('categories', () => validateCategories(c.categories ?? [])) }),
    ...(c.language !== undefined && { language: named('language', () => normalizeLanguage(c.language ?? '')) }),
    ...(c.out !== undefined && { out: resolvePath(source.base, c.out) }),
    ...(c.profile !== undefined && { profile: resolvePath(source.base, c.profile) }),
    ...(c.db !== undefined && { db: named('db', () => resolveDb(c.db ?? '', source.base)) }),
  };
}

/** A check's ConfigError again, prefixed with the layer and the name the value came under. */
function withName<T>(source: LayerSource, key: ConfigKey, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`${source.where}: ${source.nameOf(key)}: ${err.detail}`);
    throw err;
  }
}

function nameAt(source: LayerSource, at: readonly PropertyKey[]): string {
  const [key, ...rest] = at;
  const name = source.nameOf(String(key) as ConfigKey);
  if (rest.length === 0) return name;
  if (!source.nested) return `an item of ${name}`;
  return name + rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** The keys the schema allows in the object at `at` (the top level: every config key). */
function keysAt(at: readonly PropertyKey[]): string[] {
  let schema: unknown = UserConfigSchema;
  for (const p of at) schema = shapeOf(schema)?.[String(p)];
  return Object.keys(shapeOf(schema) ?? {}).filter((k) => k !== '$schema');
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as unknown) : schema;
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, unknown>) : undefined;
}

function valueAt(input: unknown, at: readonly PropertyKey[]): unknown {
  return at.reduce<unknown>((v, p) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined), input);
}

/** `~/…` is the home folder (no shell expands it in a file or a quoted value); anything else relative to `base`. */
function resolvePath(base: string, p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : path.resolve(base, p);
}

/** A relative SQLite path is relative to `base`; `:memory:`, URLs and other drivers pass through. */
function resolveDb(db: string, base: string): string {
  const { driver, target } = parseStoreLocation(db);
  return driver === 'sqlite' && target !== ':memory:' ? path.resolve(base, target) : db;
}

export function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
