import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typedOperations } from './typedOperations.ts';

const schema = buildASTSchema(
  parse(/* GraphQL */ `
    scalar UUID
    scalar MoneyAmount
    type Query {
      claim(id: UUID!): Claim
    }
    type Claim {
      id: ID!
      approvedAmount: MoneyAmount
    }
  `),
);
const claimCard = {
  name: 'ClaimCard',
  file: 'schema/operations/ClaimCard.graphql',
  document: parse('query ClaimCard($id: UUID!) { claim(id: $id) { id approvedAmount } }'),
  hash: 'a'.repeat(64),
};

describe('typed client operations', () => {
  it('types a document by its result and variables, custom scalars as strings, with its registered hash', async () => {
    const generated = await typedOperations(schema, [claimCard]);
    expect(generated).toMatch(/export type ClaimCardQueryVariables = Exact<\{\s*id: string;\s*\}>;/);
    expect(generated).toContain(
      'export type ClaimCardQuery = { claim: { id: string, approvedAmount: string | null } | null };',
    );
    expect(generated).toContain('DocumentNode<ClaimCardQuery, ClaimCardQueryVariables>');
    expect(generated).toContain(`"ClaimCard": "${'a'.repeat(64)}"`);
  });

  it('refuses a scalar of the graph it has no TypeScript type for, rather than typing it any', async () => {
    const withNewScalar = buildASTSchema(
      parse('scalar UUID\nscalar Duration\ntype Query { claim(id: UUID!): Duration }'),
    );
    await expect(
      typedOperations(withNewScalar, [
        { ...claimCard, document: parse('query ClaimCard($id: UUID!) { claim(id: $id) }') },
      ]),
    ).rejects.toThrow('give the scalars Duration their TypeScript type in SCALARS');
  });
});
