import { describe, expect, it } from 'vitest';
import { countAttempt } from './fixedWindow.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('attempt window', () => {
  const limit = { max: 2, windowMs: 10 * 60_000 };
  it('allows up to the limit, then tells when to retry, then opens a new window', () => {
    const first = countAttempt(null, limit, t0);
    const second = first.allowed ? countAttempt(first.window, limit, at(1)) : first;
    const third = second.allowed ? countAttempt(second.window, limit, at(4)) : second;
    expect([first.allowed, second.allowed, third]).toEqual([
      true,
      true,
      { allowed: false, retryAfterSeconds: 360 },
    ]);
    expect(second.allowed && countAttempt(second.window, limit, at(10))).toMatchObject({
      allowed: true,
      window: { count: 1 },
    });
  });
});
