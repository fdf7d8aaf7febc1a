import type { EsiaTestPerson } from './persons.ts';

/** Russian phone digits as 7XXXXXXXXXX, however they were typed. */
function phoneDigits(value: string): string | undefined {
  const digits = value.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8')))
    return `7${digits.slice(1)}`;
  if (digits.length === 10) return `7${digits}`;
  return undefined;
}

/** ESIA accepts a mobile phone, an e-mail or a SNILS as the login. */
export function findPersonByLogin(
  persons: readonly EsiaTestPerson[],
  login: string,
): EsiaTestPerson | undefined {
  const entered = login.trim();
  if (entered.includes('@')) {
    const email = entered.toLowerCase();
    return persons.find((person) =>
      person.contacts.some((contact) => contact.type === 'EML' && contact.value.toLowerCase() === email),
    );
  }
  const digits = entered.replace(/\D/g, '');
  const bySnils = persons.find(
    (person) => person.snils !== undefined && person.snils.replace(/\D/g, '') === digits,
  );
  if (bySnils) return bySnils;
  const phone = phoneDigits(entered);
  if (phone === undefined) return undefined;
  return persons.find((person) =>
    person.contacts.some((contact) => contact.type === 'MBT' && phoneDigits(contact.value) === phone),
  );
}

export function mobileOf(person: EsiaTestPerson): string | undefined {
  return person.contacts.find((contact) => contact.type === 'MBT')?.value;
}
