import { describe, expect, it } from 'vitest';
import { customerLifecycleEventOf } from './customerLifecycle.ts';

const revoked = {
  customerId: 'c-1',
  consentVersion: '2026-01',
  revokedAt: '2026-04-20T09:00:00.000Z',
  eraseAt: '2026-05-20T09:00:00.000Z',
  erasureDueBy: '2026-05-20T09:00:00.000Z',
};

describe('customerLifecycleEventOf', () => {
  it('reads a published event as the contract types it', () => {
    expect(
      customerLifecycleEventOf({
        type: 'CustomerConsentRevoked',
        data: revoked,
        metadata: { schemaVersion: 1 },
      }),
    ).toEqual({ type: 'CustomerConsentRevoked', data: revoked });
  });

  it.each([
    ['another type', { type: 'CustomerRenamed', data: revoked, metadata: { schemaVersion: 1 } }],
    [
      'a version it does not know',
      { type: 'CustomerConsentRevoked', data: revoked, metadata: { schemaVersion: 2 } },
    ],
    [
      'a payload without its customer',
      { type: 'CustomerConsentRevoked', data: { revokedAt: 'x' }, metadata: { schemaVersion: 1 } },
    ],
    ['no payload', { type: 'CustomerConsentGiven', data: null, metadata: { schemaVersion: 1 } }],
  ])('returns null for %s', (_case, recorded) => {
    expect(customerLifecycleEventOf(recorded)).toBeNull();
  });
});
