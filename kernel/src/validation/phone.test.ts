import { describe, expect, it } from 'vitest';
import { isMobilePhone, normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it.each([
    { raw: '+7(000)0000006', value: '+70000000006', note: 'ESIA test mobile as ESIA writes it' },
    { raw: '+7 912 345-67-89', value: '+79123456789' },
    { raw: '8 (912) 345-67-89', value: '+79123456789' },
    { raw: '79123456789', value: '+79123456789' },
    { raw: '9123456789', value: '+79123456789' },
    { raw: ' 8-495-123-45-67 ', value: '+74951234567' },
  ])('normalises $raw to $value', ({ raw, value }) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, value });
  });

  it.each([
    { raw: '+8 912 345 67 89', why: 'a plus before 8' },
    { raw: '+1 912 345 67 89', why: 'another country' },
    { raw: '4951234567', why: '10 digits that are not a mobile number' },
    { raw: '912345678', why: 'too short' },
    { raw: '891234567890', why: 'too long' },
    { raw: '8912345678x', why: 'a letter' },
    { raw: '', why: 'empty' },
  ])('rejects $raw ($why) with INVALID_PHONE', ({ raw }) => {
    expect(normalizePhone(raw)).toMatchObject({ ok: false, code: 'INVALID_PHONE' });
  });

  it.each([
    { phone: '+79123456789', mobile: true },
    { phone: '+74951234567', mobile: false },
  ])('tells whether $phone is a mobile number', ({ phone, mobile }) => {
    expect(isMobilePhone(phone)).toBe(mobile);
  });
});
