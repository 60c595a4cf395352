import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faithfulSummary, scenarios, startFakeLlm } from '../helpers/fake-llm.js';
import type { FakeLlm } from '../helpers/fake-llm.js';
import { ABSTRACT_EN, contentOf, post, promptBody } from './requests.js';
import type { PromptOptions, Reply } from './requests.js';

const FIVE = ['conclusion', 'method', 'motivation', 'result', 'tldr'];
const HAN = /\p{Script=Han}/u;
const faithful = (language = 'en') => faithfulSummary({ abstract: ABSTRACT_EN, language, title: '' });

let fake: FakeLlm;
const ask = (o: PromptOptions = {}) => post(fake, promptBody(ABSTRACT_EN, o));
const parsed = (r: Reply) => JSON.parse(contentOf(r) ?? '') as Record<string, string>;
const finish = (r: Reply) => r.json.choices[0].finish_reason as string;

async function expectError(r: Promise<Reply>, status: number, error: Record<string, unknown>): Promise<Reply> {
  const reply = await r;
  expect(reply.status).toBe(status);
  expect(reply.json.error).toMatchObject(error);
  expect(Object.keys(reply.json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  return reply;
}

/** One check per scenario; typed so that a scenario without a check does not compile. */
const checks: Record<keyof typeof scenarios, () => Promise<void>> = {
  async jsonSchemaRejectedDeepSeek() {
    fake.use(scenarios.jsonSchemaRejectedDeepSeek());
    await expectError(ask({ mode: 'json_schema' }), 400, { message: 'This response_format type is unavailable now', type: 'invalid_request_error' });
    expect((await ask({ mode: 'json_object' })).status).toBe(200);
  },
  async jsonSchemaRejectedOpenAI() {
    fake.use(scenarios.jsonSchemaRejectedOpenAI());
    const r = await expectError(ask({ mode: 'json_schema' }), 400, { param: 'response_format' });
    expect(r.json.error.message).toBe("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.");
    expect((await ask({ mode: 'json_object' })).status).toBe(200);
    fake.use(scenarios.jsonSchemaRejectedOpenAI({ alsoJsonObject: true }));
    expect((await ask({ mode: 'json_object' })).status).toBe(400);
    expect((await ask({ mode: 'prompt' })).status).toBe(200);
  },
  async mode422() {
    fake.use(scenarios.mode422());
    const r = await expectError(ask({ mode: 'json_schema' }), 422, {});
    expect(r.json.error.message).toMatch(/^Failed to deserialize the JSON body into the target type: response_format: `json_schema` is unavailable now/);
    expect((await ask({ mode: 'prompt' })).status).toBe(200);
  },
  async ignoresSchema() {
    fake.use(scenarios.ignoresSchema());
    const r = await ask({ mode: 'json_schema' });
    expect(r.status).toBe(200);
    expect(Object.keys(parsed(r))).not.toEqual(expect.arrayContaining(FIVE));
  },
  async llamaCppFlatSchema() {
    fake.use(scenarios.llamaCppFlatSchema());
    expect(Object.keys(parsed(await ask({ mode: 'json_schema' }))).sort()).not.toEqual(FIVE);
    const flat = await ask({ extra: { response_format: { type: 'json_schema', schema: { type: 'object' } } } });
    expect(Object.keys(parsed(flat)).sort()).toEqual(FIVE);
  },
  async openRouterNoEndpoints() {
    fake.use(scenarios.openRouterNoEndpoints());
    await expectError(ask({ mode: 'json_schema' }), 404, { message: 'No endpoints found that can handle the requested parameters.' });
    fake.use(scenarios.openRouterNoEndpoints({ onlyWithRequireParameters: true }));
    expect((await ask({ mode: 'json_schema' })).status).toBe(200);
    expect((await ask({ mode: 'json_schema', extra: { provider: { require_parameters: true } } })).status).toBe(404);
  },
  async maxTokensUnsupported() {
    fake.use(scenarios.maxTokensUnsupported());
    const r = await expectError(ask({ extra: { max_tokens: 800 } }), 400, { code: 'unsupported_parameter', param: 'max_tokens' });
    expect(r.json.error.message).toMatch(/Use 'max_completion_tokens' instead/);
    expect((await ask({ extra: { max_completion_tokens: 800 } })).status).toBe(200);
  },
  async temperatureUnsupported() {
    fake.use(scenarios.temperatureUnsupported());
    await expectError(ask({ extra: { temperature: 0.2 } }), 400, { code: 'unsupported_value', param: 'temperature' });
    expect((await ask({ extra: { temperature: 1 } })).status).toBe(200);
    expect((await ask()).status).toBe(200);
  },
  async needsJsonWord() {
    fake.use(scenarios.needsJsonWord());
    const r = await expectError(ask({ mode: 'json_object', sayJson: false }), 400, {});
    expect(r.json.error.message).toMatch(/must contain the word 'json'/);
    expect((await ask({ mode: 'json_object' })).status).toBe(200);
    expect((await ask({ mode: 'json_schema', sayJson: false })).status).toBe(200);
  },
  async fenced() {
    fake.use(scenarios.fenced());
    const text = contentOf(await ask()) ?? '';
    expect(text).toMatch(/^```json\n[\s\S]*\n```$/);
    expect(JSON.parse(text.slice(8, -4))).toEqual(faithful());
  },
  async think() {
    fake.use(scenarios.think());
    const text = contentOf(await ask()) ?? '';
    expect(text.startsWith('<think>')).toBe(true);
    expect(text.slice(0, text.indexOf('</think>'))).toContain('{"not": "this"}');
    expect(JSON.parse(text.slice(text.indexOf('</think>') + 8))).toEqual(faithful());
  },
  async prose() {
    fake.use(scenarios.prose());
    const text = contentOf(await ask()) ?? '';
    expect(text).toMatch(/^Here is the summary: \{.*\} Hope this helps!$/s);
    expect(JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1))).toEqual(faithful());
  },
  async singleBackslashLatex() {
    fake.use(scenarios.singleBackslashLatex());
    const raw = contentOf(await ask()) ?? '';
    for (const c of ['\\frac{a}{b}', '\\theta', '\\beta', '\\alpha', '\\underline{x}']) expect(raw).toContain(c);
    expect(raw).not.toContain('\\\\');
    expect(() => JSON.parse(raw)).toThrow(SyntaxError); // \a and \u… are invalid escapes
    // The decodable ones parse "fine" into control characters: the silent corruption of llm.md §3.
    fake.use(scenarios.singleBackslashLatex(['frac', 'theta', 'beta']));
    const { method } = parsed(await ask());
    expect(method).toContain('\frac{a}{b}');
    expect(method).toContain('\theta');
    expect(method).toContain('\beta');
  },
  async truncated() {
    fake.use(scenarios.truncated());
    const r = await ask();
    expect(finish(r)).toBe('length');
    expect(() => JSON.parse(contentOf(r) ?? '')).toThrow(SyntaxError);
    expect(JSON.stringify(faithful()).startsWith(contentOf(r) ?? 'x')).toBe(true);
  },
  async blank() {
    fake.use(scenarios.blank());
    const r = await ask({ mode: 'json_object' });
    expect([finish(r), contentOf(r)?.trim()]).toEqual(['stop', '']);
    expect(contentOf(r)?.length).toBeGreaterThan(0);
  },
  async leadingBlankLines() {
    fake.use(scenarios.leadingBlankLines());
    const text = contentOf(await ask()) ?? '';
    expect(text).toMatch(/^\n\n/);
    expect(JSON.parse(text)).toEqual(faithful());
  },
  async keepAliveBlankLines() {
    const slow = await startFakeLlm({ latencyMs: 700 });
    try {
      slow.use(scenarios.keepAliveBlankLines());
      const r = await post(slow, promptBody(ABSTRACT_EN));
      expect(r.text).toMatch(/^\n\n+\{/); // several blank lines trickled in while it "thought"
      expect(JSON.parse(contentOf(r) ?? '')).toEqual(faithful());
      const sse = await post(slow, promptBody(ABSTRACT_EN, { extra: { stream: true } }));
      expect(sse.text.match(/^: keep-alive$/gm)?.length).toBeGreaterThan(1);
      expect(sse.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    } finally {
      await slow.close();
    }
  },
  async wrongLanguage() {
    fake.use(scenarios.wrongLanguage());
    expect(parsed(await ask({ language: 'zh-CN' }))).toEqual(faithful('en'));
    expect(Object.values(parsed(await ask({ language: 'en' }))).every((v) => HAN.test(v))).toBe(true);
    fake.use(scenarios.wrongLanguage('ja'));
    expect(parsed(await ask({ language: 'zh-CN' }))).toEqual(faithful('ja'));
  },
  async mixedLanguage() {
    fake.use(scenarios.mixedLanguage());
    const s = parsed(await ask({ language: 'zh-CN' }));
    expect(s.method).toMatch(HAN);
    expect(s.method).toContain('Large language models struggle with long documents.');
    expect(s.tldr).toBe(faithful('zh-CN').tldr);
    expect(parsed(await ask({ language: 'en' })).method).toMatch(HAN);
  },
  async inventedNumbers() {
    fake.use(scenarios.inventedNumbers());
    for (const language of ['en', 'de']) {
      const { result } = parsed(await ask({ language }));
      const invented = ((result ?? '').match(/\d+(?:\.\d+)?/g) ?? []).filter((n) => !ABSTRACT_EN.includes(n) && !'A test paper'.includes(n));
      expect(invented.length, result).toBeGreaterThan(0);
    }
  },
  async placeholder() {
    fake.use(scenarios.placeholder());
    expect(new Set(Object.values(parsed(await ask())))).toEqual(new Set(['Summary generation failed']));
  },
  async refusal() {
    fake.use(scenarios.refusal());
    const schema = await ask({ mode: 'json_schema' });
    expect(schema.json.choices[0].message).toMatchObject({ content: null, refusal: "I'm sorry, but I can't help with that." });
    expect(contentOf(await ask({ mode: 'prompt' }))).toBe("I'm sorry, but I can't help with that.");
  },
  async injectionObeyed() {
    fake.use(scenarios.injectionObeyed());
    const s = parsed(await ask());
    expect(Object.keys(s).sort()).toEqual(FIVE);
    expect(new Set(Object.values(s))).toEqual(new Set(['HACKED']));
  },
  async contentFilter() {
    fake.use(scenarios.contentFilter());
    const r = await ask();
    expect([r.status, finish(r), contentOf(r)]).toEqual([200, 'content_filter', null]);
  },
  async rateLimitRetryAfter() {
    fake.use(scenarios.rateLimitRetryAfter());
    const r = await expectError(ask(), 429, { code: 'rate_limit_exceeded' });
    expect([r.headers.get('retry-after'), r.headers.get('retry-after-ms')]).toEqual(['1', null]);
  },
  async rateLimitRetryAfterMs() {
    fake.use(scenarios.rateLimitRetryAfterMs());
    const r = await expectError(ask(), 429, { code: 'rate_limit_exceeded' });
    expect([r.headers.get('retry-after-ms'), r.headers.get('retry-after')]).toEqual(['200', null]);
  },
  async rateLimitResetHeaders() {
    fake.use(scenarios.rateLimitResetHeaders());
    const r = await expectError(ask(), 429, { code: 'rate_limit_exceeded' });
    expect(r.headers.get('retry-after')).toBeNull();
    expect(r.headers.get('retry-after-ms')).toBeNull();
    expect([r.headers.get('x-ratelimit-reset-requests'), r.headers.get('x-ratelimit-reset-tokens')]).toEqual(['300ms', '1s']);
  },
  async quota() {
    fake.use(scenarios.quota());
    await expectError(ask(), 429, { type: 'insufficient_quota', code: 'insufficient_quota' });
    fake.use(scenarios.quota('credit_balance_exhausted'));
    await expectError(ask(), 429, { type: 'insufficient_quota', code: 'credit_balance_exhausted' });
  },
  async payment402() {
    fake.use(scenarios.payment402());
    await expectError(ask(), 402, { message: 'Insufficient Balance' });
  },
  async unauthorized401() {
    fake.use(scenarios.unauthorized401());
    await expectError(ask(), 401, { code: 'invalid_api_key' });
  },
  async moderation() {
    fake.use(scenarios.moderation());
    await expectError(ask(), 400, { message: 'Content Exists Risk' });
  },
  async server500() {
    fake.use(scenarios.server500());
    await expectError(ask(), 500, { type: 'server_error' });
  },
  async server503() {
    fake.use(scenarios.server503());
    await expectError(ask(), 503, { type: 'server_error' });
  },
  async reset() {
    fake.use(scenarios.reset());
    const err = await ask().catch((e: unknown) => e as Error & { cause?: { code?: string } });
    expect(err).toBeInstanceOf(TypeError); // undici: "fetch failed"
    expect(err).toMatchObject({ cause: { code: 'ECONNRESET' } });
    expect(fake.requests.at(-1)?.status).toBe(0);
  },
  async slowHeaders() {
    fake.use(scenarios.slowHeaders(400));
    await expect(post(fake, promptBody(ABSTRACT_EN), { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
    let t0 = performance.now();
    expect(parsed(await ask())).toEqual(faithful());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(395);
    fake.use(scenarios.slowHeaders(300, scenarios.server503()));
    t0 = performance.now();
    expect((await ask()).status).toBe(503);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
  },
  async hang() {
    fake.use(scenarios.hang());
    await expect(post(fake, promptBody(ABSTRACT_EN), { signal: AbortSignal.timeout(150) })).rejects.toMatchObject({ name: 'TimeoutError' });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.inFlight).toBe(0);
  },
};

describe('fake LLM scenarios', () => {
  beforeAll(async () => void (fake = await startFakeLlm()));
  afterAll(() => fake.close());

  it.each(Object.entries(checks))('%s', async (_name, check) => {
    fake.reset();
    await check();
  });

  it('has a check for every scenario', () => {
    expect(Object.keys(checks).sort()).toEqual(Object.keys(scenarios).sort());
  });
});
