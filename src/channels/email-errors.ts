/**
 * SMTP failures as the user needs to read them: a refused login, a server that cannot be reached, one that took
 * the message but never confirmed it (it may have arrived), recipients refused while others got it. Each is one
 * `DeliveryError` line naming the server, never the password.
 */
import { DeliveryError } from './errors.js';

/** A message sent to some recipients and refused for others (nodemailer fails only when all are refused). */
export interface PartialSend {
  accepted: string[];
  rejected: string[];
  /** The server's answer to each of `rejected`, in the same order. */
  rejectedResponses: string[];
}

/** What was known about the attempt when it failed. */
export interface SmtpAttempt {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps://`). */
  secure: boolean;
  /** The whole message had been written to the server (after DATA): a timeout now may follow its delivery. */
  dataSent: boolean;
  timeoutMs: number;
  pass?: string | undefined;
}

export interface NodemailerError {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  message?: string;
}

/** OpenSSL's words for a TLS client that got plain text back (an SMTP greeting on a STARTTLS or plain port). */
const NOT_TLS = /wrong version number|packet length too long|unknown protocol|record layer failure/i;

/** Map nodemailer's error codes to the user's view: refused login, unreachable server, refused message. */
export function smtpError(err: unknown, at: SmtpAttempt): DeliveryError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodemailerError;
  const { host, port } = at;
  const detail = redact(firstLine(e.response ?? e.message ?? String(err)), at.pass);
  const options = { cause: err, ...(e.responseCode ? { status: e.responseCode } : {}) };
  const fail = (kind: 'auth' | 'unreachable' | 'timeout' | 'rejected', message: string) => new DeliveryError('email', kind, message, options);
  switch (e.code) {
    case 'EAUTH':
      return fail('auth', `SMTP login refused by ${host}: ${detail}`);
    case 'ETIMEDOUT':
      if (at.dataSent) {
        const within = `within ${at.timeoutMs / 1000} s`;
        return fail('timeout', `SMTP server ${host}:${port} did not confirm the message ${within} after it was sent; it may have been delivered, check before sending again`);
      }
      return fail('timeout', `cannot reach SMTP server ${host}:${port}: timed out (${detail})`);
    case 'ETLS':
      if (e.command === 'STARTTLS') return fail('unreachable', `SMTP server ${host}:${port} does not offer STARTTLS, which starttls=required asks for`);
      return fail('unreachable', `cannot reach SMTP server ${host}:${port}: ${detail}`);
    case 'ESOCKET':
      if (at.secure && NOT_TLS.test(e.message ?? '')) {
        return fail('unreachable', `TLS handshake with ${host}:${port} failed: the server does not speak TLS on this port; use smtp:// with STARTTLS?`);
      }
      return fail('unreachable', `cannot reach SMTP server ${host}:${port}: ${detail}`);
    case 'ECONNECTION':
    case 'EDNS':
      return fail('unreachable', `cannot reach SMTP server ${host}:${port}: ${detail}`);
    case 'EENVELOPE':
      return fail('rejected', `SMTP server ${host} refused the recipients: ${detail}`);
    default:
      return fail('rejected', `SMTP server ${host}:${port} did not take the message: ${detail}`);
  }
}

/**
 * A message taken for some recipients and refused for others, as a delivery failure: who was refused (with the
 * server's answer) and who got it, so the user knows whom to tell and whether a re-send would duplicate.
 */
export function partlyRefused(sent: PartialSend, host: string): DeliveryError {
  const byAnswer = new Map<string, string[]>();
  sent.rejected.forEach((address, i) => {
    const answer = sent.rejectedResponses[i] ?? 'refused';
    byAnswer.set(answer, [...(byAnswer.get(answer) ?? []), address]);
  });
  const refused = [...byAnswer].map(([answer, addresses]) => `${addresses.join(', ')} (${answer})`).join(', ');
  const status = Number(/^\d{3}/.exec(sent.rejectedResponses[0] ?? '')?.[0]) || undefined;
  return new DeliveryError('email', 'rejected', `SMTP server ${host} refused ${refused}; delivered to ${sent.accepted.join(', ')}`, status ? { status } : {});
}

export function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]?.trim().slice(0, 300) ?? '';
}

export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}
