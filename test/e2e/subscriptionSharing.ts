import { randomUUID } from 'node:crypto';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claimsCast, demoStaffMember } from '../support/demoCast.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { collect, graphql, wsClient } from '../support/graphqlClient.ts';
import { eventually } from '../support/eventually.ts';
import { INTERNAL_REQUEST_EXTENSION } from '@cabinet/platform/internal-requests';
import { metricsOf, sample } from '@cabinet/platform/testing';
import type { TestSystem } from '../support/testSystem.ts';

const { own, other } = claimsCast();
const WAIT_MS = 30_000;

const customerOf = (customerId: string) =>
  ({ kind: 'customer', customerId, sessionId: randomUUID(), trusted: true }) as const;
const staff = {
  kind: 'staff',
  staffId: randomUUID(),
  sessionId: randomUUID(),
  roles: ['supervisor'],
} as const;

const FOLLOW = /* GraphQL */ `
  subscription ($claimId: UUID) {
    claimStatusChanged(claimId: $claimId) {
      claimId
      status
    }
  }
`;

interface Followed {
  claimStatusChanged: { claimId: string; status: string };
}

/**
 * A connection that names nobody, as the gateway opens it, straight to the claims subgraph; each
 * operation on it carries the gateway's proof and names its subscriber in its extensions.
 */
