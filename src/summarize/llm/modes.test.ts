import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES_TTL_MS, DEFAULT_CAPABILITIES, createCapabilityMemory } from './modes.js';

const URL = 'http://127.0.0.1:9/v1';
const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'pd-caps-')), 'llm-capabilities.json');

describe('capability memory', () => {
  it('remembers a step-down for later runs against the same endpoint and model', () => {
    const f = file();
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const first = createCapabilityMemory(URL, 'm', f, undefined, () => t0);
    expect(first.stepDown()).toBe(true);
    expect(createCapabilityMemory(URL, 'm', f, undefined, () => t0 + 3600_000).get().mode).toBe('json_object');
    expect(createCapabilityMemory(URL, 'other', f, undefined, () => t0).get()).toEqual(DEFAULT_CAPABILITIES);
    expect(JSON.parse(readFileSync(f, 'utf8'))[`${URL}|m`]).toMatchObject({ mode: 'json_object', learnedAt: t0 });
  });

  it('forgets it after a week, so a fixed endpoint gets the strongest mode again', () => {
    const f = file();
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const first = createCapabilityMemory(URL, 'm', f, undefined, () => t0);
    first.stepDown();
    first.dropTemperature();
    const later = createCapabilityMemory(URL, 'm', f, undefined, () => t0 + CAPABILITIES_TTL_MS + 1);
    expect(later.get()).toEqual(DEFAULT_CAPABILITIES);
  });

  it('does not trust an entry without a date (written before dates were kept)', () => {
    const f = file();
    writeFileSync(f, JSON.stringify({ [`${URL}|m`]: { mode: 'prompt', tokenParam: 'max_tokens', temperature: true } }));
    expect(createCapabilityMemory(URL, 'm', f).get().mode).toBe('json_schema');
  });
});
