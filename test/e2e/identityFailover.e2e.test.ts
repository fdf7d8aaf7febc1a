import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '../../scripts/launcher.ts';
import { DEMO_PARTNER_CLIENTS } from '@cabinet/demo-data';
import { demoCast } from '../support/demoCast.ts';
import { graphql } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';
import { LAUNCH_MS, TIER_TIMEOUTS } from '../support/timeouts.ts';

const { customer, policy } = demoCast();
const POLICY_NUMBER = /* GraphQL */ `
  query ($id: UUID!) {
    policy(id: $id) {
      number
    }
  }
`;
const CLAIM_NUMBER = /* GraphQL */ `
  query ($id: UUID!) {
    claim(id: $id) {
      number
    }
  }
`;

describe('an identity outage', () => {
  let system: TestSystem;
  let second: ServiceProcess;
  let customerToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    second = await system.addInstance('identity');
    customerToken = await system.token({
      kind: 'customer',
      customerId: customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
    const identity = system.services.identity;
    if (!('kill' in identity)) throw new Error('identity must run as its own process here');
    // Given the instance whose JWKS the gateway and the subgraphs were configured with is killed
    identity.kill('SIGKILL');
    await identity.exited;
    await expect(fetch(new URL('/.well-known/jwks.json', identity.url))).rejects.toThrow();
  }, TIER_TIMEOUTS.e2e.hookTimeout + LAUNCH_MS);
  afterAll(async () => {
    await system?.shutdown();
  });

  it('leaves tokens verifying at the gateway and at the policy and claims subgraphs, from their cached key sets', async () => {
    const policyCard = await graphql<{ policy: { number: string } }>(system.gatewayUrl, POLICY_NUMBER, {
      token: customerToken,
      variables: { id: policy.id },
    });
    expect(policyCard).toMatchObject({ status: 200, data: { policy: { number: policy.number } } });
    expect(policyCard.errors).toBeUndefined();

    // Asked directly (as the gateway asks it), claims checks the token itself: an unknown claim, not an unknown caller.
    const direct = await graphql(system.services.claims.url, CLAIM_NUMBER, {
      token: customerToken,
      headers: system.internalHeaders(),
      variables: { id: randomUUID() },
    });
    expect(direct.errors?.[0]?.extensions?.['code']).toBe('CLAIM_NOT_FOUND');
  });

  it('still refuses a tampered token', async () => {
    const [header, payload] = customerToken.split('.');
    const tampered = `${header}.${payload}.${'A'.repeat(86)}`;
    const response = await graphql(system.gatewayUrl, POLICY_NUMBER, {
      token: tampered,
      variables: { id: policy.id },
    });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('lets a partner obtain a token from the other instance, and the graph accepts it', async () => {
    const [client] = DEMO_PARTNER_CLIENTS;
    if (!client) throw new Error('the demo data has no partner client');
    const response = await fetch(new URL('/oauth/token', second.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: 'claims:status',
      }),
    });
    expect(response.status).toBe(200);
    const { access_token: partnerToken } = (await response.json()) as { access_token: string };
    expect(decodeJwt(partnerToken)).toMatchObject({ kind: 'partner', partnerId: client.partnerId });

    const answer = await graphql(system.gatewayUrl, POLICY_NUMBER, {
      token: partnerToken,
      variables: { id: policy.id },
    });
    expect(answer.status).toBe(200);
    expect(answer.errors?.map((error) => error.extensions?.['code'])).not.toContain('UNAUTHENTICATED');
  });
});
