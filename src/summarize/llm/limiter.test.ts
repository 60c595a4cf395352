import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('createLimiter', () => {
  it('never runs more than the ceiling at once', async () => {
    const limiter = createLimiter(3);
    let now = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.run(async () => {
          peak = Math.max(peak, ++now);
          await tick();
          now--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('halves when push-backs are a noticeable share of recent outcomes, once per cool-down', () => {
    const limiter = createLimiter(8, { cooldownMs: 60_000 });
    limiter.pushBack();
    expect(limiter.limit).toBe(8); // one 429 is noise
    limiter.pushBack();
    expect(limiter.limit).toBe(4);
    limiter.pushBack(); // inside the cool-down: ignored
    expect(limiter.limit).toBe(4);
  });

  it('ignores a lone push-back among many successes', () => {
    const limiter = createLimiter(16, { cooldownMs: 0 });
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 15; j++) limiter.success();
      limiter.pushBack();
    }
    expect(limiter.lowest).toBe(16);
  });

  it('recovers by one after a round of successes, up to the ceiling', () => {
    const limiter = createLimiter(8, { cooldownMs: 0 });
    limiter.pushBack();
    limiter.pushBack();
    expect(limiter.limit).toBe(4);
    for (let i = 0; i < 4; i++) limiter.success();
    expect(limiter.limit).toBe(5);
    for (let i = 0; i < 100; i++) limiter.success();
    expect(limiter.limit).toBe(8);
    expect(limiter.lowest).toBe(4);
  });

  it('does not go below one', () => {
    const limiter = createLimiter(2, { cooldownMs: 0 });
    for (let i = 0; i < 8; i++) limiter.pushBack();
    expect(limiter.limit).toBe(1);
  });
});
