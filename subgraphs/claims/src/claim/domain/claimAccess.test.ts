import { testPrincipals } from '@cabinet/kernel/testing';
import { describe, expect, it } from 'vitest';
import { assertMayReadClaim, mayFollowStatus } from './claimAccess.ts';

const claim = { claimId: 'c1', customerId: 'owner', soldByPartnerId: 'bank' };
const { customer, partner } = testPrincipals;
const nobody = testPrincipals.anonymous();
const staff = testPrincipals.staff();

describe('who may read a claim', () => {
  it.each([
    ['the owner', customer('owner'), null],
    ['staff', staff, null],
    ['another customer', customer('other'), 'CLAIM_NOT_FOUND'],
    ['the owner without the current consent', customer('owner', null), 'CONSENT_REQUIRED'],
    ['the owner under an old consent version', customer('owner', '2020-01'), 'CONSENT_REQUIRED'],
    ['the partner that sold the policy', partner('bank'), 'CLAIM_NOT_FOUND'],
    ['another partner', partner('dealer'), 'CLAIM_NOT_FOUND'],
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
