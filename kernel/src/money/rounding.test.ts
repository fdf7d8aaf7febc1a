import { describe, expect, it } from 'vitest';
import { divideRounded } from './rounding.ts';

describe('divideRounded (half away from zero)', () => {
  it.each([
    { numerator: 10n, denominator: 4n, expected: 3n, why: '2.5 rounds up' },
    { numerator: -10n, denominator: 4n, expected: -3n, why: '-2.5 rounds away from zero' },
    { numerator: 10n, denominator: -4n, expected: -3n, why: 'sign from the denominator' },
    { numerator: 9n, denominator: 4n, expected: 2n, why: '2.25 rounds down' },
    { numerator: 11n, denominator: 4n, expected: 3n, why: '2.75 rounds up' },
    { numerator: -9n, denominator: 4n, expected: -2n, why: '-2.25 rounds toward zero' },
    { numerator: 12345n, denominator: 10n, expected: 1235n, why: '1234.5 kopecks become 1235' },
    { numerator: 0n, denominator: 7n, expected: 0n, why: 'zero' },
    { numerator: 1n, denominator: 3n, expected: 0n, why: 'a third' },
    { numerator: 2n, denominator: 3n, expected: 1n, why: 'two thirds' },
  ])('$numerator / $denominator = $expected ($why)', ({ numerator, denominator, expected }) => {
    expect(divideRounded(numerator, denominator)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });
});
