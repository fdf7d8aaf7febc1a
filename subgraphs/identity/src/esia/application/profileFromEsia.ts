import { normalizePhone, validateInn, validatePassport, validateSnils } from '@cabinet/kernel';
import type { EsiaProfile } from '../../customer/domain/esiaProfile.ts';
import type { EsiaPerson } from './person.ts';

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
