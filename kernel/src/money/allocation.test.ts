import { describe, expect, it } from 'vitest';
import { splitEvenly } from './allocation.ts';
import { kopecks } from './money.ts';

describe('splitEvenly', () => {
  it.each([
    { total: 1_000_000, parts: 4, expected: [250_000, 250_000, 250_000, 250_000] },
    { total: 1_000_001, parts: 4, expected: [250_001, 250_000, 250_000, 250_000] },
    { total: 1_000_003, parts: 4, expected: [250_003, 250_000, 250_000, 250_000] },
    { total: 100, parts: 12, expected: [12, ...Array<number>(11).fill(8)] },
    { total: -1_000_003, parts: 2, expected: [-500_002, -500_001] },
    { total: 7, parts: 1, expected: [7] },
  ])('$total kopecks in $parts parts', ({ total, parts, expected }) => {
    const split = splitEvenly(kopecks(total), parts);
    expect(split).toEqual(expected.map((value) => kopecks(value)));
    expect(split.reduce((acc, part) => acc + part.minorUnits, 0)).toBe(total);
  });

  it('refuses zero parts', () => {
    expect(() => splitEvenly(kopecks(1), 0)).toThrow(RangeError);
  });
});
