import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costRefusal, rememberedCostRefusal } from './operationCost.ts';

const schema = buildSchema(/* GraphQL */ `
  scalar _Any
  union _Entity = Policy
  type Query {
    me: Customer!
    _entities(representations: [_Any!]!): [_Entity]!
  }
  type Customer {
    id: ID!
    policies(first: Int): [Policy!]!
    claims(first: Int! = 20): ClaimConnection!
  }
  type Policy {
    number: String!
    claims(first: Int): [Claim!]!
  }
  type ClaimConnection {
    nodes: [Claim!]!
    totalCount: Int!
  }
  type Claim {
    number: String!
  }
`);

const refusalOf = (query: string, variableValues: Record<string, unknown> = {}, maxCost = 1) =>
  costRefusal({ maxCost, assumedListSize: 10 }, { schema, document: parse(query), variableValues });
const costOf = (query: string, variables: Record<string, unknown> = {}) =>
  refusalOf(query, variables)?.extensions['cost'];

describe('costRefusal', () => {
  it.each([
    { query: '{ me { policies { number } } }', cost: 11 },
    { query: '{ me { policies(first: 3) { number } } }', cost: 4 },
    { query: '{ me { policies(first: 3) { claims { number } } } }', cost: 34 },
    { query: '{ me { policies { claims(first: 2) { number } } } }', cost: 31 },
    { query: '{ me { claims { nodes { number } } } }', cost: 41 },
    { query: '{ me { claims(first: 5) { totalCount } } }', cost: 6 },
  ])('estimates $query at $cost', ({ query, cost }) => {
    expect(costOf(query)).toBe(cost);
  });

  it('counts a fragment as much as the same selection inline', () => {
    const inline = costOf('{ me { policies(first: 100) { claims(first: 100) { number } } } }');
    expect(inline).toBe(10_101);
    expect(
      costOf(`
        query { me { ...Lists } }
        fragment Lists on Customer { policies(first: 100) { claims(first: 100) { number } } }
      `),
    ).toBe(inline);
  });

  it('reads `first` from the variables', () => {
    expect(costOf('query ($n: Int!) { me { claims(first: $n) { nodes { number } } } }', { n: 1_000 })).toBe(
      2_001,
    );
  });

  it('counts an `_entities` call as many items as it sends representations', () => {
    const representations = Array.from({ length: 50 }, (_, index) => ({ __typename: 'Policy', id: index }));
    expect(
      costOf('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Policy { number } } }', {
        r: representations,
      }),
    ).toBe(50);
  });

  it('refuses with a code and a Russian message, and lets an operation within the limit through', () => {
    const refusal = refusalOf('{ me { policies(first: 3) { number } } }');
    expect(refusal?.extensions['code']).toBe('QUERY_TOO_EXPENSIVE');
    expect(refusal?.message).toBe('Запрос слишком тяжёлый: оценка 4, допускается не больше 1.');
    expect(refusalOf('{ me { policies(first: 3) { number } } }', {}, 4)).toBeUndefined();
  });

  it('leaves variables that do not fit to execution, which refuses them as the client’s input', () => {
    expect(
      refusalOf('query ($n: Int!) { me { claims(first: $n) { totalCount } } }', { n: 'many' }),
    ).toBeUndefined();
  });
});

describe('rememberedCostRefusal', () => {
  const model = { maxCost: 30, assumedListSize: 10 };

  it('gives the verdict of costRefusal for the same document, whatever variables come later', () => {
    const remembered = rememberedCostRefusal(model);
    const document = parse('query ($id: ID) { me { policies { claims { number } } } }');
    const first = remembered({ schema, document, variableValues: { id: '1' } });
    expect(first?.extensions['cost']).toBe(111);
    expect(remembered({ schema, document, variableValues: { id: '2' } })).toBe(first);
  });

  it.each([
    {
      reads: '`first`',
      query: 'query ($n: Int!) { me { claims(first: $n) { nodes { number } } } }',
      cheap: 1,
      dear: 100,
    },
    {
      reads: 'a directive',
      query: 'query ($n: Boolean!) { me { id policies @include(if: $n) { claims { number } } } }',
      cheap: false,
      dear: true,
    },
  ])('estimates again with each request’s variables when they feed $reads', ({ query, cheap, dear }) => {
    const remembered = rememberedCostRefusal(model);
    const document = parse(query);
    expect(remembered({ schema, document, variableValues: { n: cheap } })).toBeUndefined();
    expect(remembered({ schema, document, variableValues: { n: dear } })?.extensions['code']).toBe(
      'QUERY_TOO_EXPENSIVE',
    );
  });

  it('remembers nothing from variables that do not fit', () => {
    const remembered = rememberedCostRefusal(model);
    const document = parse('query ($id: ID!) { me { policies { claims { number } } } }');
    expect(remembered({ schema, document, variableValues: {} })).toBeUndefined();
    expect(remembered({ schema, document, variableValues: { id: '1' } })?.extensions['cost']).toBe(111);
  });
});
