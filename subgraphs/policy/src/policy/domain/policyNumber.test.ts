import { describe, expect, it } from 'vitest';
import {
  insurerPolicyNumber,
  isPolicyNumberOf,
  newPolicyNumber,
  osagoPolicyNumber,
  prolongedPolicyNumber,
} from './policyNumber.ts';

describe('policy numbers', () => {
  it.each([
    { sequence: 1, number: 'ХХХ 0000000001' },
    { sequence: 123_456_789, number: 'ХХХ 0123456789' },
    { sequence: 9_999_999_999, number: 'ХХХ 9999999999' },
  ])('e-ОСАГО number for sequence $sequence', ({ sequence, number }) => {
    expect(osagoPolicyNumber(sequence)).toBe(number);
    expect(isPolicyNumberOf('OSAGO', number)).toBe(true);
  });

  it.each([
    { product: 'KASKO', number: 'КАС-25-00001234' },
    { product: 'DMS', number: 'ДМС-25-00001234' },
    { product: 'PROPERTY', number: 'ИМУ-25-00001234' },
    { product: 'MORTGAGE', number: 'ИПО-25-00001234' },
    { product: 'TRAVEL', number: 'ВЗР-25-00001234' },
    { product: 'ACCIDENT', number: 'НСЛ-25-00001234' },
  ] as const)('$product number', ({ product, number }) => {
    expect(insurerPolicyNumber(product, '2025-11-25', 1234)).toBe(number);
    expect(newPolicyNumber(product, '2025-11-25', 1234)).toBe(number);
    expect(isPolicyNumberOf(product, number)).toBe(true);
    expect(isPolicyNumberOf('OSAGO', number)).toBe(false);
  });

  it('numbers prolonged terms', () => {
    expect(prolongedPolicyNumber('КАС-25-00001234')).toBe('КАС-25-00001234/1');
    expect(prolongedPolicyNumber('КАС-25-00001234/1')).toBe('КАС-25-00001234/2');
    expect(prolongedPolicyNumber('КАС-25-00001234/9')).toBe('КАС-25-00001234/10');
    expect(isPolicyNumberOf('KASKO', 'КАС-25-00001234/10')).toBe(true);
    expect(() => prolongedPolicyNumber('ХХХ 0123456789')).toThrow(RangeError);
  });

  it.each(['XXX 0123456789', 'ХХХ 012345678', 'ХХХ0123456789', 'ТТТ 0123456789'])(
    '%j is not an e-ОСАГО number of ours',
    (number) => {
      expect(isPolicyNumberOf('OSAGO', number)).toBe(false);
    },
  );

  it.each([0, -1, 1.5, 10_000_000_000])('refuses sequence %d', (sequence) => {
    expect(() => osagoPolicyNumber(sequence)).toThrow(RangeError);
  });

  it('refuses a sequence wider than eight digits for insurer numbers', () => {
    expect(() => insurerPolicyNumber('DMS', '2025-01-01', 100_000_000)).toThrow(RangeError);
  });
});
