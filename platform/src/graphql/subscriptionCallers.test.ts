import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessTokenVerifier } from '../auth/accessTokens.ts';
import type { EndedSessions } from '../auth/endedSessions.ts';
import { callerVerifier } from './subscriptionCallers.ts';

/** The tests' own moment: a token expiring an hour after it cannot end by expiry while they run. */
const NOW = new Date('2026-03-01T09:00:00Z');
const sessionId = randomUUID();
const verifier: AccessTokenVerifier = {
  verify: () =>
    Promise.resolve({
      principal: {
        kind: 'customer',
        customerId: randomUUID(),
        sessionId,
        trusted: true,
        consentVersion: '1',
      },
      expiresAt: new Date(NOW.getTime() + 60 * 60_000),
    }),
  principalFromAuthorization: () => Promise.reject(new Error('not used')),
};

/** Sessions that end when the test says so. */
function endingSessions() {
  const watchers = new Map<string, () => void>();
  const sessions: Pick<EndedSessions, 'watch'> = {
    watch(id, onEnded) {
      watchers.set(id, onEnded);
      return () => watchers.delete(id);
    },
  };
  return { sessions, watchers, end: (id: string) => watchers.get(id)?.() };
}

describe("a subscription caller's end", () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it("ends what the caller was given when the caller's session ends", async () => {
    const ending = endingSessions();
    const onEnd = vi.fn();
    const caller = await callerVerifier(verifier, ending.sessions)('Bearer token', onEnd);
    expect(caller?.authorization).toBe('token');

    ending.end(sessionId);
    expect(onEnd).toHaveBeenCalledWith('sessionEnded');
    caller?.release?.();
  });

  it('stops watching the session once released', async () => {
    const ending = endingSessions();
    const onEnd = vi.fn();
    const caller = await callerVerifier(verifier, ending.sessions)('token', onEnd);
    caller?.release?.();
    expect(ending.watchers.size).toBe(0);
    ending.end(sessionId);
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('watches nothing for a caller without a token', async () => {
    const ending = endingSessions();
    expect(await callerVerifier(verifier, ending.sessions)(undefined, vi.fn())).toBeUndefined();
    expect(ending.watchers.size).toBe(0);
  });
});
