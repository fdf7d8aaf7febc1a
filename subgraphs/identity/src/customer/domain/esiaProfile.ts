import type { PassportData } from './customer.ts';

/** What we take from an ESIA person, in our normalised forms, with what ESIA vouches for. */
export interface EsiaProfile {
  readonly oid: string;
  readonly trusted: boolean;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string | null;
  readonly birthDate: string;
  readonly gender: 'M' | 'F' | null;
  /** `XXX-XXX-XXX YY`, only when it passes the check sum. */
  readonly snils: string | null;
  readonly inn: string | null;
  readonly passport: (PassportData & { readonly verified: boolean }) | null;
  /** A verified mobile phone, +7XXXXXXXXXX. */
  readonly phone: string | null;
  /** A verified e-mail. */
  readonly email: string | null;
  /** The registration address (PRG) as ESIA writes it. */
  readonly registrationAddress: string | null;
}
