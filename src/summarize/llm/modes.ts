/**
 * What an endpoint accepts, learned from classified rejections and remembered per (base URL, model):
 * the output mode rung, the name of the token-limit parameter, whether a temperature may be sent.
 * Kept in a small JSON file so the next run starts on the right rung, for a week: an endpoint fixed or
 * upgraded since (a proxy that now passes `response_format`) gets the strongest mode again, at the cost of
 * one rejected request if nothing changed.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUTPUT_MODES } from './types.js';
import type { OutputMode } from './types.js';

export interface Capabilities {
  mode: OutputMode;
  tokenParam: 'max_tokens' | 'max_completion_tokens';
  temperature: boolean;
}

export interface CapabilityMemory {
  get(): Capabilities;
  /** The current mode was rejected: step to the next rung. Returns false when there is none. */
  stepDown(): boolean;
  useCompletionTokens(): void;
  dropTemperature(): void;
}

export const DEFAULT_CAPABILITIES: Capabilities = { mode: 'json_schema', tokenParam: 'max_tokens', temperature: true };
/** How long a learned step-down holds before the endpoint is probed afresh. */
export const CAPABILITIES_TTL_MS = 7 * 24 * 3600 * 1000;

/** One remembered endpoint: what it accepts and when that was last learned (ms since the epoch). */
type Remembered = Capabilities & { learnedAt?: number };

/**
 * @param file JSON file shared by all endpoints (null: remember for this process only).
 * @param forced a mode from configuration: wins over anything learned.
 */
export function createCapabilityMemory(baseUrl: string, model: string, file: string | null, forced?: OutputMode, now: () => number = Date.now): CapabilityMemory {
  const key = `${baseUrl.replace(/\/+$/, '')}|${model}`;
  let caps: Capabilities = { ...DEFAULT_CAPABILITIES, ...(file ? fresh(readAll(file)[key], now()) : undefined) };
  if (forced) caps.mode = forced;
  const save = () => {
    if (!file) return;
    const all = readAll(file);
    all[key] = { ...caps, learnedAt: now() };
    writeAll(file, all);
  };
  return {
    get: () => caps,
    stepDown() {
      const next = OUTPUT_MODES[OUTPUT_MODES.indexOf(caps.mode) + 1];
      if (!next || forced) return false;
      caps = { ...caps, mode: next };
      save();
      return true;
    },
    useCompletionTokens() {
      caps = { ...caps, tokenParam: 'max_completion_tokens' };
      save();
    },
    dropTemperature() {
      caps = { ...caps, temperature: false };
      save();
    },
  };
}

/** What was learned, unless it is older than the TTL (or undated, from before dates were kept). */
function fresh(entry: Remembered | undefined, at: number): Capabilities | undefined {
  if (!entry || typeof entry.learnedAt !== 'number' || at - entry.learnedAt > CAPABILITIES_TTL_MS) return undefined;
  const { mode, tokenParam, temperature } = entry;
  return { mode, tokenParam, temperature };
}

function readAll(file: string): Record<string, Remembered> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Remembered>;
    return typeof data === 'object' && data !== null ? data : {};
  } catch {
    return {}; // missing or unreadable: learn again
  }
}

function writeAll(file: string, data: Record<string, Remembered>): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(tmp, file);
  } catch {
    // Remembering is an optimisation; a read-only cache dir must not fail the run.
  }
}
