import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCast } from '../support/demoCast.ts';
import { graphql } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const { customer } = demoCast();
const MAX_COST = 500;

/** Twenty claims with their timelines and comments: 841 by the gateway's estimate. */
const CLAIM_DETAILS = 'claims(first: 20) { nodes { timeline { at } comments { at } } }';

const codesOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.map((error) => error.extensions?.['code']);

describe('the operation cost limit (#12)', () => {
  let system: TestSystem;
  let token: string;

  beforeAll(async () => {
    system = await startTestSystem({ env: { MAX_COST: String(MAX_COST), COST_LIST_SIZE: '20' } });
    token = await system.token({
      kind: 'customer',
      customerId: customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it('costs a selection inside a named fragment as much as the same selection inline', async () => {
    const inline = await graphql(system.gatewayUrl, `{ me { ${CLAIM_DETAILS} } }`, { token });
    expect(codesOf(inline)).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect(inline.errors?.[0]?.extensions?.['cost']).toBe(841);

    const inFragment = await graphql(
      system.gatewayUrl,
      `query { me { ...ClaimDetails } } fragment ClaimDetails on Customer { ${CLAIM_DETAILS} }`,
      { token },
    );
    expect(codesOf(inFragment)).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect(inFragment.errors?.[0]?.extensions?.['cost']).toBe(841);
    expect(inFragment.data ?? null).toBeNull();
  });

  it('costs `first: $n` at the number the variable gives', async () => {
    const query = 'query Claims($n: Int!) { me { claims(first: $n) { nodes { number } } } }';
    const many = await graphql(system.gatewayUrl, query, { token, variables: { n: 10_000 } });
    expect(codesOf(many)).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect(many.errors?.[0]?.extensions?.['cost']).toBe(20_001);

    const few = await graphql(system.gatewayUrl, query, { token, variables: { n: 2 } });
    expect(few.errors).toBeUndefined();
    const claims = (few.data as { me?: { claims?: { nodes?: unknown } } } | null)?.me?.claims;
    expect(Array.isArray(claims?.nodes)).toBe(true);
  });
});
