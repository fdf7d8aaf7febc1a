import { describe, expect, it } from 'vitest';
import { customerLookups } from './customerLinking.ts';
import type { EsiaProfile } from './esiaProfile.ts';

describe('linking an ESIA person to a customer', () => {
  const profile: EsiaProfile = {
    oid: '1',
    trusted: true,
    lastName: 'Смирнова',
    firstName: 'Ольга',
    middleName: null,
    birthDate: '1978-09-21',
    gender: 'F',
    snils: '143-256-789 68',
    inn: '771345678963',
    passport: {
      series: '4508',
      number: '123456',
      issueDate: null,
      divisionCode: null,
      issuedBy: null,
      verified: true,
    },
    phone: null,
    email: null,
    registrationAddress: null,
  };
  it('tries the oid, then SNILS, INN and passport with birth date, in that order', () => {
    expect(customerLookups(profile).map((lookup) => lookup.by)).toEqual([
      'esiaOid',
      'snils',
      'inn',
      'passport',
    ]);
  });
  it('never links an unconfirmed account by its data, only by its own oid', () => {
    expect(customerLookups({ ...profile, trusted: false })).toEqual([{ by: 'esiaOid', oid: '1' }]);
  });
  it('skips an unverified passport', () => {
    const unverified = { ...profile, passport: { ...profile.passport!, verified: false } };
    expect(customerLookups(unverified).map((lookup) => lookup.by)).toEqual(['esiaOid', 'snils', 'inn']);
  });
});
