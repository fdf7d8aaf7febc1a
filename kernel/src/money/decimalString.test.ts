import { describe, expect, it } from 'vitest';
import { formatDecimal, formatForPeople, fromApiMoney, parseDecimal, toApiMoney } from './decimalString.ts';
import { euros, kopecks, money } from './money.ts';

describe('formatDecimal', () => {
  it.each([
    { minorUnits: 1_234_567, text: '12345.67' },
    { minorUnits: 5, text: '0.05' },
    { minorUnits: -5, text: '-0.05' },
    { minorUnits: 0, text: '0.00' },
    { minorUnits: 40_000_000, text: '400000.00' },
    { minorUnits: -1_234_567, text: '-12345.67' },
  ])('$minorUnits kopecks → $text', ({ minorUnits, text }) => {
    expect(formatDecimal(kopecks(minorUnits))).toBe(text);
  });

  it('gives the API shape', () => {
    expect(toApiMoney(kopecks(1_234_567))).toEqual({ amount: '12345.67', currency: 'RUB' });
    expect(toApiMoney(euros(30_000))).toEqual({ amount: '30000.00', currency: 'EUR' });
  });
});

describe('parseDecimal', () => {
  it.each([
    { text: '12345.67', minorUnits: 1_234_567 },
    { text: '12345.6', minorUnits: 1_234_560 },
    { text: '12345', minorUnits: 1_234_500 },
    { text: '0', minorUnits: 0 },
    { text: '0.05', minorUnits: 5 },
    { text: '-0.05', minorUnits: -5 },
    { text: '90071992547409.91', minorUnits: Number.MAX_SAFE_INTEGER },
  ])('reads $text', ({ text, minorUnits }) => {
    expect(parseDecimal(text, 'RUB')).toEqual(money(minorUnits, 'RUB'));
  });

  it.each([
    ['12345,67', 'a comma'],
    ['12 345.67', 'a space'],
    [' 1', 'leading blank'],
    ['1.234', 'three decimals'],
    ['1.', 'a bare dot'],
    ['.5', 'no whole part'],
    ['01', 'a leading zero'],
    ['+1', 'a plus sign'],
    ['-0', 'negative zero'],
    ['1e3', 'an exponent'],
    ['', 'nothing'],
    ['90071992547409.92', 'beyond the safe integers'],
  ])('refuses %j (%s) with INVALID_MONEY_AMOUNT', (text) => {
    expect(() => parseDecimal(text, 'RUB')).toThrow(
      expect.objectContaining({ code: 'INVALID_MONEY_AMOUNT' }),
    );
  });

  it('round-trips through the API shape', () => {
    const amount = kopecks(-98_765);
    expect(fromApiMoney(toApiMoney(amount))).toEqual(amount);
  });

  it('refuses an unknown currency', () => {
    expect(() => fromApiMoney({ amount: '1.00', currency: 'USD' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CURRENCY' }),
    );
  });
});

describe('formatForPeople', () => {
  it.each([
    { amount: kopecks(1_234_567), text: '12\u202f345,67\u00a0₽' },
    { amount: kopecks(40_000_000), text: '400\u202f000,00\u00a0₽' },
    { amount: kopecks(-5), text: '-0,05\u00a0₽' },
    { amount: euros(30_000), text: '30\u202f000,00\u00a0€' },
  ])('$text', ({ amount, text }) => {
    expect(formatForPeople(amount)).toBe(text);
  });
});
