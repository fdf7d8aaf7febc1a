import type { CustomerRecord } from './customer.ts';
import type { EsiaProfile } from './esiaProfile.ts';

/** One way to find the insurer's record of a person, in the order they are tried. */
export type CustomerLookup =
  | { readonly by: 'esiaOid'; readonly oid: string }
  | { readonly by: 'snils'; readonly snils: string }
  | { readonly by: 'inn'; readonly inn: string }
  | { readonly by: 'passport'; readonly series: string; readonly number: string; readonly birthDate: string };

/**
 * An account already linked is found by its oid. Otherwise only data ESIA has verified may link a
 * person to an existing record: SNILS, then INN (both checked by ESIA only on a confirmed account),
 * then a verified passport with the birth date. An unconfirmed account never takes over a record.
 */
export function customerLookups(profile: EsiaProfile): CustomerLookup[] {
  const lookups: CustomerLookup[] = [{ by: 'esiaOid', oid: profile.oid }];
  if (!profile.trusted) return lookups;
  if (profile.snils) lookups.push({ by: 'snils', snils: profile.snils });
  if (profile.inn) lookups.push({ by: 'inn', inn: profile.inn });
  if (profile.passport?.verified) {
    lookups.push({
      by: 'passport',
      series: profile.passport.series,
      number: profile.passport.number,
      birthDate: profile.birthDate,
    });
  }
  return lookups;
}

function profileFields(profile: EsiaProfile) {
  const { verified: _verified, ...passport } = profile.passport ?? { verified: false };
  return {
    lastName: profile.lastName,
    firstName: profile.firstName,
    middleName: profile.middleName,
    birthDate: profile.birthDate,
    gender: profile.gender,
    registrationAddress: profile.registrationAddress,
    esiaOid: profile.oid,
    esiaTrusted: profile.trusted,
    passport: profile.passport ? (passport as NonNullable<CustomerRecord['passport']>) : null,
  };
}

export function newCustomerFrom(profile: EsiaProfile, id: string, now: Date): CustomerRecord {
  return {
    id,
    ...profileFields(profile),
    snils: profile.snils,
    inn: profile.inn,
    phone: profile.phone,
    email: profile.email,
    consentVersion: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/**
 * A later sign-in refreshes what ESIA knows better than we do: name, birth date, registration
 * address, and the phone and e-mail when ESIA has them verified. Identifiers are only ever filled in.
 */
export function refreshedCustomer(record: CustomerRecord, profile: EsiaProfile, now: Date): CustomerRecord {
  return {
    ...record,
    ...profileFields(profile),
    passport: profileFields(profile).passport ?? record.passport,
    snils: record.snils ?? profile.snils,
    inn: record.inn ?? profile.inn,
    phone: profile.phone ?? record.phone,
    email: profile.email ?? record.email,
    registrationAddress: profile.registrationAddress ?? record.registrationAddress,
    updatedAt: now.toISOString(),
  };
}
