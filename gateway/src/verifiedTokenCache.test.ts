import { DomainError } from '@cabinet/kernel';
import type { AccessTokenVerifier, VerifiedToken } from '@cabinet/platform/auth';
import { describe, expect, it } from 'vitest';
import { cacheVerifiedTokens } from './verifiedTokenCache.ts';

const EXPIRES_AT = 1_000_000;

/** A verifier that knows tokens named `good-*` (valid until EXPIRES_AT) and counts what it is asked. */
function harness(maxEntries = 2) {
  let clock = 0;
  const asked: string[] = [];
  const verifier: AccessTokenVerifier = {
    verify: (token) => {
      asked.push(token);
      if (!token.startsWith('good-'))
        return Promise.reject(new DomainError('UNAUTHENTICATED', 'Войдите снова.'));
      return Promise.resolve({
        principal: { kind: 'customer', customerId: token, sessionId: 's', trusted: true },
        expiresAt: new Date(EXPIRES_AT),
      } satisfies VerifiedToken);
    },
    principalFromAuthorization: () => Promise.reject(new Error('not used')),
  };
  const cached = cacheVerifiedTokens(verifier, { maxEntries, now: () => clock });
  return {
    cached,
    asked,
    at: (time: number) => (clock = time),
    verifyAll: async (tokens: string[]) => {
      for (const token of tokens) await cached.verify(token).catch(() => undefined);
    },
  };
}

describe('cacheVerifiedTokens', () => {
  it.each([
    { given: 'the same token twice', tokens: ['good-a', 'good-a'], asked: ['good-a'] },
    {
      given: 'a token and a tampered copy',
      tokens: ['good-a', 'good-a-tampered', 'good-a'],
      asked: ['good-a', 'good-a-tampered'],
    },
    { given: 'a refused token twice', tokens: ['bad', 'bad'], asked: ['bad', 'bad'] },
    {
      given: 'more tokens than it keeps',
      tokens: ['good-a', 'good-b', 'good-c', 'good-a'],
      asked: ['good-a', 'good-b', 'good-c', 'good-a'],
    },
    {
      given: 'a recently used token when another comes in',
      tokens: ['good-a', 'good-b', 'good-a', 'good-c', 'good-a', 'good-b'],
      asked: ['good-a', 'good-b', 'good-c', 'good-b'],
    },
  ])('given $given, asks the verifier for $asked', async ({ tokens, asked }) => {
    const subject = harness();
    await subject.verifyAll(tokens);
    expect(subject.asked).toEqual(asked);
  });

  it('keeps a token until its expiry and never longer', async () => {
    const subject = harness();
    await subject.verifyAll(['good-a']);
    subject.at(EXPIRES_AT - 1);
    await expect(subject.cached.verify('good-a')).resolves.toMatchObject({
      principal: { customerId: 'good-a' },
    });
    expect(subject.asked).toEqual(['good-a']);

    subject.at(EXPIRES_AT);
    await subject.verifyAll(['good-a']);
    expect(subject.asked).toEqual(['good-a', 'good-a']);
  });

  it('refuses a bad token every time with the verifier’s error', async () => {
    const { cached } = harness();
    await expect(cached.verify('bad')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(cached.principalFromAuthorization('Bearer bad')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('reads an Authorization header through the cache', async () => {
    const subject = harness();
    await expect(subject.cached.principalFromAuthorization(undefined)).resolves.toEqual({
      kind: 'anonymous',
    });
    await subject.cached.principalFromAuthorization('Bearer good-a');
    await subject.cached.principalFromAuthorization('Bearer good-a');
    expect(subject.asked).toEqual(['good-a']);
  });
});
