import { testPrincipals } from '@cabinet/kernel/testing';
import { describe, expect, it } from 'vitest';
import { assertMaySeeCustomer } from './customerAccess.ts';

const { customer, partner, staff } = testPrincipals;

describe('assertMaySeeCustomer', () => {
  it.each([
    { who: 'the customer themselves', principal: customer('holder') },
    { who: 'staff', principal: staff() },
  ])('shows the record to $who', ({ principal }) => {
    expect(() => assertMaySeeCustomer(principal, 'holder')).not.toThrow();
  });

  it.each([
    { who: 'another customer', principal: customer('someone-else'), code: 'CUSTOMER_NOT_FOUND' },
    {
      who: 'another customer without the consent in force',
      principal: customer('someone-else', null),
      code: 'CUSTOMER_NOT_FOUND',
    },
    {
      who: 'the customer without the consent in force',
      principal: customer('holder', null),
      code: 'CONSENT_REQUIRED',
    },
    { who: 'a partner, who sees no personal data', principal: partner('bank'), code: 'FORBIDDEN' },
    { who: 'an anonymous caller', principal: testPrincipals.anonymous(), code: 'UNAUTHENTICATED' },
  ])('refuses $who with $code', ({ principal, code }) => {
    expect(() => assertMaySeeCustomer(principal, 'holder')).toThrow(expect.objectContaining({ code }));
  });
});
