/**
 * A real SMTP server for the email tests (smtp-server on 127.0.0.1, port 0): no STARTTLS, AUTH PLAIN/LOGIN
 * against one user, every accepted message kept raw with its envelope; optionally refusing some recipients (550)
 * or never confirming the message after its data arrived.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'digest-bot';
/** Characters that must be percent-encoded in an SMTP URL. */
export const SMTP_PASS = 'p@ss:w/rd%sécret';

export interface ReceivedMail {
  from: string;
  rcpt: string[];
  raw: Buffer;
}

export interface TestSmtp {
  port: number;
  received: ReceivedMail[];
  /** Login attempts seen by the server (username only). */
  logins: string[];
  close(): Promise<void>;
}

export interface SmtpBehaviour {
  /** Recipients answered `550 5.1.1 No such user` at RCPT TO. */
  refuse?: (address: string) => boolean;
  /** Keep the message but never answer its final dot (a server that stalls after DATA). */
  stallAfterData?: boolean;
}

export async function startSmtp(behaviour: SmtpBehaviour = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (!behaviour.refuse?.(address.address)) return callback();
      callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, rcpt: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        if (!behaviour.stallAfterData) callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, logins, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port with nothing listening: bound once, then closed. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that accepts connections and never says a word (no SMTP greeting). */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
