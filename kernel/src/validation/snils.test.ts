import { describe, expect, it } from 'vitest';
import { formatSnils, snilsCheckSum, validateSnils } from './snils.ts';

describe('validateSnils', () => {
  it.each([
    { raw: '112-233-445 95', value: '11223344595' },
    { raw: '11223344595', value: '11223344595' },
    { raw: '000-000-600 06', value: '00000060006', note: 'ESIA test SNILS, below the checked range' },
    { raw: '001-001-998 00', value: '00100199800', note: 'the last number issued without a check sum' },
    { raw: '001-001-999 65', value: '00100199965', note: 'the first checked number' },
    { raw: '001-019-989 00', value: '00101998900', note: 'weighted sum 100 gives 00' },
    { raw: '001-029-985 00', value: '00102998500', note: 'weighted sum 101 gives 00' },
    { raw: '003-997-999 00', value: '00399799900', note: 'sum 202 reduces mod 101 to 00' },
  ])('accepts $raw', ({ raw, value }) => {
    expect(validateSnils(raw)).toEqual({ ok: true, value: { value, formatted: formatSnils(value) } });
  });

  it.each([
    { raw: '112-233-445 96', why: 'wrong check sum' },
    { raw: '001-001-999 00', why: 'wrong check sum just above the threshold' },
    { raw: '112-233-445', why: 'no check sum' },
    { raw: '112-233-445 9a', why: 'a letter' },
    { raw: '112.233.445 95', why: 'dots' },
  ])('rejects $raw ($why) with INVALID_SNILS', ({ raw }) => {
    const result = validateSnils(raw);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_SNILS' });
  });

  it('formats as ESIA does', () => {
    expect(formatSnils('00000060006')).toBe('000-000-600 06');
    expect(snilsCheckSum('112233445')).toBe('95');
  });
});
