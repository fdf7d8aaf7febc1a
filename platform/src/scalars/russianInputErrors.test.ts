import { buildSchema, execute, parse, validate, type GraphQLError, type GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { russianInputError } from './russianInputErrors.ts';
import { CalendarDateScalar, DateTimeScalar } from './scalars.ts';

const schema = buildSchema(`
  scalar LocalDate
  scalar DateTimeISO
  input Incident { occurredOn: LocalDate! }
  input Claim { incident: Incident! }
  type Query { claimAsOf(at: DateTimeISO!): String, file(input: Claim!): String, page(first: Int!): String }
`);
for (const scalar of [CalendarDateScalar, DateTimeScalar]) {
  Object.assign(schema.getType(scalar.name) as GraphQLScalarType, {
    parseValue: scalar.parseValue,
    parseLiteral: scalar.parseLiteral,
  });
}

const translated = (errors: readonly GraphQLError[], source: string) =>
  errors.map((error) => {
    const russian = russianInputError(error, parse(source));
    return { message: russian.message, extensions: russian.extensions };
  });

describe('russianInputError', () => {
  it('names the literal argument, with the input fields inside it', () => {
    const source = '{ a: claimAsOf(at: "31.02.2026") b: file(input: { incident: { occurredOn: "вчера" } }) }';
    expect(translated(validate(schema, parse(source)), source)).toEqual([
      {
        message: expect.stringMatching(
          /^Неверное значение аргумента «at»: Дата и время указаны неверно/,
        ) as string,
        extensions: { code: 'BAD_USER_INPUT', argument: 'at' },
      },
      {
        message: expect.stringMatching(
          /^Неверное значение аргумента «input\.incident\.occurredOn»: Дата указана/,
        ) as string,
        extensions: { code: 'BAD_USER_INPUT', argument: 'input.incident.occurredOn' },
      },
    ]);
  });

  it("names the client's variable and the path inside it, never a name the client did not write", async () => {
    const source =
      'query ($when: DateTimeISO!, $claim: Claim!, $first: Int!) { claimAsOf(at: $when) file(input: $claim) page(first: $first) }';
    const result = await execute({
      schema,
      document: parse(source),
      variableValues: { when: '31.02.2026', claim: { incident: { occurredOn: '2026-13-45' } } },
    });
    expect(translated(result.errors ?? [], source)).toEqual([
      {
        message: expect.stringMatching(/^Неверное значение «\$when»: Дата и время указаны неверно/) as string,
        extensions: { code: 'BAD_USER_INPUT', argument: '$when' },
      },
      {
        message: expect.stringMatching(
          /^Неверное значение «\$claim\.incident\.occurredOn»: Дата указана неверно/,
        ) as string,
        extensions: { code: 'BAD_USER_INPUT', argument: '$claim.incident.occurredOn' },
      },
      {
        message: 'Не передана обязательная переменная «$first» (тип Int!).',
        extensions: { code: 'BAD_USER_INPUT', argument: '$first' },
      },
    ]);
  });
});