function sharedConnection(claimsUrl: string): Client {
  return createClient({ url: claimsUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
}

/** The first result of an operation sent over `client` with these extensions (proof, subscriber). */
async function firstResult(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  extensions: Record<string, unknown>,
): Promise<ExecutionResult | 'completed'> {
  const results = client.iterate({ query, variables, extensions });
  try {
    const first = await results.next();
    await results.return?.();
    return first.done ? 'completed' : (first.value as ExecutionResult);
  } catch (refusal) {
    // graphql-ws ends an iteration with the errors of an error message.
    if (Array.isArray(refusal)) return { errors: refusal as ExecutionResult['errors'] };
    throw refusal;
  }
}

function codesOf(result: ExecutionResult | 'completed'): unknown[] {
  return result === 'completed' ? [] : (result.errors ?? []).map((error) => error.extensions?.['code']);
}

/**
 * Runs on the system oneSystem.claims.e2e.test.ts shares, before any suite that subscribes: it counts the
 * WebSocket connections claims holds.
 */
export function subscriptionSharingSuite(systemOf: () => TestSystem): void {
  describe('subscribers share one upstream connection and are each still verified', () => {
    sharedUpstreamConnection(systemOf);
  });
}

function sharedUpstreamConnection(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let ownToken: string;
  let otherToken: string;
  let staffToken: string;
  let ownClaimId: string;
  let otherClaimId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    system = systemOf();
    ownToken = await system.token(customerOf(own.customer.id));
    otherToken = await system.token(customerOf(other.customer.id));
    staffToken = await system.token(staff);
    ownClaimId = await submitted(ownToken, own.policy.id);
    otherClaimId = await submitted(otherToken, other.policy.id);
  });
  // Each test counts the subscriptions open at claims: it starts once the last test's have closed.
  afterEach(async () => {
    for (const made of clients.splice(0)) await made.dispose();
    await eventually(async () => (await claimsGauge('subgraph_active_subscriptions')) === 0, {
      what: 'every subscription of the test closed at claims',
    });
  });

  async function submitted(token: string, policyId: string): Promise<string> {
    const response = await submitClaim(system.gatewayUrl, token, policyId);
    expect(response.errors).toBeUndefined();
    return response.data!.submitClaim.id;
  }

  function client(url: string, token?: string): Client {
    const made = url === system.gatewayUrl ? wsClient(url, token) : sharedConnection(url);
    clients.push(made);
    return made;
  }

  const claimsGauge = async (name: string) => sample(await metricsOf(system.services.claims.url), name) ?? 0;
  /** A subscribe message's extensions as the gateway writes them, naming the subscriber when there is one. */
  const asGateway = (authorization?: string) => ({
    [INTERNAL_REQUEST_EXTENSION]: system.internalProof(),
    ...(authorization ? { authorization } : {}),
  });

  it('serves subscribers of different customers over one claims connection, each seeing only their own claim', async () => {
    const ownFollower = collect<Followed>(client(system.gatewayUrl, ownToken), FOLLOW, {
      claimId: ownClaimId,
    });
    const otherFollower = collect<Followed>(client(system.gatewayUrl, otherToken), FOLLOW, {
      claimId: otherClaimId,
    });
    const intruder = collect<Followed>(client(system.gatewayUrl, otherToken), FOLLOW, {
      claimId: ownClaimId,
    });
    await intruder.until(0);
    await eventually(() => intruder.completed, { what: 'the intruder refused' });
    expect(JSON.stringify(intruder.errors)).toContain('CLAIM_NOT_FOUND');

    await eventually(async () => (await claimsGauge('subgraph_active_subscriptions')) === 2, {
      what: 'two subscriptions',
    });
    expect(await claimsGauge('subgraph_websocket_connections')).toBe(1);

    const accepted = await graphql(
      system.gatewayUrl,
      `
        mutation ($id: UUID!) {
          acceptClaim(id: $id) {
            status
          }
        }
      `,
      {
        token: staffToken,
        variables: { id: ownClaimId },
      },
    );
    expect(accepted.errors).toBeUndefined();
    const [change] = await ownFollower.until(1, WAIT_MS);
    expect(change?.claimStatusChanged).toEqual({ claimId: ownClaimId, status: 'ACCEPTED' });
    expect(otherFollower.received).toEqual([]);
    expect(otherFollower.errors).toEqual([]);
  });

  it('verifies the subscriber each operation names on a shared connection, not the connection', async () => {
    const claimId = await submitted(ownToken, own.policy.id);
    const staffActs = async (mutation: string) => {
      const response = await graphql(system.gatewayUrl, mutation, {
        token: staffToken,
        variables: { id: claimId, adjuster: demoStaffMember('adjuster').id },
      });
      expect(response.errors).toBeUndefined();
    };
    await staffActs(`mutation ($id: UUID!) { acceptClaim(id: $id) { id } }`);
    const shared = client(system.services.claims.url);
    const forged = `${otherToken.slice(0, -4)}AAAA`;
    expect(codesOf(await firstResult(shared, FOLLOW, { claimId }, asGateway(`Bearer ${forged}`)))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(
      codesOf(await firstResult(shared, FOLLOW, { claimId }, asGateway(`Bearer ${otherToken}`))),
    ).toEqual(['CLAIM_NOT_FOUND']);
    expect(codesOf(await firstResult(shared, FOLLOW, { claimId }, asGateway()))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await firstResult(shared, 'subscription {', {}, asGateway(`Bearer ${ownToken}`)))).toEqual(
      ['GRAPHQL_PARSE_FAILED'],
    );

    // None of the refusals took the connection down: the rightful subscriber is served on it.
    const follower = shared.iterate<Followed>({
      query: FOLLOW,
      variables: { claimId },
      extensions: asGateway(`Bearer ${ownToken}`),
    });
    await eventually(async () => (await claimsGauge('subgraph_active_subscriptions')) === 1, {
      what: 'one subscription',
    });
    await staffActs(
      `mutation ($id: UUID!, $adjuster: UUID!) { assignClaim(id: $id, adjusterId: $adjuster) { id } }`,
    );
    await staffActs(`mutation ($id: UUID!) { startClaimWork(id: $id) { id } }`);
    const next = await follower.next();
    expect((next.value as ExecutionResult<Followed>).data?.claimStatusChanged).toEqual({
      claimId,
      status: 'IN_PROGRESS',
    });
    await follower.return?.();
  });

  it('ends an operation when the token that named its subscriber expires, leaving the connection open', async () => {
    const shared = client(system.services.claims.url);
    let socketsClosed = 0;
    shared.on('closed', () => (socketsClosed += 1));
    const shortLived = await system.token(customerOf(own.customer.id), { ttlSeconds: 2 });
    const lasting = shared.iterate<Followed>({
      query: FOLLOW,
      variables: { claimId: ownClaimId },
      extensions: asGateway(`Bearer ${ownToken}`),
    });
    const expiring = shared.iterate<Followed>({
      query: FOLLOW,
      variables: { claimId: ownClaimId },
      extensions: asGateway(`Bearer ${shortLived}`),
    });
    await eventually(async () => (await claimsGauge('subgraph_active_subscriptions')) === 2, {
      what: 'both running',
    });
    expect(await expiring.next()).toEqual({ done: true, value: undefined });
    // The lasting operation runs on the same socket, so its subscription still being open at claims
    // means the socket is; the count of connections is not used, as other tests' sockets close lazily.
    await eventually(async () => (await claimsGauge('subgraph_active_subscriptions')) === 1, {
      what: 'the expired operation ended at claims',
    });
    expect(socketsClosed).toBe(0);
    await lasting.return?.();
  });
}
