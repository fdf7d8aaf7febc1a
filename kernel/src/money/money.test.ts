import { describe, expect, it } from 'vitest';
import { add, compare, equals, euros, kopecks, money, negate, rubles, subtract, sum, zero } from './money.ts';

describe('money', () => {
  it('keeps integer minor units', () => {
    expect(rubles(400_000)).toEqual({ minorUnits: 40_000_000, currency: 'RUB' });
    expect(kopecks(1_234_567n)).toEqual({ minorUnits: 1_234_567, currency: 'RUB' });
    expect(euros(30_000)).toEqual({ minorUnits: 3_000_000, currency: 'EUR' });
  });

  it.each([
    { value: 1.5, why: 'a fraction of a kopeck' },
    { value: Number.NaN, why: 'NaN' },
    { value: Number.MAX_SAFE_INTEGER + 1, why: 'beyond the safe integers' },
    { value: 2n ** 60n, why: 'a bigint beyond the safe integers' },
  ])('refuses $why', ({ value }) => {
    expect(() => money(value, 'RUB')).toThrow(RangeError);
  });

  it('adds, subtracts and negates within one currency', () => {
    expect(add(kopecks(150), kopecks(275))).toEqual(kopecks(425));
    expect(subtract(kopecks(150), kopecks(275))).toEqual(kopecks(-125));
    expect(negate(kopecks(125))).toEqual(kopecks(-125));
    expect(negate(zero('RUB'))).toEqual(kopecks(0));
    expect(sum([kopecks(1), kopecks(2), kopecks(3)], 'RUB')).toEqual(kopecks(6));
    expect(sum([], 'EUR')).toEqual(zero('EUR'));
  });

  it('compares', () => {
    expect(compare(kopecks(1), kopecks(2))).toBe(-1);
    expect(compare(kopecks(2), kopecks(2))).toBe(0);
    expect(compare(kopecks(3), kopecks(2))).toBe(1);
    expect(equals(kopecks(100), rubles(1))).toBe(true);
    expect(equals(rubles(1), euros(1))).toBe(false);
  });

  it('refuses to mix currencies', () => {
    expect(() => add(rubles(1), euros(1))).toThrow(/cannot combine RUB with EUR/);
    expect(() => compare(rubles(1), euros(1))).toThrow(RangeError);
  });
});
