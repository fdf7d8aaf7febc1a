import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.ts';
import { normalizeDivisionCode, parsePassport, validatePassport } from './passport.ts';
import { valueOrThrow } from './result.ts';

describe('validatePassport', () => {
  it.each([
    { series: '5303', number: '925695', note: 'ESIA sample, no space' },
    { series: '53 03', number: '925 695', note: 'as printed' },
  ])('accepts $series $number', ({ series, number }) => {
    expect(validatePassport(series, number)).toEqual({
      ok: true,
      value: { series: '5303', number: '925695' },
    });
  });

  it.each([
    { series: '530', number: '925695', why: 'short series' },
    { series: '53O3', number: '925695', why: 'a letter O in the series' },
    { series: '5303', number: '92569', why: 'short number' },
    { series: '5303', number: '9256951', why: 'long number' },
    { series: '0003', number: '925695', why: 'no region 00' },
    { series: '5303', number: '000000', why: 'all-zero number' },
  ])('rejects $series $number ($why) with INVALID_PASSPORT', ({ series, number }) => {
    expect(validatePassport(series, number)).toMatchObject({ ok: false, code: 'INVALID_PASSPORT' });
  });

  it.each([
    { raw: '5303 925695', ok: true },
    { raw: '53 03 № 925695', ok: true },
    { raw: '5303925695', ok: true },
    { raw: '5303 92569', ok: false },
  ])('parses "$raw" in one line', ({ raw, ok }) => {
    expect(parsePassport(raw).ok).toBe(ok);
  });

  it.each([
    { raw: '006006', value: '006-006' },
    { raw: '770-001', value: '770-001' },
  ])('normalises division code $raw', ({ raw, value }) => {
    expect(normalizeDivisionCode(raw)).toEqual({ ok: true, value });
  });

  it('rejects a malformed division code', () => {
    expect(normalizeDivisionCode('77-0001')).toMatchObject({ ok: false, code: 'INVALID_PASSPORT' });
  });

  it('turns a failure into a DomainError naming the field', () => {
    const attempt = () => valueOrThrow(validatePassport('1', '2'), 'passportSeries');
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'INVALID_PASSPORT', details: { field: 'passportSeries' } }),
    );
  });
});
