import { CURRENT_CONSENT_VERSION, type Principal } from '@cabinet/platform';
import { describe, expect, it } from 'vitest';
import { assertMayReadClaim, mayFollowStatus } from './claimAccess.ts';

const claim = { claimId: 'c1', customerId: 'owner', soldByPartnerId: 'bank' };
const customer = (
  customerId: string,
  consentVersion: string | null = CURRENT_CONSENT_VERSION,
): Principal => ({
  kind: 'customer',
  customerId,
  sessionId: 's',
  trusted: true,
  consentVersion,
});
const nobody: Principal = { kind: 'anonymous' };
const staff: Principal = { kind: 'staff', staffId: 'st', sessionId: 's', roles: ['adjuster'] };
const partner = (partnerId: string): Principal => ({
  kind: 'partner',
  partnerId,
  clientId: 'cl',
  scopes: ['claims:status'],
});

describe('who may read a claim', () => {
  it.each([
    ['the owner', customer('owner'), null],
    ['staff', staff, null],
    ['another customer', customer('other'), 'CLAIM_NOT_FOUND'],
    ['the owner without the current consent', customer('owner', null), 'CONSENT_REQUIRED'],
    ['the owner under an old consent version', customer('owner', '2020-01'), 'CONSENT_REQUIRED'],
    ['a partner', partner('bank'), 'FORBIDDEN'],
    ['nobody', nobody, 'UNAUTHENTICATED'],
  ])('%s', (_who, principal, code) => {
    const read = () => assertMayReadClaim(principal, claim, claim.claimId);
    if (code === null) expect(read()).toBe(claim);
    else expect(read).toThrow(expect.objectContaining({ code }) as Error);
  });
});

describe('who may follow its status', () => {
  it.each([
    ['the owner', customer('owner'), true],
    ['another customer', customer('other'), false],
    ['staff', staff, true],
    ['the partner that sold the policy', partner('bank'), true],
    ['another partner', partner('dealer'), false],
    ['nobody', nobody, false],
  ])('%s', (_who, principal, allowed) => {
    expect(mayFollowStatus(principal, claim)).toBe(allowed);
  });
});
