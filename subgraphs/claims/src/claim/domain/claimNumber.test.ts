import { describe, expect, it } from 'vitest';
import { formatClaimNumber, parseClaimNumber } from './claimNumber.ts';
import { CLAIM_STREAM_CATEGORY, claimIdOfStream, claimStreamId } from './claimStreamId.ts';

describe('claim numbers', () => {
  it.each([
    [{ year: 2026, sequence: 123 }, 'У-2026-000123'],
    [{ year: 2025, sequence: 1 }, 'У-2025-000001'],
    [{ year: 2027, sequence: 999_999 }, 'У-2027-999999'],
  ])('formats %o as %s and parses it back', (number, text) => {
    expect(formatClaimNumber(number)).toBe(text);
    expect(parseClaimNumber(text)).toEqual(number);
  });

  it.each([
    [' у-2026-000123 ', 'lower case and surrounding spaces'],
    ['Y-2026-000123', 'a Latin Y typed for У'],
    ['U-2026-000123', 'a Latin U'],
  ])('parses %j (%s)', (text) => {
    expect(parseClaimNumber(text)).toEqual({ year: 2026, sequence: 123 });
  });

  it.each([
    'У-2026-123',
    'У-26-000123',
    'У-2026-0001234',
    'А-2026-000123',
    'У-2026-000000',
    'У-1999-000001',
    '',
  ])('rejects %j', (text) => {
    expect(parseClaimNumber(text)).toBeNull();
  });

  it.each([
    { year: 2026, sequence: 0 },
    { year: 2026, sequence: 1_000_000 },
    { year: 2026, sequence: 1.5 },
    { year: 26, sequence: 1 },
  ])('refuses to format %o', (number) => {
    expect(() => formatClaimNumber(number)).toThrow(RangeError);
  });
});

describe('claim stream ids', () => {
  const claimId = '0f8c6a52-2c55-4a8e-9d51-6b7f0b2a4c11';

  it('puts every claim in the `claim` category and reads the id back', () => {
    expect(claimStreamId(claimId)).toBe(`claim-${claimId}`);
    expect(claimStreamId(claimId.toUpperCase())).toBe(`claim-${claimId}`);
    expect(claimStreamId(claimId).split('-')[0]).toBe(CLAIM_STREAM_CATEGORY);
    expect(claimIdOfStream(`claim-${claimId}`)).toBe(claimId);
  });

  it('refuses what is not a claim id or a claim stream', () => {
    expect(() => claimStreamId('42')).toThrow(RangeError);
    expect(claimIdOfStream(`policy-${claimId}`)).toBeNull();
    expect(claimIdOfStream('claim-42')).toBeNull();
  });
});
