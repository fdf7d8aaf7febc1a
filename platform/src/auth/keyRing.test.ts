import { describe, expect, it } from 'vitest';
import { keysStillNeeded } from './keyRing.ts';

describe('key retention after rotation', () => {
  const minutes = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
  const keys = [
    { kid: 'old', createdAt: minutes(0) },
    { kid: 'middle', createdAt: minutes(100) },
    { kid: 'active', createdAt: minutes(110) },
  ];
  it.each([
    [115, ['old', 'middle', 'active']],
    [125, ['middle', 'active']],
    [140, ['active']],
  ])('at minute %i with 25 minutes retention it keeps %j', (now, kept) => {
    expect(keysStillNeeded(keys, minutes(now), 25 * 60_000).map((key) => key.kid)).toEqual(kept);
  });
});
