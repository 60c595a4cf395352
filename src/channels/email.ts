/**
 * Send the digest email over SMTP with nodemailer. SMTP settings come from a URL (`smtp://user:pass@host:587`,
 * `smtps://…:465`) or fields; failures become one-line `DeliveryError`s that name the server, never the password.
 */
import { createTransport } from 'nodemailer';
import { ConfigError } from '../errors.js';
import type { EmailMessage } from './email-html.js';
import { firstLine, redact, smtpError } from './email-errors.js';
import type { NodemailerError, PartialSend } from './email-errors.js';

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

export interface SentEmail extends PartialSend {
  messageId: string;
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
  // nodemailer logs (at info) when the message data is fully written; a timeout after that is not "unreachable".
  let dataSent = false;
  const quiet = () => undefined;
  const watcher = { trace: quiet, debug: quiet, warn: quiet, error: quiet, fatal: quiet, info: (entry?: { tnx?: string; outByteCount?: number }) => void (dataSent ||= entry?.tnx === 'message' && entry.outByteCount !== undefined) };
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
    logger: watcher,
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
    throw smtpError(err, { host: smtp.host, port, secure: smtp.secure ?? false, dataSent, timeoutMs: timeout, pass: smtp.pass });
  } finally {
    transport.close();
  }
}
