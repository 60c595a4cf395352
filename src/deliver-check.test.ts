import { describe, expect, it } from 'vitest';
import { checkDelivery, emailSettings } from './deliver-check.js';
import { deliveryConfig } from '../test/fixtures/delivery.js';
import type { DeliveryConfig } from './deliver.js';
import { ConfigError } from './errors.js';

const NONE = deliveryConfig();
const SMTP = 'smtp://bot:hunter2@mail.example.org:587';

function problem(overrides: Partial<DeliveryConfig>): string {
  try {
    checkDelivery({ ...NONE, ...overrides });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return '';
}

describe('checkDelivery (before a run does any work)', () => {
  it('accepts no channels, and complete ones', () => {
    expect(problem({})).toBe('');
    expect(problem({ emailTo: ['a@example.org', 'Alan Turing <alan@example.net>'], smtpUrl: SMTP, emailFrom: 'Digest <d@example.org>' })).toBe('');
    expect(problem({ slackWebhook: 'https://hooks.slack.com/services/T/B/x', telegramToken: '123:abc_DEF-9', telegramChatId: '@digest' })).toBe('');
    // Without recipients the SMTP URL is not used, so it is not judged either.
    expect(problem({ smtpUrl: 'not a url' })).toBe('');
  });

  it('recipients need an SMTP URL, and a usable one (never repeated: it holds the password)', () => {
    expect(problem({ emailTo: ['a@example.org'] })).toBe('[config] emailing the digest (--to, emailTo) needs PREPRINT_DIGEST_SMTP_URL (smtp://user:pass@host:587)');
    const bad = problem({ emailTo: ['a@example.org'], smtpUrl: 'http://bot:hunter2@mail.example.org' });
    expect(bad).toMatch(/^\[config\] PREPRINT_DIGEST_SMTP_URL: SMTP URL must look like smtp:\/\//);
    expect(bad).not.toContain('hunter2');
  });

  it('refuses an invalid recipient or sender before anything is fetched', () => {
    expect(problem({ emailTo: ['not-an-address'], smtpUrl: SMTP })).toBe('[config] "not-an-address" is not an email address');
    expect(problem({ emailTo: ['a@example.org'], smtpUrl: SMTP, emailFrom: 'nobody' })).toBe('[config] "nobody" is not an email address');
  });

  it('a half-configured channel names the missing setting', () => {
    expect(problem({ telegramToken: '123:abc' })).toMatch(/^\[config\] PREPRINT_DIGEST_TELEGRAM_TOKEN is set but telegramChatId is not: /);
    expect(problem({ telegramChatId: '@digest' })).toMatch(/^\[config\] telegramChatId is set but PREPRINT_DIGEST_TELEGRAM_TOKEN is not/);
    expect(problem({ feishuSecret: 's3cret' })).toMatch(/^\[config\] PREPRINT_DIGEST_FEISHU_SECRET is set but PREPRINT_DIGEST_FEISHU_WEBHOOK is not/);
  });

  it('refuses a malformed bot token or webhook URL without repeating it', () => {
    const token = problem({ telegramToken: 'not-a-token', telegramChatId: '42' });
    expect(token).toBe('[config] PREPRINT_DIGEST_TELEGRAM_TOKEN is malformed (expected DIGITS:KEY from @BotFather)');
    const hook = problem({ slackWebhook: 'hooks.slack.com/services/T/B/SECRET' });
    expect(hook).toBe('[config] PREPRINT_DIGEST_SLACK_WEBHOOK must be an http(s) URL');
    expect(problem({ feishuWebhook: 'ftp://x/SECRET' })).toBe('[config] PREPRINT_DIGEST_FEISHU_WEBHOOK must be an http(s) URL');
  });
});

describe('emailSettings', () => {
  it('defaults the sender to an address the SMTP host can be the domain of (an IP address bracketed)', () => {
    const from = (smtpUrl: string) => emailSettings(deliveryConfig({ smtpUrl })).from;
    expect(from('smtp://127.0.0.1:2525')).toBe('preprint-digest@[127.0.0.1]');
    expect(from('smtp://[::1]:2525')).toBe('preprint-digest@[IPv6:::1]');
    expect(from('smtp://mail.example.org:587')).toBe('preprint-digest@mail.example.org');
    expect(from('smtp://bot%40example.org:pw@mail.example.org:587')).toBe('bot@example.org');
  });
});
