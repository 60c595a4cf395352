/**
 * The deliver stage against real local servers (SMTP, webhooks): every configured channel is tried, and what was
 * refused and what got through are both said.
 */
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDigest } from '../../src/deliver.js';
import type { DeliveryConfig } from '../../src/deliver.js';
import { DeliveriesFailedError } from '../../src/channels/errors.js';
import { exitCodeFor } from '../../src/errors.js';
import { hostileDay } from './digests.js';
import { startHttp } from './http.js';
import type { TestHttp } from './http.js';
import { deliveryConfig } from '../fixtures/delivery.js';
import { SMTP_PASS, SMTP_USER, startSmtp } from './smtp.js';
import type { TestSmtp } from './smtp.js';

function config(overrides: Partial<DeliveryConfig>): DeliveryConfig {
  return deliveryConfig({ emailFrom: 'digest@example.org', ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<DeliveriesFailedError> {
  const err = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(err instanceof DeliveriesFailedError)) throw err;
  return err;
}

describe('deliverDigest', () => {
  let smtp: TestSmtp;
  let hooks: TestHttp;
  const smtpUrl = () => `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${smtp.port}?starttls=never`;
  beforeAll(async () => {
    smtp = await startSmtp({ refuse: (address) => address.startsWith('bad') });
    hooks = await startHttp((req) => (req.path.startsWith('/dead') ? { status: 404, body: 'no_service' } : { body: 'ok' }));
  });
  afterAll(async () => {
    await hooks.close();
    await smtp.close();
  });

  it('a recipient refused at RCPT is a delivery failure naming it and saying who did get the email', async () => {
    const before = smtp.received.length;
    const c = config({ smtpUrl: smtpUrl(), emailTo: ['good@example.org', 'Bad Address <bad@example.org>'] });
    const err = await failure(deliverDigest(hostileDay(), c));
    expect(exitCodeFor(err)).toBe(6);
    expect(err.message).toMatch(/^\[email\] SMTP server 127\.0\.0\.1 refused bad@example\.org \(550 5\.1\.1 No such user\); delivered to good@example\.org$/);
    expect(smtp.received.length).toBe(before + 1);
    expect(smtp.received.at(-1)?.rcpt).toEqual(['good@example.org']);
    expect(err.sent).toEqual(['email (1 of 2 recipients)']);
  });

  it('an email that reached some recipients counts among what was sent, so a second failure never says "nothing sent"', async () => {
    const c = config({ smtpUrl: smtpUrl(), emailTo: ['good@example.org', 'bad@example.org'], slackWebhook: `${hooks.url}/dead` });
    const err = await failure(deliverDigest(hostileDay(), c));
    expect(err.sent).toEqual(['email (1 of 2 recipients)']);
    expect(err.message).toMatch(/^\[deliver\] 2 deliveries failed: \[email\] .*; delivered to good@example\.org; \[slack\] .* 404: no_service$/);
  });

  it('emailMaxPapers caps the papers the email lists under the categories', async () => {
    await deliverDigest(hostileDay(), config({ smtpUrl: smtpUrl(), emailTo: ['good@example.org'], emailMaxPapers: 2 }));
    const text = (await PostalMime.parse(smtp.received.at(-1)?.raw ?? '')).text ?? '';
    expect([...text.matchAll(/^\d+\. /gm)]).toHaveLength(2);
    expect(text).toContain('4 more papers in the reader.');
  });

  it('one failed channel does not hide the channels that got the digest', async () => {
    const c = config({ slackWebhook: `${hooks.url}/ok`, feishuWebhook: `${hooks.url}/dead` });
    const err = await failure(deliverDigest(hostileDay(), c));
    expect(exitCodeFor(err)).toBe(6);
    expect(err.sent).toEqual(['slack']);
    expect(err.failures.map((f) => f.channel)).toEqual(['feishu']);
    expect(err.message).toMatch(/^\[feishu\] webhook at 127\.0\.0\.1:\d+ answered 404: no_service \(sent: slack\)$/);
  });

  it('several failures are one line, and say when nothing was sent', async () => {
    const c = config({ slackWebhook: `${hooks.url}/dead/1`, feishuWebhook: `${hooks.url}/dead/2` });
    const err = await failure(deliverDigest(hostileDay(), c));
    expect(err.sent).toEqual([]);
    expect(err.message).toMatch(/^\[deliver\] 2 deliveries failed: \[slack\] .*; \[feishu\] .* \(nothing sent\)$/);
  });

  it('a channel whose settings fail at send time is a delivery failure (exit 6), and the others are still tried', async () => {
    const posted = hooks.requests.length;
    const c = config({ smtpUrl: 'http://user:hunter2@mail.example.org', emailTo: ['good@example.org'], slackWebhook: `${hooks.url}/ok` });
    const err = await failure(deliverDigest(hostileDay(), c));
    expect(exitCodeFor(err)).toBe(6);
    expect(err.failures[0]?.kind).toBe('config');
    expect(err.message).toMatch(/^\[email\] PREPRINT_DIGEST_SMTP_URL: SMTP URL must look like smtp:\/\/user:password@host:587 .* \(sent: slack\)$/);
    expect(err.message).not.toContain('hunter2');
    expect(hooks.requests.length).toBe(posted + 1);
  });
});
