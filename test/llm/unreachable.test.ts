/**
 * An endpoint that cannot be reached (connection refused, hanging past the timeout) stops the run after a
 * streak of failed requests instead of costing every paper all its retries; a short outage does not.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { everyRequest, firstAttempts, scenarios } from '../helpers/fake-llm.js';
import { closeRun, run } from './harness.js';

afterEach(closeRun);

/** A port on 127.0.0.1 that nothing listens on: every connection is refused. */
async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

const policy = { backoffBaseMs: 10, backoffMaxMs: 50, breakerCalls: 10, breakerMs: 100 };

describe('an unreachable LLM endpoint', () => {
  it('stops the run after 10 refused requests in a row and marks every paper fallback with the reason', async () => {
    const { stats, statuses, results, llm } = await run(undefined, { papers: 30, options: { baseUrl: await deadUrl(), concurrency: 2, policy } });
    expect(stats.stopped).toMatch(/^the LLM endpoint is unreachable: \d+ requests in a row failed over \d+ s \(last: connection failed: .*ECONNREFUSED/);
    expect(statuses.every((s) => s === 'fallback')).toBe(true);
    expect(results.at(-1)!.meta.reason).toMatch(/^summarizer stopped: the LLM endpoint is unreachable/);
    // Without the breaker: 30 papers × 5 attempts = 150.
    expect(llm.calls).toBeLessThan(75);
  });

  it('stops a hanging endpoint after the streak of timeouts', async () => {
    const { stats, fake, statuses } = await run(everyRequest(scenarios.hang()), { papers: 20, options: { timeoutMs: 100, concurrency: 4, policy } });
    expect(stats.stopped).toMatch(/unreachable: .*no answer within/);
    expect(statuses.every((s) => s === 'fallback')).toBe(true);
    expect(fake.calls).toBeLessThan(30);
  });

  it('does not stop for a blip shorter than its time window, however many requests fail in it', async () => {
    // 8 papers in flight, each reset twice: 16 failures in a row within a few ms, then every paper succeeds.
    const { stats, statuses } = await run(firstAttempts(scenarios.reset(), 2), { papers: 8, options: { concurrency: 4, policy: { ...policy, breakerMs: 2000 } } });
    expect(stats.stopped).toBeNull();
    expect(statuses.every((s) => s === 'ok')).toBe(true);
  });

  it('is not opened by answers that reached the endpoint (400 moderation), however many', async () => {
    const { stats } = await run(everyRequest(scenarios.moderation()), { papers: 12, options: { concurrency: 2, policy: { ...policy, breakerMs: 0 } } });
    expect(stats.stopped).toBeNull();
  });
});
