import { asObject, optionalString, requiredString, unexpected, type JsonObject } from './json.ts';

export interface EsiaContact {
  readonly id: string;
  /** MBT mobile, PHN phone, EML e-mail, CEM work e-mail. */
  readonly type: string;
  readonly value: string;
  readonly verified: boolean;
}

export interface EsiaDocument {
  readonly id: string;
  /** RF_PASSPORT, RF_DRIVING_LICENSE, ... */
  readonly type: string;
  readonly series?: string;
  readonly number?: string;
  /** ISO yyyy-MM-dd. */
  readonly issueDate?: string;
  /** The issuing division code, e.g. "006006". */
  readonly issueId?: string;
  readonly issuedBy?: string;
  readonly verified: boolean;
}

export interface EsiaAddress {
  readonly id: string;
  /** PRG registration, PLV living. */
  readonly type: string;
  readonly addressStr?: string;
  readonly zipCode?: string;
  readonly countryId?: string;
  readonly region?: string;
  readonly city?: string;
  readonly street?: string;
  readonly house?: string;
  readonly flat?: string;
  readonly fiasCode?: string;
}

/** A person as ESIA describes them, with the collections the granted scopes allow. */
export interface EsiaPerson {
  readonly oid: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly middleName?: string;
  /** ISO yyyy-MM-dd (ESIA sends dd.MM.yyyy). */
  readonly birthDate?: string;
  readonly birthPlace?: string;
  readonly gender?: 'M' | 'F';
  /** A confirmed account («подтверждённая учётная запись»). */
  readonly trusted: boolean;
  /** As ESIA writes it: "000-000-600 06". */
  readonly snils?: string;
  readonly inn?: string;
  readonly citizenship?: string;
  readonly contacts: readonly EsiaContact[];
  readonly documents: readonly EsiaDocument[];
  readonly addresses: readonly EsiaAddress[];
}

/** ESIA's dd.MM.yyyy as ISO yyyy-MM-dd; a date that does not exist is a broken response. */
export function esiaDateToIso(value: string, what: string): string {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const [, day, month, year] = match ?? [];
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (!match || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    throw unexpected(`${what} is not a dd.MM.yyyy date`);
  }
  return iso;
}

function optionalDate(object: JsonObject, field: string, what: string): string | undefined {
  const value = optionalString(object, field);
  return value === undefined ? undefined : esiaDateToIso(value, `${what}.${field}`);
}

function pick<K extends string>(object: JsonObject, fields: readonly K[]): Partial<Record<K, string>> {
  const result: Partial<Record<K, string>> = {};
  for (const field of fields) {
    const value = optionalString(object, field);
    if (value !== undefined) result[field] = value;
  }
  return result;
}

export function parseContact(raw: unknown): EsiaContact {
  const object = asObject(raw, 'contact');
  return {
    id: requiredString(object, 'id', 'contact'),
    type: requiredString(object, 'type', 'contact'),
    value: requiredString(object, 'value', 'contact'),
    verified: object['vrfStu'] === 'VERIFIED',
  };
}

export function parseDocument(raw: unknown): EsiaDocument {
  const object = asObject(raw, 'document');
  const issueDate = optionalDate(object, 'issueDate', 'document');
  return {
    id: requiredString(object, 'id', 'document'),
    type: requiredString(object, 'type', 'document'),
    ...pick(object, ['series', 'number', 'issueId', 'issuedBy']),
    ...(issueDate === undefined ? {} : { issueDate }),
    verified: object['vrfStu'] === 'VERIFIED',
  };
}

export function parseAddress(raw: unknown): EsiaAddress {
  const object = asObject(raw, 'address');
  return {
    id: requiredString(object, 'id', 'address'),
    type: requiredString(object, 'type', 'address'),
    ...pick(object, [
      'addressStr',
      'zipCode',
      'countryId',
      'region',
      'city',
      'street',
      'house',
      'flat',
      'fiasCode',
    ]),
  };
}

export function parsePerson(
  oid: string,
  raw: unknown,
  collections: Pick<EsiaPerson, 'contacts' | 'documents' | 'addresses'>,
): EsiaPerson {
  const object = asObject(raw, 'person');
  if (typeof object['trusted'] !== 'boolean') throw unexpected('person.trusted is missing');
  const gender = optionalString(object, 'gender');
  if (gender !== undefined && gender !== 'M' && gender !== 'F')
    throw unexpected('person.gender is not M or F');
  const birthDate = optionalDate(object, 'birthDate', 'person');
  return {
    oid,
    ...pick(object, ['firstName', 'lastName', 'middleName', 'birthPlace', 'snils', 'inn', 'citizenship']),
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(gender === undefined ? {} : { gender }),
    trusted: object['trusted'],
    ...collections,
  };
}
