import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimiter.ts';

const budget = { burst: 3, perMinute: 60 };

describe('RateLimiter', () => {
  it('allows a burst, refuses the next request with the seconds until one more is allowed, and refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    expect([1, 2, 3].map(() => limiter.take('ip:1', budget).allowed)).toEqual([true, true, true]);
    expect(limiter.take('ip:1', budget)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(limiter.take('ip:1', budget).allowed).toBe(true);
    expect(limiter.take('ip:1', budget).allowed).toBe(false);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter(() => 0);
    for (let i = 0; i < 3; i += 1) limiter.take('customer:a', budget);
    expect(limiter.take('customer:a', budget).allowed).toBe(false);
    expect(limiter.take('customer:b', budget).allowed).toBe(true);
  });

  it('forgets refilled keys once it holds too many', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now, 2);
    limiter.take('ip:1', budget);
    limiter.take('ip:2', budget);
    now += 60_000;
    limiter.take('ip:3', budget);
    expect(limiter.size).toBe(1);
  });
});
