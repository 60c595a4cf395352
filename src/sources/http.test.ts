import { describe, expect, it } from 'vitest';
import { SourceError } from '../errors.js';
import { parseRetryAfter, toolVersion, userAgent } from './_http.js';
import { createArxivClient } from './http.js';

describe('userAgent', () => {
  it('names the tool, its version and the contact', () => {
    expect(userAgent('1.2.3', 'me@example.org')).toBe(
      'preprint-digest/1.2.3 (+https://github.com/preprint-digest/preprint-digest; mailto:me@example.org)',
    );
  });

  it('leaves out the mailto part without a contact', () => {
    expect(userAgent('1.2.3')).toBe('preprint-digest/1.2.3 (+https://github.com/preprint-digest/preprint-digest)');
    expect(userAgent('1.2.3', '  ')).not.toContain('mailto');
  });

  it('takes the version from package.json by default', () => {
    expect(toolVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(createArxivClient().userAgent).toContain(`preprint-digest/${toolVersion()} `);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-29T12:00:00Z');
    expect(parseRetryAfter('300', now)).toBe(300_000);
    expect(parseRetryAfter('Thu, 29 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 29 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('createArxivClient with an injected fetch', () => {
  it('stops at a 403 and asks no arXiv host anything more in the run', async () => {
    const seen: string[] = [];
    const fetch = (async (url: string) => {
      seen.push(url);
      return new Response('denied', { status: 403 });
    }) as unknown as typeof globalThis.fetch;
    const client = createArxivClient({ fetch, minIntervalMs: 0, retries: 3 });
    await expect(client.get('https://export.arxiv.org/api/query?id_list=1')).rejects.toThrow(/HTTP 403.*not retrying/);
    const second = await client.get('https://export.arxiv.org/api/query?id_list=2').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(SourceError);
    expect((second as Error).message).toMatch(/denied access earlier in this run/);
    const other = await client.get('https://arxiv.org/list/cs.LG/new').catch((e: unknown) => e);
    expect((other as Error).message).toMatch(/export\.arxiv\.org denied access earlier in this run; asking arXiv nothing more/);
    expect(seen).toHaveLength(1);
    expect(client.stats()).toEqual({ total: 1, byHost: { 'export.arxiv.org': 1 }, retries: 0 });
  });

  it('does not retry other 4xx statuses and returns accepted ones', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return new Response('<feed/>', { status: calls === 1 ? 404 : 400 });
    }) as unknown as typeof globalThis.fetch;
    const client = createArxivClient({ fetch, minIntervalMs: 0 });
    await expect(client.get('https://arxiv.org/list/cs.XX/new')).rejects.toMatchObject({ code: 'E_FETCH', status: 404 });
    await expect(client.get('https://rss.arxiv.org/rss/x', { acceptStatus: [400] })).resolves.toMatchObject({ status: 400, body: '<feed/>' });
    expect(calls).toBe(2);
  });
});
