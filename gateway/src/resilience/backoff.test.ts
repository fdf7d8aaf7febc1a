import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';

describe('retryDelayMs', () => {
  const settings = { baseMs: 50, maxMs: 300 };

  it.each([
    { retry: 1, random: 0.999, expected: 49 },
    { retry: 2, random: 0.5, expected: 50 },
    { retry: 3, random: 0.999, expected: 199 },
    { retry: 4, random: 0.999, expected: 299 },
    { retry: 10, random: 0.5, expected: 150 },
    { retry: 3, random: 0, expected: 0 },
  ])('retry $retry with random $random waits $expected ms', ({ retry, random, expected }) => {
    expect(retryDelayMs(retry, settings, () => random)).toBe(expected);
  });
});
