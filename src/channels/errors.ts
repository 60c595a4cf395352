/**
 * Delivery failures (email, chat webhooks, Telegram): one class with the channel and what kind of failure it was,
 * so the CLI prints one line and a caller can tell a refused login from an unreachable server.
 */
import { DigestError } from '../errors.js';
import type { ErrorCode } from '../errors.js';

export type DeliveryChannel = 'email' | 'slack' | 'feishu' | 'telegram' | 'webhook';

/**
 * - `auth`: the server refused our credentials (SMTP 535, HTTP 401/403, Telegram "Unauthorized").
 * - `unreachable`: no connection (refused, DNS, TLS); `timeout`: connected or not, no answer in time.
 * - `rejected`: the server answered and refused the message (HTTP 4xx, SMTP 5xx on a recipient, Feishu code ≠ 0).
 * - `rate-limited`: still 429 after the one retry, or a Retry-After longer than we wait.
 * - `config`: the channel's settings could not be used at send time (a malformed SMTP URL or address).
 */
export type DeliveryFailure = 'auth' | 'unreachable' | 'timeout' | 'rejected' | 'rate-limited' | 'config';

/** Exit code 6: the digest was written, but a delivery failed. */
export const DELIVERY_CODE: ErrorCode = 'E_DELIVERY';

export class DeliveryError extends DigestError {
  readonly channel: DeliveryChannel;
  readonly kind: DeliveryFailure;
  readonly status: number | undefined;

  constructor(channel: DeliveryChannel, kind: DeliveryFailure, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(DELIVERY_CODE, `[${channel}] ${message}`, { cause: options.cause });
    this.name = 'DeliveryError';
    this.channel = channel;
    this.kind = kind;
    this.status = options.status;
  }
}

/**
 * The outcome of a delivery in which some channel failed (exit 6): every failure, and the channels that did
 * receive the digest, so that neither the message nor the run report leaves out who got it.
 */
export class DeliveriesFailedError extends DigestError {
  readonly failures: DeliveryError[];
  /** Channels that received the digest, as `DeliveryResult.sent` names them, then those that partly did. */
  readonly sent: string[];

  /** `partly`: channels among the failures that reached some recipients (their failure says whom). */
  constructor(failures: DeliveryError[], sent: string[], tried: number, partly: string[] = []) {
    const [only] = failures;
    const detail = only && failures.length === 1 ? only.message : `${failures.length} deliveries failed: ${failures.map((f) => f.message).join('; ')}`;
    // A lone channel's failure needs no "nothing sent"; with others configured the user must hear who got it.
    const also = sent.length > 0 ? ` (sent: ${sent.join(', ')})` : tried > 1 && partly.length === 0 ? ' (nothing sent)' : '';
    super(DELIVERY_CODE, `${detail}${also}`, { cause: only, ...(failures.length > 1 ? { stage: 'deliver' as const } : {}) });
    this.name = 'DeliveriesFailedError';
    this.failures = failures;
    this.sent = [...sent, ...partly];
  }
}

export function isDeliveryError(err: unknown): err is DeliveryError {
  return err instanceof DeliveryError;
}
