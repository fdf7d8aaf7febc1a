import { normalizePhone, validateInn, validatePassport, validateSnils } from '@cabinet/kernel';
import type { EsiaPerson } from '../esia/person.ts';

export interface PassportData {
  readonly series: string;
  readonly number: string;
  readonly issueDate: string | null;
  /** `XXX-XXX`. */
  readonly divisionCode: string | null;
  readonly issuedBy: string | null;
}

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

function snilsOf(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const checked = validateSnils(raw);
  return checked.ok ? checked.value.formatted : null;
}

function passportOf(person: EsiaPerson): EsiaProfile['passport'] {
  const document = person.documents.find((item) => item.type === 'RF_PASSPORT');
  if (!document?.series || !document.number) return null;
  const checked = validatePassport(document.series, document.number);
  if (!checked.ok) return null;
  const division = document.issueId?.replace(/^(\d{3})-?(\d{3})$/, '$1-$2');
  return {
    series: checked.value.series,
    number: checked.value.number,
    issueDate: document.issueDate ?? null,
    divisionCode: division && /^\d{3}-\d{3}$/.test(division) ? division : null,
    issuedBy: document.issuedBy ?? null,
    verified: document.verified,
  };
}

function verifiedContact(person: EsiaPerson, type: 'MBT' | 'EML'): string | null {
  const contact = person.contacts.find((item) => item.type === type && item.verified);
  if (!contact) return null;
  if (type === 'EML') return contact.value.trim().toLowerCase();
  const phone = normalizePhone(contact.value);
  return phone.ok ? phone.value : null;
}

/** Null when ESIA left out what a customer record cannot do without (name and birth date). */
export function profileFromEsia(person: EsiaPerson): EsiaProfile | null {
  if (!person.lastName || !person.firstName || !person.birthDate) return null;
  const inn = person.inn !== undefined && validateInn(person.inn).ok ? person.inn : null;
  return {
    oid: person.oid,
    trusted: person.trusted,
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName ?? null,
    birthDate: person.birthDate,
    gender: person.gender ?? null,
    snils: snilsOf(person.snils),
    inn,
    passport: passportOf(person),
    phone: verifiedContact(person, 'MBT'),
    email: verifiedContact(person, 'EML'),
    registrationAddress: person.addresses.find((item) => item.type === 'PRG')?.addressStr ?? null,
  };
}
