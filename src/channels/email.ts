/**
 * Send the digest email over SMTP with nodemailer. SMTP settings come from a URL (`smtp://user:pass@host:587`,
 * `smtps://…:465`) or fields; failures become one-line `DeliveryError`s that name the server, never the password.
 */
import { createTransport } from 'nodemailer';
import { ConfigError } from '../errors.js';
import type { EmailMessage } from './email-html.js';
import { DeliveryError } from './errors.js';

export interface SmtpOptions {
  host: string;
  /** @default 465 when `secure`, else 587 */
  port?: number;
  /** TLS from the first byte (port 465, `smtps://`); otherwise STARTTLS is used when the server offers it. */
  secure?: boolean;
  user?: string;
  /** Only ever handed to nodemailer; never in a message or log. */
  pass?: string;
  /** Refuse to send unless STARTTLS succeeds (`?starttls=required`). @default false */
  requireTLS?: boolean;
  /** Never try STARTTLS (`?starttls=never`), for a local relay without TLS. @default false */
  ignoreTLS?: boolean;
  /** Connect, greeting and per-command timeout. @default 20000 */
  timeoutMs?: number;
}

export interface SentEmail {
  messageId: string;
  accepted: string[];
  /** Recipients the server refused while taking the message for the others (nodemailer fails only when all are). */
  rejected: string[];
  /** The server's answer to each of `rejected`, in the same order, e.g. "550 5.1.1 No such user". */
  rejectedResponses: string[];
}

const URL_HINT = 'SMTP URL must look like smtp://user:password@host:587 or smtps://user:password@host:465';

/** Parse an SMTP URL; user and password may be percent-encoded. The URL is never repeated in an error. */
export function smtpOptionsFromUrl(url: string): SmtpOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(URL_HINT);
  }
  const secure = parsed.protocol === 'smtps:';
  if (!secure && parsed.protocol !== 'smtp:') throw new ConfigError(URL_HINT);
  if (!parsed.hostname) throw new ConfigError(`${URL_HINT} (no host)`);
  const starttls = parsed.searchParams.get('starttls');
  if (starttls !== null && starttls !== 'required' && starttls !== 'never') {
    throw new ConfigError('SMTP URL option starttls must be "required" or "never"');
  }
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { pass: decodeURIComponent(parsed.password) } : {}),
    ...(starttls === 'required' ? { requireTLS: true } : {}),
    ...(starttls === 'never' ? { ignoreTLS: true } : {}),
  };
}

/** A bare address or `Name <address>`; no line breaks (header injection) and one `@`-address each. */
const ADDRESS = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@,;]+@[^\s<>@,;]+)$/;

/** Recipients and sender, checked before connecting (and before a run starts: `checkDelivery`). */
export function checkAddresses(to: readonly string[], from: string): void {
  if (to.length === 0) throw new ConfigError('no email recipients: set email.to (or --to) to at least one address');
  for (const address of [...to, from]) {
    if (!ADDRESS.test(address.trim())) throw new ConfigError(`"${address.replace(/[\r\n]/g, ' ')}" is not an email address`);
  }
}

/** Send one message to all recipients (they share the To: line, as on a mailing list). */
export async function sendDigestEmail(message: EmailMessage, smtp: SmtpOptions, to: readonly string[], from: string): Promise<SentEmail> {
  checkAddresses(to, from);
  const port = smtp.port ?? (smtp.secure ? 465 : 587);
  const timeout = smtp.timeoutMs ?? 20_000;
  const transport = createTransport({
    host: smtp.host,
    port,
    secure: smtp.secure ?? false,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    requireTLS: smtp.requireTLS ?? false,
    ignoreTLS: smtp.ignoreTLS ?? false,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // The message is ours; nothing in it should make nodemailer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const info = await transport.sendMail({
      from: from.trim(),
      to: to.map((a) => a.trim()),
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    const rejected = info.rejected.map(String);
    const responses = new Map((info.rejectedErrors ?? []).map((e) => [(e as { recipient?: string }).recipient, (e as NodemailerError).response ?? e.message]));
    const rejectedResponses = rejected.map((a) => redact(firstLine(responses.get(a) ?? 'refused'), smtp.pass));
    return { messageId: info.messageId, accepted: info.accepted.map(String), rejected, rejectedResponses };
  } catch (err) {
    throw smtpError(err, smtp.host, port, smtp.pass);
  } finally {
    transport.close();
  }
}

interface NodemailerError {
  code?: string;
  response?: string;
  responseCode?: number;
  message?: string;
}

/** Map nodemailer's error codes to the user's view: refused login, unreachable server, refused message. */
export function smtpError(err: unknown, host: string, port: number, pass?: string): DeliveryError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodemailerError;
  const detail = redact(firstLine(e.response ?? e.message ?? String(err)), pass);
  const options = { cause: err, ...(e.responseCode ? { status: e.responseCode } : {}) };
  switch (e.code) {
    case 'EAUTH':
      return new DeliveryError('email', 'auth', `SMTP login refused by ${host}: ${detail}`, options);
    case 'ETIMEDOUT':
      return new DeliveryError('email', 'timeout', `cannot reach SMTP server ${host}:${port}: timed out (${detail})`, options);
    case 'ESOCKET':
    case 'ECONNECTION':
    case 'EDNS':
    case 'ETLS':
      return new DeliveryError('email', 'unreachable', `cannot reach SMTP server ${host}:${port}: ${detail}`, options);
    case 'EENVELOPE':
      return new DeliveryError('email', 'rejected', `SMTP server ${host} refused the recipients: ${detail}`, options);
    default:
      return new DeliveryError('email', 'rejected', `SMTP server ${host}:${port} did not take the message: ${detail}`, options);
  }
}

/**
 * A message taken for some recipients and refused for others, as a delivery failure: who was refused (with the
 * server's answer) and who got it, so the user knows whom to tell and whether a re-send would duplicate.
 */
export function partlyRefused(sent: SentEmail, host: string): DeliveryError {
  const byAnswer = new Map<string, string[]>();
  sent.rejected.forEach((address, i) => {
    const answer = sent.rejectedResponses[i] ?? 'refused';
    byAnswer.set(answer, [...(byAnswer.get(answer) ?? []), address]);
  });
  const refused = [...byAnswer].map(([answer, addresses]) => `${addresses.join(', ')} (${answer})`).join(', ');
  const status = Number(/^\d{3}/.exec(sent.rejectedResponses[0] ?? '')?.[0]) || undefined;
  return new DeliveryError('email', 'rejected', `SMTP server ${host} refused ${refused}; delivered to ${sent.accepted.join(', ')}`, status ? { status } : {});
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]?.trim().slice(0, 300) ?? '';
}

function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}
