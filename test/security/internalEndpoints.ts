import { randomUUID } from 'node:crypto';
import { DEMO_PARTNER_CLIENTS } from '@cabinet/demo-data';
import { metricsOf, sample } from '@cabinet/platform/testing';
import { createClient } from 'graphql-ws';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { partnerTokenFrom, postFrom } from '../support/clientAddress.ts';
import { demoCast } from '../support/demoCast.ts';
import { eventually } from '../support/eventually.ts';
import { graphql, type GraphQLResponse } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';
import { systemClock } from '../support/systemClock.ts';

// Issue #12, item 6: the subgraphs answered anyone who reached their ports, without limits.

const { customer, policy } = demoCast();
const [, dealer] = DEMO_PARTNER_CLIENTS;
const SUBGRAPHS = ['identity', 'policy', 'claims', 'support'] as const;
/** Two clients on this machine: identity tells them apart only by the address it may believe. */
const GUESSER = '127.0.0.6';
const OWNER = '127.0.0.7';

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Policy { id } } }';
const policyRepresentations = (ids: readonly string[]) => ids.map((id) => ({ __typename: 'Policy', id }));
/** Every subgraph has `_service`; aliases of `__typename` alone are not counted. */
const aliases = (count: number) =>
  `{ ${Array.from({ length: count }, (_, index) => `a${index}: _service { sdl }`).join(' ')} }`;
/** Deeper than allowed on any schema: each type condition is a level. */
const TOO_DEEP = `{ ${'... on Query { '.repeat(12)}__typename ${'} '.repeat(12)}}`;

let system: TestSystem;
let customerToken: string;

/** Runs on the system oneSystem.security.test.ts shares. */
export function internalEndpointsSuite(systemOf: () => TestSystem): void {
  describe('the subgraphs reached on their own ports', () => {
    beforeAll(async () => {
      system = systemOf();
      customerToken = await system.token({
        kind: 'customer',
        customerId: customer.id,
        sessionId: randomUUID(),
        trusted: true,
      });
    });

    describe('a subgraph called directly, without the proof of an internal request', unprovenCalls);
    describe('a proven request is still held to the operation limits', provenCalls);
    describe('identity believes x-forwarded-for only from a proven request', forwardedAddresses);
    describe('through the gateway, everything still works', throughTheGateway);
  });
}

const codesOf = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions?.['code']);

/** A request to a subgraph's GraphQL, optionally proven as the gateway proves its calls. */
async function direct(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; proven?: boolean } = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.proven ? system.internalHeaders() : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse, 'status'>) };
}

