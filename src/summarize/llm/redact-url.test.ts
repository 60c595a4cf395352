import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('hides userinfo and secret query values', () => {
    expect(redactUrl('http://user:s3cretpw@127.0.0.1:8080/v1')).toBe('http://***@127.0.0.1:8080/v1');
    expect(redactUrl('https://TOKEN123@example.com/v1')).toBe('https://***@example.com/v1');
    expect(redactUrl('https://x.openai.azure.com/v1?api-version=2024-06-01&api-key=abc123')).toBe('https://x.openai.azure.com/v1?api-version=2024-06-01&api-key=***');
    expect(redactUrl('https://h/v1?access_token=t&sig=s')).toBe('https://h/v1?access_token=***&sig=***');
  });

  it('leaves a URL without credentials exactly as written', () => {
    for (const url of ['https://api.deepseek.com/v1', 'http://127.0.0.1:11434/v1/', 'https://h/v1?api-version=2024-06-01']) expect(redactUrl(url)).toBe(url);
  });

  it('hides userinfo in something that does not parse as a URL', () => {
    expect(redactUrl('http://user:pw@[bad/v1')).toBe('http://***@[bad/v1');
  });
});
