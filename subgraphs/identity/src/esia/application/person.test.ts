import { describe, expect, it } from 'vitest';
import { esiaDateToIso, parseContact, parseDocument, parsePerson } from './person.ts';

const empty = { contacts: [], documents: [], addresses: [] };

describe('ESIA person payloads', () => {
  it('reads the person with ESIA dates as ISO dates', () => {
    const person = parsePerson(
      '1000',
      {
        firstName: 'Имя',
        lastName: 'Фамилия',
        birthDate: '01.02.1990',
        gender: 'M',
        trusted: true,
        snils: '000-000-600 06',
        eTag: 'X',
      },
      empty,
    );
    expect(person).toEqual({
      oid: '1000',
      firstName: 'Имя',
      lastName: 'Фамилия',
      birthDate: '1990-02-01',
      gender: 'M',
      trusted: true,
      snils: '000-000-600 06',
      ...empty,
    });
  });

  it.each([
    { why: 'no trusted flag', raw: { firstName: 'Имя' } },
    { why: 'an unknown gender', raw: { trusted: true, gender: 'X' } },
    { why: 'an impossible birth date', raw: { trusted: true, birthDate: '31.02.1990' } },
    { why: 'not an object', raw: [] },
  ])('treats a person with $why as an unexpected response', ({ raw }) => {
    expect(() => parsePerson('1', raw, empty)).toThrow(
      expect.objectContaining({ code: 'GOSUSLUGI_UNEXPECTED_RESPONSE' }),
    );
  });

  it('reads verification status of contacts and documents', () => {
    expect(parseContact({ id: 1, type: 'EML', value: 'a@b.ru', vrfStu: 'NOT_VERIFIED' })).toEqual({
      id: '1',
      type: 'EML',
      value: 'a@b.ru',
      verified: false,
    });
    expect(
      parseDocument({
        id: 2,
        type: 'RF_PASSPORT',
        series: '5303',
        number: '925695',
        issueDate: '10.08.2010',
        issueId: '006006',
        vrfStu: 'VERIFIED',
      }),
    ).toEqual({
      id: '2',
      type: 'RF_PASSPORT',
      series: '5303',
      number: '925695',
      issueDate: '2010-08-10',
      issueId: '006006',
      verified: true,
    });
  });

  it.each(['1990-02-01', '1.2.1990', '00.01.1990'])('refuses %s as an ESIA date', (value) => {
    expect(() => esiaDateToIso(value, 'birthDate')).toThrow();
  });
});
