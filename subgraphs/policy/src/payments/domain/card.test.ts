import { describe, expect, it } from 'vitest';
import {
  assertPaymentMethodUsable,
  detectCardBrand,
  parseCardExpiry,
  summarizeCard,
  type PaymentMethod,
} from './card.ts';
import { passesLuhn } from './luhn.ts';

describe('Luhn', () => {
  it.each([
    ['4111111111111111', true],
    ['5555555555554444', true],
    ['2200000000000004', true],
    ['79927398713', true],
    ['4111111111111112', false],
    ['2200000000000005', false],
    ['79927398710', false],
    ['', false],
    ['4111 1111 1111 1111', false],
  ])('%j → %s', (digits, valid) => {
    expect(passesLuhn(digits)).toBe(valid);
  });
});

describe('card brand', () => {
  it.each([
    ['2200000000000004', 'MIR'],
    ['2204000000000000', 'MIR'],
    ['4111111111111111', 'VISA'],
    ['4222222222222', 'VISA'],
    ['5555555555554444', 'MASTERCARD'],
    ['2221000000000009', 'MASTERCARD'],
    ['6200000000000005', 'UNIONPAY'],
    ['3530111333300000', 'JCB'],
    ['378282246310005', undefined],
    ['2205000000000000', undefined],
    ['41111111111111', undefined],
  ])('%s → %s', (digits, brand) => {
    expect(detectCardBrand(digits)).toBe(brand);
  });
});

describe('summarizeCard', () => {
  const today = '2026-03-15';

  it('keeps brand, last 4 digits and expiry only', () => {
    expect(summarizeCard({ number: '2200 0000 0000 0004', expiry: '03/26' }, today)).toEqual({
      brand: 'MIR',
      last4: '0004',
      expiry: { month: 3, year: 2026 },
    });
  });

  it.each([
    { number: '2200 0000 0000 0005', expiry: '12/28', code: 'INVALID_CARD_NUMBER', why: 'Luhn fails' },
    { number: '2200 0000 0000', expiry: '12/28', code: 'INVALID_CARD_NUMBER', why: 'too short' },
    {
      number: '3782 822463 10005',
      expiry: '12/28',
      code: 'CARD_BRAND_NOT_SUPPORTED',
      why: 'American Express',
    },
    { number: '4111111111111111', expiry: '02/26', code: 'CARD_EXPIRED', why: 'expired last month' },
    { number: '4111111111111111', expiry: '13/28', code: 'INVALID_CARD_EXPIRY', why: 'month 13' },
    { number: '4111111111111111', expiry: '1/28', code: 'INVALID_CARD_EXPIRY', why: 'one-digit month' },
    {
      number: '4111111111111111',
      expiry: '12/99',
      code: 'INVALID_CARD_EXPIRY',
      why: 'more than 20 years ahead',
    },
  ])('refuses $why with $code', ({ number, expiry, code }) => {
    expect(() => summarizeCard({ number, expiry }, today)).toThrow(expect.objectContaining({ code }));
  });

  it('accepts a card through the last day of its month', () => {
    expect(parseCardExpiry('03/26', '2026-03-31')).toEqual({ month: 3, year: 2026 });
    expect(() => parseCardExpiry('03/26', '2026-04-01')).toThrow(
      expect.objectContaining({ code: 'CARD_EXPIRED' }),
    );
  });
});

describe('assertPaymentMethodUsable', () => {
  const method: PaymentMethod = {
    id: 'method-1',
    customerId: 'customer-1',
    providerToken: 'dev-card:APPROVE:1',
    brand: 'VISA',
    last4: '1111',
    expiry: { month: 3, year: 2026 },
    addedAt: '2025-01-01T00:00:00.000Z',
  };

  it.each([
    { method: undefined, customerId: 'customer-1', today: '2026-03-01', code: 'PAYMENT_METHOD_NOT_FOUND' },
    { method, customerId: 'customer-2', today: '2026-03-01', code: 'PAYMENT_METHOD_NOT_FOUND' },
    { method, customerId: 'customer-1', today: '2026-04-01', code: 'CARD_EXPIRED' },
  ])('refuses with $code', ({ method: candidate, customerId, today, code }) => {
    expect(() => assertPaymentMethodUsable(candidate, customerId, today)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('returns the customer’s valid card', () => {
    expect(assertPaymentMethodUsable(method, 'customer-1', '2026-03-31')).toBe(method);
  });
});
