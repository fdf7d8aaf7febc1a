import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maxCostRule } from './operationCost.ts';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    me: Customer!
  }
  type Customer {
    id: ID!
    policies(first: Int): [Policy!]!
  }
  type Policy {
    number: String!
    claims(first: Int): [Claim!]!
  }
  type Claim {
    number: String!
  }
`);

const costOf = (query: string) => {
  const [error] = validate(schema, parse(query), [maxCostRule(0, 10)]);
  return error?.extensions['cost'];
};

describe('maxCostRule', () => {
  it.each([
    { query: '{ me { id } }', cost: 1 },
    { query: '{ me { policies { number } } }', cost: 11 },
    { query: '{ me { policies(first: 3) { number } } }', cost: 4 },
    { query: '{ me { policies(first: 3) { claims { number } } } }', cost: 34 },
    { query: '{ me { policies { claims(first: 2) { number } } } }', cost: 31 },
  ])('estimates $query at $cost', ({ query, cost }) => {
    expect(costOf(query)).toBe(cost);
  });

  it('lets an operation within the limit through', () => {
    expect(validate(schema, parse('{ me { policies(first: 3) { number } } }'), [maxCostRule(4, 10)])).toEqual(
      [],
    );
  });
});
