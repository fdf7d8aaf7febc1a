import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../support/graphqlClient.ts';
import { policyCast } from '../support/demoCast.ts';
import { systemClock } from '../support/systemClock.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const { renewing, stranger } = policyCast();

const LIST = /* GraphQL */ `
  query ($status: PolicyStatus) {
    me {
      policies(first: 10, status: $status) {
        totalCount
        nodes {
          id
          number
          status
          statusLabel
        }
      }
    }
  }
`;

const CARD = /* GraphQL */ `
  query ($id: UUID!) {
    policy(id: $id) {
      id
      number
      product
      status
      holder {
        fullName
      }
    }
  }
`;

const ENTITY_LIST = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Customer {
        policies(first: 10) {
          totalCount
        }
      }
    }
  }
`;

describe('policy reads through the gateway while the policy document store is down', () => {
  let system: TestSystem;
  let holderToken: string;
  let strangerToken: string;

  beforeAll(async () => {
    // The launcher passes its environment on: only the policy service reads this, and only tests set it.
    process.env['POLICY_TEST_HOOKS'] = 'yes';
    system = await startTestSystem();
    delete process.env['POLICY_TEST_HOOKS'];
    const customer = (customerId: string) =>
      system.token({ kind: 'customer', customerId, sessionId: randomUUID(), trusted: true });
    holderToken = await customer(renewing.customer.id);
    strangerToken = await customer(stranger.id);
  });

  afterAll(async () => {
    await system?.shutdown();
  });

  it('serves the customer’s last list and card instead of failing, marks them stale at the policy service, and serves nothing it never read', async () => {
    const list = () => graphql(system.gatewayUrl, LIST, { token: holderToken });
    const card = (token: string) =>
      graphql(system.gatewayUrl, CARD, { token, variables: { id: renewing.policy.id } });

    // Given the holder read the list and the card while the store was up
    const readBefore = systemClock().getTime();
    const freshList = await list();
    const freshCard = await card(holderToken);
    expect(freshList.errors).toBeUndefined();
    expect(freshCard.errors).toBeUndefined();
    expect(JSON.stringify(freshList.data)).toContain(renewing.policy.number);

    // When the document store goes down
    const closed = await fetch(new URL('/test-hooks/document-store/close', system.services.policy.url), {
      method: 'POST',
    });
    expect(closed.status).toBe(204);

    // Then the same reads through the gateway answer the same data instead of failing
    const staleList = await list();
    expect(staleList.errors).toBeUndefined();
    expect(staleList.data).toEqual(freshList.data);
    const staleCard = await card(holderToken);
    expect(staleCard.errors).toBeUndefined();
    expect(staleCard.data).toEqual(freshCard.data);
    // The client learns through the gateway that it is looking at cached data, and since when.
    for (const answer of [staleList, staleCard]) {
      expect(answer.extensions).toMatchObject({ stale: true });
      expect(Date.parse(String(answer.extensions?.['staleSince']))).toBeLessThanOrEqual(
        systemClock().getTime(),
      );
    }
    expect(freshList.extensions?.['stale']).toBeUndefined();

    // And the policy service marks such answers stale, with when they were read from the store
    const direct = async (query: string, variables: Record<string, unknown>) => {
      const answer = await fetch(system.services.policy.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${holderToken}`,
          ...system.internalHeaders(),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await answer.json()) as {
        data?: unknown;
        errors?: unknown;
        extensions?: Record<string, unknown>;
      };
    };
    for (const answer of [
      await direct(CARD, { id: renewing.policy.id }),
      await direct(ENTITY_LIST, { representations: [{ __typename: 'Customer', id: renewing.customer.id }] }),
    ]) {
      expect(answer.errors).toBeUndefined();
      expect(answer.extensions).toMatchObject({ stale: true });
      const staleSince = Date.parse(String(answer.extensions?.['staleSince']));
      expect(staleSince).toBeGreaterThanOrEqual(readBefore);
      expect(staleSince).toBeLessThanOrEqual(systemClock().getTime());
    }

    // And a cached card is still only its holder's
    const foreign = await card(strangerToken);
    expect(foreign.data?.['policy'] ?? null).toBeNull();
    expect(foreign.errors?.map((error) => error.extensions?.['code'])).toEqual(['POLICY_NOT_FOUND']);

    // And what was never read fails as an outage, not as stale or empty data
    for (const unread of [
      await graphql(system.gatewayUrl, LIST, { token: strangerToken }),
      await graphql(system.gatewayUrl, LIST, { token: holderToken, variables: { status: 'EXPIRED' } }),
    ]) {
      expect(unread.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(unread.data ?? null)).not.toContain('"nodes"');
    }
  });
});
