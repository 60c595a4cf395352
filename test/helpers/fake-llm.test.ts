import { NOT_STATED_EN } from './fake-llm/answer.js';
import { detect } from 'tinyld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_FIELDS } from '../../src/types.js';
import { ABSTRACT_EN, contentOf, post, promptBody, sampleAbstracts } from '../fake-llm/requests.js';
import { FAKE_LANGUAGES, faithfulSummary, firstAttempts, mathTokens, splitSentences, startFakeLlm } from './fake-llm.js';
import type { FakeLlm } from './fake-llm.js';

const numbers = (text: string) => text.replace(/⟦M\d+⟧/g, ' ').match(/\d+(?:\.\d+)?/g) ?? [];
const count = (text: string, token: string) => text.split(token).length - 1;

/** Whether every field is in `language`, judged by script for CJK and by tinyld otherwise. */
function inLanguage(text: string, language: string): boolean {
  const primary = language.split('-')[0];
  const plain = text.replace(/⟦M\d+⟧/g, '');
  if (primary === 'zh') return /\p{Script=Han}/u.test(plain) && !/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(plain);
  if (primary === 'ja') return /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(plain);
  if (primary === 'ko') return /\p{Script=Hangul}/u.test(plain);
  return detect(plain, { only: ['en', 'de', 'fr', 'es', 'pt', 'ru'] }) === primary;
}

