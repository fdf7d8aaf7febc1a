import { testPrincipals } from '@cabinet/kernel/testing';
import { describe, expect, it } from 'vitest';
import {
  assertMaySeeCustomerPolicies,
  assertMaySeePersonalData,
  assertMaySeePolicy,
} from './policyAccess.ts';
import type { PolicyRecord } from './policyRecord.ts';

const policy = { id: 'policy-1', holderId: 'holder', soldByPartnerId: 'bank' } as PolicyRecord;
const { customer, partner } = testPrincipals;
const anonymous = testPrincipals.anonymous();
const staff = testPrincipals.staff();

describe('assertMaySeePolicy', () => {
  it.each([
    { who: 'the holder', principal: customer('holder') },
    { who: 'staff', principal: staff },
    { who: 'the partner that sold it', principal: partner('bank') },
  ])('shows the policy to $who', ({ principal }) => {
    expect(assertMaySeePolicy(principal, policy)).toBe(policy);
  });

  it.each([
    { who: 'another customer', principal: customer('someone-else'), code: 'POLICY_NOT_FOUND' },
    { who: 'another partner', principal: partner('dealer'), code: 'POLICY_NOT_FOUND' },
    {
      who: 'the holder without the consent in force',
      principal: customer('holder', null),
      code: 'CONSENT_REQUIRED',
    },
    { who: 'an anonymous caller', principal: anonymous, code: 'UNAUTHENTICATED' },
  ])('refuses $who with $code', ({ principal, code }) => {
    expect(() => assertMaySeePolicy(principal, policy)).toThrow(expect.objectContaining({ code }));
  });

  it('answers a missing policy exactly as a foreign one', () => {
    expect(() => assertMaySeePolicy(customer('holder'), null)).toThrow(
      expect.objectContaining({ code: 'POLICY_NOT_FOUND' }),
    );
  });
});

describe('assertMaySeeCustomerPolicies', () => {
  it.each([
    { who: 'the customer', principal: customer('holder'), code: null },
    { who: 'staff', principal: staff, code: null },
    { who: 'another customer', principal: customer('someone-else'), code: 'FORBIDDEN' },
    { who: 'a partner', principal: partner('bank'), code: 'FORBIDDEN' },
    { who: 'the customer without consent', principal: customer('holder', null), code: 'CONSENT_REQUIRED' },
  ])('answers $who with $code', ({ principal, code }) => {
    if (code === null) expect(() => assertMaySeeCustomerPolicies(principal, 'holder')).not.toThrow();
    else
      expect(() => assertMaySeeCustomerPolicies(principal, 'holder')).toThrow(
        expect.objectContaining({ code }),
      );
  });
});

describe('assertMaySeePersonalData', () => {
  it.each([
    { who: 'the holder', principal: customer('holder') },
    { who: 'staff', principal: staff },
  ])('lets $who see the holder and the insured object', ({ principal }) => {
    expect(() => assertMaySeePersonalData(principal)).not.toThrow();
  });

  it('keeps them from the partner that sold the policy', () => {
    expect(() => assertMaySeePersonalData(partner('bank'))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});