function unprovenCalls(): void {
  it.each(SUBGRAPHS)('%s refuses an operation with 403 INTERNAL_ONLY', async (name) => {
    const answer = await direct(system.services[name].url, '{ __typename }');
    expect(answer.status).toBe(403);
    expect(codesOf(answer)).toEqual(['INTERNAL_ONLY']);
    expect(answer.data).toBeUndefined();
  });

  it.each(SUBGRAPHS)('%s refuses introspection and its SDL', async (name) => {
    for (const query of ['{ __schema { types { name } } }', '{ _service { sdl } }']) {
      const answer = await direct(system.services[name].url, query);
      expect(answer.status).toBe(403);
      expect(codesOf(answer)).toEqual(['INTERNAL_ONLY']);
    }
  });

  it('refuses a proof made with another secret', async () => {
    const answer = await fetch(system.services.policy.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // A proof of the running services' own time, so only its signature is wrong.
        'x-internal-request': `v1.gateway.${systemClock().getTime()}.forged-signature`,
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.status).toBe(403);
  });

  it('claims refuses a subscription over its WebSocket', async () => {
    const client = createClient({
      url: system.services.claims.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      const refused = await client
        .iterate({ query: 'subscription { claimStatusChanged { status } }' })
        .next()
        .then(
          () => [],
          (errors: unknown) =>
            (errors as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code),
        );
      expect(refused).toEqual(['INTERNAL_ONLY']);
    } finally {
      await client.dispose();
    }
  });
}

function provenCalls(): void {
  it('answers a proven operation within them, introspection included (for internal tooling)', async () => {
    const answer = await direct(system.services.identity.url, '{ __schema { queryType { name } } }', {
      proven: true,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it.each(SUBGRAPHS)('%s refuses 3,000 aliases before parsing them', async (name) => {
    const answer = await direct(system.services[name].url, aliases(3_000), { proven: true });
    expect(answer.status).toBe(400);
    expect(codesOf(answer)).toEqual(['TOO_MANY_TOKENS']);
  });

  it('refuses more aliases than the gateway allows even in a short document', async () => {
    const answer = await direct(system.services.policy.url, aliases(100), { proven: true });
    expect(codesOf(answer)).toEqual(['TOO_MANY_ALIASES']);
  });

  it('refuses an operation deeper than the gateway allows', async () => {
    const answer = await direct(system.services.claims.url, TOO_DEEP, { proven: true });
    expect(codesOf(answer)).toEqual(['QUERY_TOO_DEEP']);
  });

  it('refuses 5,000 `_entities` representations', async () => {
    const ids = Array.from({ length: 5_000 }, () => randomUUID());
    const answer = await direct(system.services.policy.url, ENTITIES, {
      variables: { r: policyRepresentations(ids) },
      token: customerToken,
      proven: true,
    });
    expect(answer.status).toBe(400);
    expect(codesOf(answer)).toEqual(['TOO_MANY_REPRESENTATIONS']);
    expect(answer.data).toBeUndefined();
  });

  it('answers an `_entities` call within the bound', async () => {
    const answer = await direct(system.services.policy.url, ENTITIES, {
      variables: { r: policyRepresentations([policy.id]) },
      token: customerToken,
      proven: true,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ _entities: [{ id: policy.id }] });
  });
}

function forwardedAddresses(): void {
  const wrongSecret = { clientId: dealer!.clientId, clientSecret: 'not-the-secret' };
  const tokenRequest = (credentials: { clientId: string; clientSecret: string }) =>
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: 'claims:status',
    }).toString();

  it('counts direct wrong secrets against the address they come from, whatever address they claim', async () => {
    const identityTokenUrl = new URL('/oauth/token', system.services.identity.url);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await postFrom(
        GUESSER,
        identityTokenUrl,
        {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `198.51.100.${attempt + 1}`,
        },
        tokenRequest(wrongSecret),
      );
      expect(wrong.status).toBe(401);
    }
    const forged = await postFrom(
      GUESSER,
      identityTokenUrl,
      { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.99' },
      tokenRequest(dealer!),
    );
    expect(forged.status).toBe(429);

    // Through the gateway, the address it proves it saw is believed: the guesser is still waiting…
    const gatewayTokenUrl = new URL('/oauth/token', system.gatewayUrl);
    expect((await partnerTokenFrom(GUESSER, gatewayTokenUrl, dealer!)).status).toBe(429);
    // …and the partner, elsewhere, gets its token.
    expect((await partnerTokenFrom(OWNER, gatewayTokenUrl, dealer!)).status).toBe(200);
  });
}

function throughTheGateway(): void {
  it('answers a query over identity, policy and claims', async () => {
    const answer = await graphql<{
      me: { fullName: string; policies: { nodes: { id: string }[] }; claims: { totalCount: number } };
    }>(system.gatewayUrl, '{ me { fullName policies(first: 50) { nodes { id } } claims { totalCount } } }', {
      token: customerToken,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.me.fullName).toContain(customer.lastName);
    expect(answer.data?.me.policies.nodes.map((node) => node.id)).toContain(policy.id);
    expect(answer.data?.me.claims.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('starts a subscription on claims', async () => {
    const activeAtClaims = async () =>
      sample(await metricsOf(system.services.claims.url), 'subgraph_active_subscriptions') ?? 0;
    const client = createClient({
      url: system.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${customerToken}` },
      retryAttempts: 0,
    });
    try {
      const following = client.iterate({ query: 'subscription { claimStatusChanged { status } }' });
      const ended = following.next();
      // The gateway's subscribe message carried its proof: claims runs the operation.
      await eventually(activeAtClaims, {
        what: 'the subscription open at claims',
        until: (open) => open === 1,
      });
      await following.return?.();
      await ended;
    } finally {
      await client.dispose();
    }
  });
}
