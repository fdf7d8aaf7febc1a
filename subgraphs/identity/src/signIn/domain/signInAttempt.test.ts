import { describe, expect, it } from 'vitest';
import { newSignInAttempt, refusalOf } from './signInAttempt.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('sign-in attempt', () => {
  const attempt = newSignInAttempt({ id: 'a', state: 's', redirectUri: 'https://x/cb', now: t0 });
  it.each([
    ['the matching state in time', attempt, 's', at(9), null],
    ['no attempt', null, 's', at(1), 'unknown'],
    ['a used attempt', { ...attempt, usedAt: at(1).toISOString() }, 's', at(2), 'used'],
    ['after 10 minutes', attempt, 's', at(10), 'expired'],
    ['another state', attempt, 'other', at(1), 'state_mismatch'],
  ] as const)('given %s, refusal is %s', (_case, given, state, now, refusal) => {
    expect(refusalOf(given, state, now)).toBe(refusal);
  });
});
