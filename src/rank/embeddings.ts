/**
 * Optional embeddings signal: a small `Embedder` interface, an OpenAI-compatible `/v1/embeddings` client, and
 * a per-paper-version cache in the store so each abstract is embedded once per model.
 */
import { createHash } from 'node:crypto';
import { DigestError } from '../errors.js';
import { endpointUrl, redactUrl } from '../summarize/llm/redact-url.js';
import type { Store } from '../store/types.js';

export interface Embedder {
  /** Cache key of the vectors: endpoint and model, so vectors of different models never mix. */
  readonly model: string;
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export interface OpenAiEmbedderOptions {
  /** Endpoint including `/v1`, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  /** Texts per request. @default 64 */
  batchSize?: number;
  /** Per request. @default 60000 */
  timeoutMs?: number;
  /** Replacement `fetch` (tests). */
  fetch?: typeof fetch;
}

interface EmbeddingResponse {
  data?: { index?: number; embedding?: unknown }[];
}

function embeddingError(message: string, cause?: unknown): DigestError {
  return new DigestError('E_FETCH', `embeddings: ${message}`, { cause });
}

/** The URL without its userinfo, and that userinfo as HTTP basic-auth credentials (base64), if any. */
function splitCredentials(href: string): { url: string; basic: string | null } {
  const url = new URL(href);
  if (!url.username && !url.password) return { url: href, basic: null };
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  url.username = '';
  url.password = '';
  return { url: url.toString(), basic };
}

/** An `Embedder` over an OpenAI-compatible `/embeddings` endpoint (OpenAI, Ollama, vLLM, LM Studio …). */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  // fetch refuses a URL with user:pass@ (a proxy's basic auth): they go in the header instead.
  const { url, basic } = splitCredentials(endpointUrl(options.baseUrl, 'embeddings'));
  // Errors and the cache key show the endpoint without credentials (user:pass@, ?api-key=): both get stored.
  const shown = redactUrl(url);
  const doFetch = options.fetch ?? globalThis.fetch;
  const batchSize = Math.max(1, options.batchSize ?? 64);
  async function batch(input: readonly string[]): Promise<Float32Array[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    else if (basic) headers.authorization = `Basic ${basic}`;
    let res: Response;
    try {
      const body = JSON.stringify({ model: options.model, input });
      res = await doFetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
    } catch (err) {
      throw embeddingError(`${shown} cannot be reached (${(err as Error).message})`, err);
    }
    if (!res.ok) throw embeddingError(`${shown} answered HTTP ${res.status}`);
    const json = (await res.json().catch(() => null)) as EmbeddingResponse | null;
    const data = json?.data;
    if (!Array.isArray(data) || data.length !== input.length) {
      throw embeddingError(`${shown} returned ${Array.isArray(data) ? data.length : 'no'} vectors for ${input.length} texts`);
    }
    const out = new Array<Float32Array>(input.length);
    data.forEach((d, i) => {
      const at = typeof d.index === 'number' ? d.index : i;
      if (!Array.isArray(d.embedding) || d.embedding.length === 0 || !d.embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw embeddingError(`${shown} returned a malformed vector at index ${at}`);
      }
      out[at] = Float32Array.from(d.embedding as number[]);
    });
    return out;
  }
  return {
    model: `${redactUrl(options.baseUrl.replace(/\/+$/, ''))}#${options.model}`,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) out.push(...(await batch(texts.slice(i, i + batchSize))));
      return out;
    },
  };
}

/** Something to embed: a paper version (cached by id and version) or a reference without an arXiv id. */
export interface EmbedItem {
  id: string | null;
  version?: number;
  title: string;
  abstract: string;
}

const keyOf = (x: EmbedItem) => (x.id ? { id: x.id, version: x.version ?? 1 } : { id: `ref:${createHash('sha256').update(`${x.title}\n${x.abstract}`).digest('hex').slice(0, 24)}`, version: 1 });

/** Vectors for the items (in order), unit length, from the store's cache where present; new ones are cached. */
export async function embedCached(items: readonly EmbedItem[], embedder: Embedder, store: Store): Promise<Float32Array[]> {
  const keys = items.map(keyOf);
  const cached = await store.getEmbeddings(embedder.model, keys);
  const missing = items.flatMap((x, i) => (cached.has(`${keys[i]?.id}v${keys[i]?.version}`) ? [] : [i]));
  if (missing.length > 0) {
    const vectors = await embedder.embed(missing.map((i) => `${items[i]?.title ?? ''}\n\n${items[i]?.abstract ?? ''}`.trim()));
    const fresh = missing.map((i, j) => ({ paperId: keys[i]?.id ?? '', version: keys[i]?.version ?? 1, model: embedder.model, vector: vectors[j] as Float32Array }));
    await store.saveEmbeddings(fresh);
    for (const e of fresh) cached.set(`${e.paperId}v${e.version}`, e.vector);
  }
  return keys.map((k) => unit(cached.get(`${k.id}v${k.version}`) as Float32Array));
}

function unit(v: Float32Array): Float32Array {
  let sq = 0;
  for (const x of v) sq += x * x;
  const s = sq > 0 ? 1 / Math.sqrt(sq) : 0;
  return v.map((x) => x * s);
}

/** Cosine of two unit vectors (0 when their lengths differ: vectors of another model). */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}
