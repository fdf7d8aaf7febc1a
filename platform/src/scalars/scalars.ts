import { normalizePhone, parseDecimal, validateInn, validateSnils, isUuid } from '@cabinet/kernel';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import {
  GraphQLDateTimeISO,
  GraphQLEmailAddress,
  GraphQLLocalDate,
  GraphQLPhoneNumber,
  GraphQLUUID,
} from 'graphql-scalars';
import { InvalidScalarValue } from './invalidScalarValue.ts';

/**
 * The typed scalars of every input of a known shape, defined once for all subgraphs and the gateway, so
 * that composition sees one name with one meaning and the gateway refuses a bad value before planning.
 * Where graphql-scalars has the shape its check decides and only the message is ours (in Russian); INN,
 * SNILS and money amounts are the kernel's rules. Outputs are written by our own services and pass as
 * they are.
 */
interface ScalarRule<Parsed> {
  readonly name: string;
  readonly description: string;
  /** What the customer reads when a value is refused. */
  readonly refusal: string;
  /** The accepted value for a string, or undefined for a refused one. */
  readonly parse: (text: string) => Parsed | undefined;
  readonly serialize?: (value: unknown) => unknown;
}

function typedScalar<Parsed>(rule: ScalarRule<Parsed>): GraphQLScalarType<Parsed, unknown> {
  const refuse = () => new InvalidScalarValue(rule.name, rule.refusal);
  const parseValue = (value: unknown): Parsed => {
    if (typeof value !== 'string') throw refuse();
    const parsed = rule.parse(value);
    if (parsed === undefined) throw refuse();
    return parsed;
  };
  return new GraphQLScalarType<Parsed, unknown>({
    name: rule.name,
    description: rule.description,
    serialize: rule.serialize ?? ((value) => value),
    parseValue,
    parseLiteral(ast: ValueNode) {
      if (ast.kind !== Kind.STRING) throw refuse();
      return parseValue(ast.value);
    },
  });
}

/** What a graphql-scalars scalar accepts, or undefined for what it refuses (its English reason is dropped). */
function accepts<Parsed>(scalar: GraphQLScalarType, text: string): Parsed | undefined {
  try {
    return scalar.parseValue(text) as Parsed;
  } catch {
    return undefined;
  }
}

export const CalendarDateScalar = typedScalar<string>({
  name: 'LocalDate',
  description: 'A calendar day without a time zone, YYYY-MM-DD, e.g. 2026-03-15',
  refusal: 'Дата указана неверно: нужен существующий день в формате ГГГГ-ММ-ДД, например 2026-03-15.',
  parse: (text) => accepts<string>(GraphQLLocalDate, text),
});

export const DateTimeScalar = typedScalar<Date>({
  name: 'DateTimeISO',
  description: 'An instant as an RFC 3339 date-time with its offset, e.g. 2026-03-15T10:15:30Z',
  refusal:
    'Дата и время указаны неверно: нужен формат ГГГГ-ММ-ДДTЧЧ:ММ:СС со смещением, например 2026-03-15T10:15:30Z.',
  parse: (text) => accepts<Date>(GraphQLDateTimeISO, text),
  serialize: (value) => GraphQLDateTimeISO.serialize(value),
});

export const EmailAddressScalar = typedScalar<string>({
  name: 'EmailAddress',
  description: 'One e-mail address, e.g. ivanov@example.ru',
  refusal: 'Адрес электронной почты указан неверно: нужен один адрес вида имя@домен.ru.',
  parse: (text) => accepts<string>(GraphQLEmailAddress, text.trim()),
});

export const PhoneNumberScalar = typedScalar<string>({
  name: 'PhoneNumber',
  description:
    'A Russian phone number as people write it ("8 (912) 345-67-89", "+7 912 345-67-89"); read as +7XXXXXXXXXX',
  refusal: 'Номер телефона должен быть российским: +7 и 10 цифр, например +7 912 345-67-89.',
  parse: (text) => {
    const phone = normalizePhone(text);
    return phone.ok ? accepts<string>(GraphQLPhoneNumber, phone.value) : undefined;
  },
});

export const InnScalar = typedScalar<string>({
  name: 'INN',
  description: 'A taxpayer number: 10 digits for an organisation, 12 for a person, with its check digits',
  refusal:
    'ИНН указан неверно: нужны 10 цифр (организация) или 12 цифр (физическое лицо) с верными контрольными цифрами.',
  parse: (text) => {
    const inn = validateInn(text);
    return inn.ok ? inn.value.value : undefined;
  },
});

export const SnilsScalar = typedScalar<string>({
  name: 'SNILS',
  description: 'A SNILS: 11 digits with its check number, e.g. 112-233-445 95; read as the 11 digits',
  refusal: 'СНИЛС указан неверно: нужны 11 цифр с верным контрольным числом, например 112-233-445 95.',
  parse: (text) => {
    const snils = validateSnils(text);
    return snils.ok ? snils.value.value : undefined;
  },
});

export const MoneyAmountScalar = typedScalar<string>({
  name: 'MoneyAmount',
  description: 'An amount of money as a decimal string with at most two decimals, e.g. "12345.67"',
  refusal:
    'Сумма указана неверно: используйте цифры и точку, не больше двух знаков после точки, например 12345.67.',
  parse: (text) => {
    try {
      parseDecimal(text, 'RUB');
      return text;
    } catch {
      return undefined;
    }
  },
});

export const UuidScalar = typedScalar<string>({
  name: 'UUID',
  description: 'An identifier: a UUID such as 0b9c2f1e-6d1a-4c3b-9a8e-2f4d5c6b7a80',
  refusal: 'Идентификатор указан неверно: нужен UUID вида 0b9c2f1e-6d1a-4c3b-9a8e-2f4d5c6b7a80.',
  parse: (text) => (isUuid(text) ? accepts<string>(GraphQLUUID, text) : undefined),
});

/** Every typed scalar, by its GraphQL name: what the gateway gives the supergraph's scalars to parse with. */
export const TYPED_SCALARS: readonly GraphQLScalarType[] = [
  CalendarDateScalar,
  DateTimeScalar,
  EmailAddressScalar,
  PhoneNumberScalar,
  InnScalar,
  SnilsScalar,
  MoneyAmountScalar,
  UuidScalar,
];
