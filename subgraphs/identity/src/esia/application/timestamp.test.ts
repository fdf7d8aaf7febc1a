import { describe, expect, it } from 'vitest';
import { formatEsiaTimestamp } from './timestamp.ts';

describe('formatEsiaTimestamp', () => {
  it.each([
    { moment: '2015-11-02T09:37:16Z', timestamp: '2015.11.02 09:37:16 +0000' },
    { moment: '2026-01-05T23:04:05.999+03:00', timestamp: '2026.01.05 20:04:05 +0000' },
  ])('writes $moment as $timestamp', ({ moment, timestamp }) => {
    expect(formatEsiaTimestamp(new Date(moment))).toBe(timestamp);
  });
});