describe('fake LLM: default answers', () => {
  let fake: FakeLlm;
  beforeAll(async () => void (fake = await startFakeLlm({ usage: true })));
  afterAll(() => fake.close());

  it.each(FAKE_LANGUAGES)('answers JSON with exactly the five fields in %s', async (language) => {
    const r = await post(fake, promptBody(ABSTRACT_EN, { language, mode: 'json_schema' }));
    expect(r.status).toBe(200);
    expect(r.json.choices[0].finish_reason).toBe('stop');
    const summary = JSON.parse(contentOf(r) ?? '') as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual([...SUMMARY_FIELDS].sort());
    for (const f of SUMMARY_FIELDS) {
      expect(typeof summary[f]).toBe('string');
      expect(inLanguage(String(summary[f]), language), `${f}: ${String(summary[f])}`).toBe(true);
    }
  });

  it('is faithful on every abstract of the sample day, in English and in templated languages', () => {
    const abstracts = sampleAbstracts();
    expect(abstracts.length).toBeGreaterThan(150);
    for (const abstract of abstracts) {
      const flat = abstract.replace(/\s+/g, ' ');
      for (const language of ['en', 'zh-CN', 'ja', 'de']) {
        const s = faithfulSummary({ abstract, language, title: '' });
        const all = Object.values(s).join(' ');
        for (const n of numbers(all)) expect(numbers(abstract), `${language}: ${n}`).toContain(n);
        // Every math token of the abstract is kept, none repeated beyond the abstract, none invented.
        for (const t of mathTokens(abstract)) expect(count(all, t)).toBeGreaterThanOrEqual(1);
        for (const t of mathTokens(all)) expect(count(all, t)).toBeLessThanOrEqual(count(abstract, t));
        if (language !== 'en') continue;
        // English: sentences of the abstract, or the "not stated" line where a field has nothing of its own.
        for (const sentence of Object.values(s).flatMap(splitSentences)) if (sentence !== NOT_STATED_EN) expect(flat).toContain(sentence);
        const said = Object.values(s).filter((v) => v !== NOT_STATED_EN);
        expect(new Set(said).size).toBe(said.length);
      }
    }
  });

  it('answers in prompt mode (no response_format) with plain JSON too', async () => {
    const r = await post(fake, promptBody(ABSTRACT_EN, { language: 'ko' }));
    expect(Object.keys(JSON.parse(contentOf(r) ?? ''))).toHaveLength(5);
  });

  it('answers 400 with an OpenAI error body when the abstract block is missing', async () => {
    const body = promptBody(ABSTRACT_EN);
    body.messages = [{ role: 'user', content: 'Summarize this: no markers here.' }];
    const r = await post(fake, body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
    expect(r.json.error.message).toMatch(/ABSTRACT/);
  });

  it('reports usage that grows with the prompt and the answer', async () => {
    const short = await post(fake, promptBody('We propose a method. It works well.'));
    const long = await post(fake, promptBody(ABSTRACT_EN));
    for (const r of [short, long]) {
      const u = r.json.usage;
      expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
      expect(u.completion_tokens).toBeGreaterThan(0);
    }
    expect(long.json.usage.prompt_tokens).toBeGreaterThan(short.json.usage.prompt_tokens);
    expect(long.json.usage.completion_tokens).toBeGreaterThan(short.json.usage.completion_tokens);
  });

  it('streams the same content as SSE chunks with a keep-alive comment and [DONE]', async () => {
    const plain = contentOf(await post(fake, promptBody(ABSTRACT_EN, { language: 'ja' })));
    const r = await post(fake, promptBody(ABSTRACT_EN, { language: 'ja', extra: { stream: true, stream_options: { include_usage: true } } }));
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(r.text).toMatch(/^: keep-alive\n\n/m);
    const lines = r.text.split('\n').filter((l) => l.startsWith('data: '));
    expect(lines.at(-1)).toBe('data: [DONE]');
    const chunks = lines.slice(0, -1).map((l) => JSON.parse(l.slice(6)));
    const streamed = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(streamed).toBe(plain);
    expect(chunks.filter((c) => c.choices[0]?.finish_reason).map((c) => c.choices[0].finish_reason)).toEqual(['stop']);
    expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
  });

  it('lists models', async () => {
    const res = await fetch(`${fake.url}/models`);
    expect(await res.json()).toMatchObject({ object: 'list', data: [{ id: 'fake-model', object: 'model' }] });
  });
});

describe('fake LLM: server behaviour', () => {
  it('rejects requests without the configured API key with 401', async () => {
    const fake = await startFakeLlm({ apiKey: 'sk-test' });
    try {
      const none = await post(fake, promptBody(ABSTRACT_EN));
      const wrong = await post(fake, promptBody(ABSTRACT_EN), { headers: { authorization: 'Bearer sk-other' } });
      const right = await post(fake, promptBody(ABSTRACT_EN), { headers: { authorization: 'Bearer sk-test' } });
      expect([none.status, wrong.status, right.status]).toEqual([401, 401, 200]);
      expect(none.json.error.type).toBe('invalid_request_error');
      expect(wrong.json.error.code).toBe('invalid_api_key');
      expect(fake.calls).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('measures requests in flight at arrival and their peak', async () => {
    const fake = await startFakeLlm({ latencyMs: 300 });
    try {
      await Promise.all(Array.from({ length: 5 }, (_, i) => post(fake, promptBody(`We study case ${i}. It works.`))));
      expect(fake.peakInFlight).toBe(5);
      expect(fake.requests.map((r) => r.inFlight).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(fake.inFlight).toBe(0);
      fake.reset();
      for (let i = 0; i < 3; i++) expect((await post(fake, promptBody(ABSTRACT_EN))).status).toBe(200);
      expect(fake.peakInFlight).toBe(1);
      expect(fake.requests.map((r) => r.inFlight)).toEqual([1, 1, 1]);
    } finally {
      await fake.close();
    }
  });

  it('answers 429 with retry-after-ms above maxInFlight, before the script', async () => {
    const fake = await startFakeLlm({ maxInFlight: 3, latencyMs: 400, capRetryAfterMs: 250 });
    try {
      const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => post(fake, promptBody(`We study case ${i}. It works.`))));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
      for (const r of replies.filter((x) => x.status === 429)) {
        expect(r.headers.get('retry-after-ms')).toBe('250');
        expect(r.json.error.code).toBe('rate_limit_exceeded');
      }
      // Rejections are immediate, so later arrivals may find fewer open: the peak is 4 to 6.
      expect(fake.peakInFlight).toBeGreaterThanOrEqual(4);
      for (const r of fake.requests) expect(r.status).toBe(r.inFlight > 3 ? 429 : 200);
      expect(fake.calls).toBe(3);
    } finally {
      await fake.close();
    }
  });

  it('waits latencyMs before answering, per request when given a function', async () => {
    const fake = await startFakeLlm({ latencyMs: (req) => (req.body.model === 'slow' ? 300 : 0) });
    try {
      const t0 = performance.now();
      await post(fake, promptBody(ABSTRACT_EN, { extra: { model: 'slow' } }));
      expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
      const order: string[] = [];
      await Promise.all([
        post(fake, promptBody(ABSTRACT_EN, { extra: { model: 'slow' } })).then(() => order.push('slow')),
        post(fake, promptBody(ABSTRACT_EN)).then(() => order.push('fast')),
      ]);
      expect(order).toEqual(['fast', 'slow']);
    } finally {
      await fake.close();
    }
  });

  it('records bodies, headers, arrival times and statuses; reset clears them but keeps the script', async () => {
    const fake = await startFakeLlm();
    try {
      fake.use({ kind: 'error', status: 503, body: 'busy' });
      await post(fake, promptBody(ABSTRACT_EN), { headers: { 'x-test': 'one' } });
      await post(fake, promptBody(ABSTRACT_EN));
      expect(fake.calls).toBe(2);
      const [a, b] = fake.requests;
      expect(a?.headers['x-test']).toBe('one');
      expect(a?.body.model).toBe('fake-model');
      expect(a?.status).toBe(503);
      expect((b?.at ?? 0) > (a?.at ?? 0)).toBe(true);
      fake.reset();
      expect([fake.calls, fake.requests.length, fake.peakInFlight]).toEqual([0, 0, 0]);
      expect((await post(fake, promptBody(ABSTRACT_EN))).status).toBe(503);
    } finally {
      await fake.close();
    }
  });

  it('uses the answer option for every answer without content of its own, and the script option until use()', async () => {
    const fake = await startFakeLlm({ answer: (body) => `model ${body.model ?? '?'} says hi`, script: firstAttempts({ kind: 'error', status: 500, body: 'x' }) });
    try {
      expect((await post(fake, promptBody(ABSTRACT_EN))).status).toBe(500);
      expect(contentOf(await post(fake, promptBody(ABSTRACT_EN)))).toBe('model fake-model says hi');
      fake.use({ kind: 'answer', finishReason: 'length' });
      expect(contentOf(await post(fake, promptBody(ABSTRACT_EN)))).toBe('model fake-model says hi');
    } finally {
      await fake.close();
    }
  });

  it('answers 400 to a body that is not JSON and 404 to unknown paths', async () => {
    const fake = await startFakeLlm();
    try {
      expect((await post(fake, '{not json')).json.error.message).toMatch(/parse the JSON body/);
      const res = await fetch(`${fake.url}/completions`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await fake.close();
    }
  });

  it('closes while a request hangs', async () => {
    const fake = await startFakeLlm();
    fake.use({ kind: 'hang' });
    const pending = post(fake, promptBody(ABSTRACT_EN)).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.inFlight).toBe(1);
    await fake.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
