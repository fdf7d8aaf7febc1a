import { createHash } from 'node:crypto';
import type { EsiaTestPerson } from './persons.ts';

/** ESIA's collection names under /rs/prns/{oid}, and the scopes that open each. */
export const COLLECTIONS = {
  ctts: { field: 'contacts', scopes: ['contacts', 'mobile', 'email'] },
  docs: { field: 'documents', scopes: ['id_doc'] },
  addrs: { field: 'addresses', scopes: ['addresses'] },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;

const eTag = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('hex').toUpperCase();

function withETag<T extends object>(value: T): T & { eTag: string } {
  return { ...value, eTag: eTag(value) };
}

/** The person object, with only the fields the token's scopes allow. */
export function personView(person: EsiaTestPerson, scopes: readonly string[], updatedOn: Date) {
  const has = (scope: string) => scopes.includes(scope);
  return withETag({
    stateFacts: ['EntityRoot'],
    ...(has('fullname')
      ? {
          firstName: person.firstName,
          lastName: person.lastName,
          ...(person.middleName ? { middleName: person.middleName } : {}),
        }
      : {}),
    ...(has('birthdate') ? { birthDate: person.birthDate } : {}),
    ...(has('birthplace') ? { birthPlace: person.birthPlace } : {}),
    ...(has('gender') ? { gender: person.gender } : {}),
    ...(has('snils') && person.snils ? { snils: person.snils } : {}),
    ...(has('inn') && person.inn ? { inn: person.inn } : {}),
    trusted: person.trusted,
    citizenship: 'RUS',
    status: 'REGISTERED',
    verifying: false,
    ...(person.documents[0] ? { rIdDoc: person.documents[0].id } : {}),
    containsUpCfmCode: false,
    updatedOn: Math.floor(updatedOn.getTime() / 1000),
  });
}

/** The elements of a collection that the scopes reach: `mobile` shows only MBT, `email` only EML. */
function visibleElements(person: EsiaTestPerson, name: CollectionName, scopes: readonly string[]) {
  switch (name) {
    case 'ctts':
      return person.contacts.filter(
        (contact) =>
          scopes.includes('contacts') ||
          (scopes.includes('mobile') && contact.type === 'MBT') ||
          (scopes.includes('email') && contact.type === 'EML'),
      );
    case 'docs':
      return person.documents;
    case 'addrs':
      return person.addresses;
    default: {
      const _exhaustive: never = name;
      return _exhaustive;
    }
  }
}

export function collectionAllowed(name: CollectionName, scopes: readonly string[]): boolean {
  return COLLECTIONS[name].scopes.some((scope) => scopes.includes(scope));
}

/** `{size, elements[]}` with links to each element, as ESIA returns unless `embed` is used. */
export function collectionView(
  person: EsiaTestPerson,
  name: CollectionName,
  scopes: readonly string[],
  baseUrl: string,
) {
  const elements = visibleElements(person, name, scopes).map((element) =>
    new URL(`/rs/prns/${person.oid}/${name}/${element.id}`, baseUrl).toString(),
  );
  return withETag({ stateFacts: ['hasSize'], size: elements.length, elements });
}

export function elementView(
  person: EsiaTestPerson,
  name: CollectionName,
  scopes: readonly string[],
  id: string,
) {
  const element = visibleElements(person, name, scopes).find((candidate) => String(candidate.id) === id);
  return element ? withETag({ stateFacts: ['Identifiable'], ...element }) : undefined;
}
