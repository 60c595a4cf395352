/**
 * Credentials written into the base URL (`http://user:pass@host/v1`, `…/v1?api-key=…`) reach the endpoint
 * but no report, run record or cache file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { everyRequest, scenarios } from '../helpers/fake-llm.js';
import { closeRun, run } from './harness.js';

afterEach(closeRun);

describe('credentials in the LLM base URL', () => {
  it('are used for the requests and redacted in the run stats and the capability cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-creds-'));
    const capabilitiesFile = path.join(dir, 'llm-capabilities.json');
    // The fake's URL is only known once it runs: the harness passes it through `baseUrl` below.
    const { statuses, llm, fake } = await run(scenarios.jsonSchemaRejectedDeepSeek(), {
      papers: 2,
      options: { capabilitiesFile },
      baseUrl: (url) => url.replace('http://', 'http://user:s3cretpw@') + '?api-version=1&api-key=k3yk3yk3y',
    });
    expect(statuses).toEqual(['ok', 'ok']);
    expect(fake.requests.at(-1)?.path).toBe('/v1/chat/completions');
    expect(llm.baseUrl).toMatch(/^http:\/\/\*\*\*@127\.0\.0\.1:\d+\/v1\?api-version=1&api-key=\*\*\*$/);
    const cached = readFileSync(capabilitiesFile, 'utf8');
    expect(cached).toContain('json_object');
    expect(`${JSON.stringify(llm)}${cached}`).not.toMatch(/s3cretpw|k3yk3yk3y/);
  });

  it('are removed from an error text that echoes the URL requested', async () => {
    const echo = everyRequest((req) => ({ kind: 'error', status: 400, body: { error: { message: `bad request to ${req.headers.host}${String(req.headers['x-url'] ?? '')} key k3yk3yk3y user s3cretpw` } } }));
    const { results } = await run(echo, { papers: 1, baseUrl: (url) => url.replace('http://', 'http://user:s3cretpw@') + '?api-key=k3yk3yk3y' });
    expect(results[0]!.meta.reason).toMatch(/bad request/);
    expect(results[0]!.meta.reason).not.toMatch(/s3cretpw|k3yk3yk3y/);
  });
});
