/**
 * Types of the fake OpenAI-compatible endpoint (test/helpers/fake-llm.ts): what a request looks like to a
 * script, what a script may answer (a Behaviour), and the server's options and recording.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface ChatMessage {
  role: string;
  /** A string, or OpenAI content parts (only `text` parts are read). */
  content?: string | { type: string; text?: string }[] | null;
}

/** The parts of a chat-completions request body the fake looks at; everything else is kept as sent. */
export interface ChatRequestBody {
  model?: string;
  messages?: ChatMessage[];
  response_format?: { type?: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean }; schema?: unknown };
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  provider?: { require_parameters?: boolean };
  [key: string]: unknown;
}

/** `json_schema` / `json_object` from `response_format.type`, `prompt` when there is none. */
export type RequestMode = 'json_schema' | 'json_object' | 'prompt' | (string & {});

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** What a script sees of one request. */
export interface ScriptRequest {
  body: ChatRequestBody;
  headers: IncomingHttpHeaders;
  /** The abstract inside the markers: the paper's identity across attempts ('' without an abstract block). */
  paper: string;
  /** 1-based: the nth request for this paper. */
  attempt: number;
  /** 1-based: the nth request that reached the script since start or `reset()`. */
  call: number;
  mode: RequestMode;
}

export type FinishReason = 'stop' | 'length' | 'content_filter';

export type Behaviour =
  | {
      kind: 'answer';
      /** Raw `message.content`; a function of the request; `null` for no content. Default: the `answer` option. */
      content?: string | null | ((req: ScriptRequest) => string | null);
      /** @default 'stop' */
      finishReason?: FinishReason;
      /** `message.refusal` (OpenAI structured outputs put refusals there, with content null). */
      refusal?: string;
      /** `message.reasoning_content`, as DeepSeek-reasoner and vLLM send thinking. */
      reasoning?: string;
      /** Overrides the computed usage; `false` omits it even when the server option `usage` is on. */
      usage?: Usage | false;
      /**
       * Send the headers at once and blank lines (SSE: `: keep-alive` comments) while the latency runs, as
       * DeepSeek does under load.
       */
      keepAlive?: boolean;
    }
  | { kind: 'error'; status: number; body: object | string; headers?: Record<string, string> }
  /** Destroy the socket (TCP RST) before any byte is sent. */
  | { kind: 'reset' }
  /** Wait `ms` more before the status line, then behave as `then` (default: a faithful answer). */
  | { kind: 'slowHeaders'; ms: number; then?: Behaviour }
  /** Never answer; the socket stays open until the client gives up or the server closes. */
  | { kind: 'hang' };

/** Decides each request's behaviour. */
export type Script = (req: ScriptRequest) => Behaviour;

/** Anything `use()` and the script helpers accept: a fixed behaviour or a script. */
export type Step = Behaviour | Script;

export interface FakeLlmOptions {
  /** Delay before every scripted behaviour (answers, errors, resets), ms. @default 0 */
  latencyMs?: number | ((req: ScriptRequest) => number);
  /** Above this many concurrent requests, answer 429 at once with `retry-after-ms`. @default Infinity */
  maxInFlight?: number;
  /** The `retry-after-ms` value of those 429s. @default 100 */
  capRetryAfterMs?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /**
   * The default answerer: `message.content` of every answer behaviour that brings none of its own (content
   * scenarios such as `fenced` wrap the faithful answer regardless). @default faithfulAnswer
   */
  answer?: (body: ChatRequestBody) => string;
  /** The script in use until `use()` is called. @default every request answered (`ANSWER`) */
  script?: Step;
  /** Return `usage` (tokens ≈ characters / 4, one per CJK character). @default false */
  usage?: boolean;
  /** Ids listed by `GET /v1/models`. @default ['fake-model'] */
  models?: string[];
}

export interface RecordedLlmRequest {
  method: string;
  path: string;
  /** Parsed JSON body (`{}` for GET or unparsable bodies). */
  body: ChatRequestBody;
  headers: IncomingHttpHeaders;
  /** Arrival time, `performance.now()` of this process. */
  at: number;
  /** Requests open at arrival, this one included. */
  inFlight: number;
  /** Status sent; 0 while pending, and for resets and hangs. */
  status: number;
}

export interface FakeLlm {
  /** `http://127.0.0.1:<port>/v1`, as OPENAI_BASE_URL is written. */
  url: string;
  requests: RecordedLlmRequest[];
  /** Highest number of requests open at once (rejected ones included: it measures the client). */
  readonly peakInFlight: number;
  /** Requests currently open. */
  readonly inFlight: number;
  /** Chat-completion requests received. */
  readonly calls: number;
  /** Script every following chat-completion request. */
  use(step: Step): void;
  /** Clear the recording, counters and per-paper attempt numbers (the script stays). */
  reset(): void;
  close(): Promise<void>;
}
