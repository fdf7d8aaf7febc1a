import { describe, expect, it } from 'vitest';
import { kopecks, rubles } from './money.ts';
import { factor, multiply, ratio } from './scaling.ts';

describe('factor', () => {
  it.each([
    { text: '1.87', numerator: 187n, denominator: 100n },
    { text: '1', numerator: 1n, denominator: 1n },
    { text: '0.046', numerator: 46n, denominator: 1000n },
    { text: '0.000001', numerator: 1n, denominator: 1_000_000n },
  ])('reads $text exactly', ({ text, numerator, denominator }) => {
    expect(factor(text)).toEqual({ numerator, denominator, text });
  });

  it.each(['1,87', '-1', '01.5', '.5', '1.', '1.0000001', '1e3', ''])('refuses %j', (text) => {
    expect(() => factor(text)).toThrow(RangeError);
  });
});

describe('multiply', () => {
  it.each([
    {
      given: 'an ОСАГО chain rounded once at the end',
      amount: rubles(6_800),
      factors: ['1.87', '1.17', '1.04', '1.4', '1'].map(factor),
      // 680 000 × 1.87 × 1.17 × 1.04 × 1.4 = 2 166 196.032 kopecks
      expected: kopecks(2_166_196),
    },
    {
      given: 'a time fraction',
      amount: rubles(12_000),
      factors: [ratio(7, 12)],
      expected: rubles(7_000),
    },
    {
      given: 'a half kopeck rounds up',
      amount: kopecks(1),
      factors: [ratio(1, 2)],
      expected: kopecks(1),
    },
    {
      given: 'a negative half kopeck rounds away from zero',
      amount: kopecks(-1),
      factors: [ratio(1, 2)],
      expected: kopecks(-1),
    },
    {
      given: 'pro rata of 100 000.00 for 200 of 365 days',
      amount: rubles(100_000),
      factors: [ratio(200, 365)],
      // 10 000 000 × 200 / 365 = 5 479 452.05… kopecks
      expected: kopecks(5_479_452),
    },
  ])('$given', ({ amount, factors, expected }) => {
    expect(multiply(amount, ...factors)).toEqual(expected);
  });

  it('refuses a ratio with a zero or fractional denominator', () => {
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => ratio(1, 1.5)).toThrow(RangeError);
  });
});
