/**
 * Writing responses: OpenAI-shaped JSON completions, SSE streams (`data:` chunks, `: keep-alive` comments,
 * `data: [DONE]`), errors, and the keep-alive trickle some providers send while a request waits.
 */
import type { ServerResponse } from 'node:http';
import type { ChatRequestBody, FinishReason, RecordedLlmRequest, Usage } from './types.js';

export interface Exchange {
  res: ServerResponse;
  body: ChatRequestBody;
  record: RecordedLlmRequest;
  /** Sequence number for the completion id. */
  n: number;
}

export interface Completion {
  content: string | null;
  finishReason: FinishReason;
  refusal?: string;
  reasoning?: string;
  usage?: Usage;
}

export function writeHead(x: Exchange, status: number, headers: Record<string, string>): void {
  x.record.status = status;
  x.res.writeHead(status, headers);
}

export function sendJson(x: Exchange, status: number, body: object | string, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  writeHead(x, status, { 'content-type': type, 'content-length': String(Buffer.byteLength(text)), ...headers });
  x.res.end(text);
}

const now = () => Math.floor(Date.now() / 1000);

/** Start the answer early: headers now, then a blank line (SSE: a comment) every `everyMs` until stopped. */
export function startKeepAlive(x: Exchange, everyMs = 200): () => void {
  const stream = x.body.stream === true;
  writeHead(x, 200, { 'content-type': stream ? 'text/event-stream' : 'application/json', 'cache-control': 'no-cache' });
  const tick = () => {
    if (x.res.destroyed || x.res.writableEnded) return clearInterval(timer);
    x.res.write(stream ? ': keep-alive\n\n' : '\n');
  };
  const timer = setInterval(tick, everyMs);
  tick();
  return () => clearInterval(timer);
}

export function sendCompletion(x: Exchange, c: Completion): void {
  if (x.body.stream === true) return sendStream(x, c);
  const message = {
    role: 'assistant',
    content: c.content,
    refusal: c.refusal ?? null,
    ...(c.reasoning !== undefined ? { reasoning_content: c.reasoning } : {}),
  };
  const body = {
    id: `chatcmpl-fake${x.n}`,
    object: 'chat.completion',
    created: now(),
    model: x.body.model ?? 'fake-model',
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, message, logprobs: null, finish_reason: c.finishReason }],
    ...(c.usage ? { usage: c.usage } : {}),
  };
  if (x.res.headersSent) return void x.res.end(JSON.stringify(body));
  sendJson(x, 200, body);
}

/** Code-point pieces of about `size` characters, so multi-byte text is never split inside a character. */
function pieces(text: string, size = 16): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function sendStream(x: Exchange, c: Completion): void {
  if (!x.res.headersSent) {
    writeHead(x, 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    x.res.write(': keep-alive\n\n');
  }
  const base = { id: `chatcmpl-fake${x.n}`, object: 'chat.completion.chunk', created: now(), model: x.body.model ?? 'fake-model' };
  const chunk = (delta: object, finish: FinishReason | null = null) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  const out = [chunk({ role: 'assistant', content: '' })];
  for (const p of pieces(c.reasoning ?? '')) out.push(chunk({ reasoning_content: p }));
  if (c.refusal !== undefined) out.push(chunk({ refusal: c.refusal }));
  for (const p of pieces(c.content ?? '')) out.push(chunk({ content: p }));
  out.push(chunk({}, c.finishReason));
  if (c.usage && x.body.stream_options?.include_usage) out.push(`data: ${JSON.stringify({ ...base, choices: [], usage: c.usage })}\n\n`);
  out.push('data: [DONE]\n\n');
  x.res.end(out.join(''));
}
