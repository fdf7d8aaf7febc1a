import { describe, expect, it } from 'vitest';
import { InvalidScalarValue } from './invalidScalarValue.ts';
import {
  CalendarDateScalar,
  DateTimeScalar,
  EmailAddressScalar,
  InnScalar,
  MoneyAmountScalar,
  PhoneNumberScalar,
  SnilsScalar,
  UuidScalar,
} from './scalars.ts';
import type { GraphQLScalarType } from 'graphql';

const refusalOf = (scalar: GraphQLScalarType, value: unknown): string => {
  try {
    scalar.parseValue(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidScalarValue);
    return (error as Error).message;
  }
  throw new Error(`${scalar.name} accepted ${JSON.stringify(value)}`);
};

describe('typed scalars', () => {
  const cases: [GraphQLScalarType, unknown[], [unknown, unknown][]][] = [
    [
      CalendarDateScalar,
      ['вчера', '2026-13-45', '2026-02-29', '15.03.2026', 20260315],
      [['2028-02-29', '2028-02-29']],
    ],
    [
      DateTimeScalar,
      ['31.02.2026', '2026-02-31T00:00:00Z', '2026-03-15', 'now'],
      [['2026-03-15T10:15:30Z', new Date('2026-03-15T10:15:30Z')]],
    ],
    [
      EmailAddressScalar,
      ['not-an-email', 'a@b.ru, c@d.ru', 'Иван <ivan@example.ru>', ''],
      [[' ivan@example.ru ', 'ivan@example.ru']],
    ],
    [
      PhoneNumberScalar,
      ['12345', '+1 212 555-01-23', 'телефон', ''],
      [
        ['8 (912) 345-67-89', '+79123456789'],
        ['+7 912 345-67-89', '+79123456789'],
      ],
    ],
    [
      InnScalar,
      ['12345', '7707083894', '500100732258', 'ИНН'],
      [
        ['7707083893', '7707083893'],
        ['500100732259', '500100732259'],
      ],
    ],
    [SnilsScalar, ['112-233-445 96', '1234', 'СНИЛС'], [['112-233-445 95', '11223344595']]],
    [MoneyAmountScalar, ['1,5', '1e3', '.5', '-0', '12.345', 12.5], [['12345.67', '12345.67']]],
    [
      UuidScalar,
      ['x; DROP TABLE claims', '{0b9c2f1e-6d1a-4c3b-9a8e-2f4d5c6b7a80}', 42],
      [['0b9c2f1e-6d1a-4c3b-9a8e-2f4d5c6b7a80', '0b9c2f1e-6d1a-4c3b-9a8e-2f4d5c6b7a80']],
    ],
  ];

  for (const [scalar, refused, accepted] of cases) {
    it(`${scalar.name} refuses malformed values in Russian and accepts well-formed ones`, () => {
      for (const value of refused) expect(refusalOf(scalar, value)).toMatch(/[а-яё]/i);
      for (const [value, parsed] of accepted) expect(scalar.parseValue(value)).toEqual(parsed);
    });
  }

  it('serializes an instant as an ISO date-time', () => {
    expect(DateTimeScalar.serialize(new Date('2026-03-15T10:15:30Z'))).toBe('2026-03-15T10:15:30.000Z');
  });
});
