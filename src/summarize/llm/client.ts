/**
 * The transport: one POST to `<baseUrl>/chat/completions` over undici with explicit timeouts (Node 20's fetch
 * gives up on headers after 300 s; slow local models need longer). No retries here: the summarizer owns the
 * one retry policy. The API key goes into the Authorization header and nowhere else.
 */
import { Agent, request } from 'undici';
import { LlmFault, classifyHttp, classifyThrown } from './faults.js';
import { endpointUrl, urlSecrets } from './redact-url.js';

export interface ChatClientOptions {
  /** Base URL including `/v1`, as OPENAI_BASE_URL is written. */
  baseUrl: string;
  apiKey?: string;
  /** Per-request limit covering connect, headers and body. @default 120000 */
  timeoutMs?: number;
  /** Sockets kept per origin (at least the concurrency). @default 16 */
  connections?: number;
  userAgent?: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatAnswer {
  content: string;
  finishReason: string | null;
  usage: Usage | null;
  /** The model's refusal (OpenAI structured outputs put it in `message.refusal`), or null. */
  refusal: string | null;
}

export interface ChatClient {
  complete(body: Record<string, unknown>, signal?: AbortSignal): Promise<ChatAnswer>;
  close(): Promise<void>;
}

/**
 * Largest answer read: a summary is a few KB, and even 32k tokens of reasoning escaped as JSON stay under it.
 * A runaway model or a misconfigured proxy sent 50 MB (770 MB of memory) before this cap.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, or a `too_large` fault as soon as it passes `max` bytes (the rest is not read). */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown }, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      body.destroy();
      throw new LlmFault('too_large', `the endpoint's answer is larger than ${Math.round(max / (1024 * 1024))} MB; stopped reading it`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createChatClient(options: ChatClientOptions): ChatClient {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const dispatcher = new Agent({
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connectTimeout: Math.min(timeoutMs, 30_000),
    connections: options.connections ?? 16,
  });
  const url = chatUrl(options.baseUrl);
  // Credentials in the base URL itself: an error page may echo the URL requested.
  const secrets = urlSecrets(options.baseUrl);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  if (options.userAgent) headers['user-agent'] = options.userAgent;

  return {
    async complete(body, signal) {
      const overall = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, overall]) : overall;
      let res;
      let text: string;
      try {
        res = await request(url, { method: 'POST', headers, body: JSON.stringify(body), dispatcher, signal: combined });
        text = await readCapped(res.body, MAX_BODY_BYTES);
      } catch (err) {
        if (signal?.aborted || err instanceof LlmFault) throw err;
        throw classifyThrown(overall.aborted ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : err, timeoutMs);
      }
      // Providers echo (part of) a rejected key in their error text; it must not reach a log or report.
      if (res.statusCode < 200 || res.statusCode >= 300) throw classifyHttp(res.statusCode, redactSecrets(redactKey(text, options.apiKey), secrets), res.headers);
      return parseAnswer(text);
    },
    close: () => dispatcher.close(),
  };
}

/** The first choice of a chat-completions body; a body that is not one is a server fault (retryable). */
export function parseAnswer(text: string): ChatAnswer {
  // Some servers send blank lines or SSE keep-alive comments before the JSON under load.
  const cleaned = text
    .split('\n')
    .filter((line) => !line.startsWith(':'))
    .join('\n')
    .trim();
  let data: { choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
  try {
    data = JSON.parse(cleaned);
  } catch {
    throw new LlmFault('server', `the endpoint answered with something that is not a chat completion: ${cleaned.slice(0, 80)}`);
  }
  const choice = data.choices?.[0];
  if (!choice) throw new LlmFault('server', 'the endpoint answered without choices');
  const content = typeof choice.message?.content === 'string' ? choice.message.content : '';
  const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : null;
  const u = data.usage;
  const usage =
    u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number'
      ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens }
      : null;
  const refusal = typeof choice.message?.refusal === 'string' && choice.message.refusal.trim() ? choice.message.refusal : null;
  return { content, finishReason, usage, refusal };
}

/** Remove the API key, any fragment of it a provider echoes, and anything shaped like a secret key. */
export function redactKey(text: string, apiKey?: string): string {
  let out = text.replace(/\bsk-[A-Za-z0-9_*.-]{3,}/g, 'sk-***');
  if (apiKey && apiKey.length >= 8) {
    out = out.split(apiKey).join('***');
    // A masked echo keeps the key's first and last characters ("sk-ab***wxyz"): drop 6+ character runs of it.
    for (let len = Math.min(12, apiKey.length - 1); len >= 6; len--) {
      for (let i = 0; i + len <= apiKey.length; i++) out = out.split(apiKey.slice(i, i + len)).join('***');
    }
  }
  return out;
}

/** `<baseUrl>/chat/completions`, keeping a query the base URL has (Azure's `?api-version=`) after the path. */
export function chatUrl(baseUrl: string): string {
  return endpointUrl(baseUrl, 'chat/completions');
}

function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}
