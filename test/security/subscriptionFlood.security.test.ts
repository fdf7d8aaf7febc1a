import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { metricsOf, sample } from '@cabinet/platform/testing';
import { submitClaim } from '../support/claimSubmission.ts';
import { claimsCast } from '../support/demoCast.ts';
import { eventually } from '../support/eventually.ts';
import { collect, wsClient } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const CAPS = { perSocket: 3, perPrincipal: 5, perIp: 8 };
const FOLLOW = 'subscription { claimStatusChanged { status } }';
/** The claims service reads at most this many claim events from the shared log for one resumption. */
const RESUME_MAX_EVENTS = 10;
const RESUME = /* GraphQL */ `
  subscription ($after: String) {
    claimStatusChanged(after: $after) {
      claimId
      status
    }
  }
`;

type Following = ReturnType<typeof collect>;

/** The codes of a subscription's errors, whether sent as a result or as graphql-ws' error message. */
function codesOf(following: Following): unknown[] {
  return following.errors
    .flatMap((error): unknown[] => (Array.isArray(error) ? (error as unknown[]) : [error]))
    .map((error) => (error as { extensions?: { code?: unknown } }).extensions?.code);
}

describe('subscription flood (#12)', () => {
  let system: TestSystem;
  let clients: Client[] = [];

  const openSubscriptions = async () =>
    sample(await metricsOf(system.gatewayMetricsUrl), 'gateway_active_subscriptions', { transport: 'ws' }) ??
    0;
  const customerToken = (customerId = randomUUID()) =>
    system.token({ kind: 'customer', customerId, sessionId: randomUUID(), trusted: true });
  const socketOf = (token: string) => {
    const client = wsClient(system.gatewayUrl, token);
    clients.push(client);
    return client;
  };
  /** Opens subscriptions one after another, each seen running at the gateway before the next. */
  const follow = async (client: Client, count: number): Promise<Following[]> => {
    const opened: Following[] = [];
    for (let index = 0; index < count; index += 1) {
      const before = await openSubscriptions();
      opened.push(collect(client, FOLLOW));
      await eventually(async () => (await openSubscriptions()) === before + 1, {
        what: `subscription ${index + 1} running`,
      });
    }
    return opened;
  };
  const refusal = async (client: Client) => {
    const refused = collect(client, FOLLOW);
    return eventually(() => (codesOf(refused).length > 0 ? codesOf(refused) : undefined), {
      what: 'the subscription refused',
    });
  };

  beforeAll(async () => {
    system = await startTestSystem({
      env: {
        MAX_SUBSCRIPTIONS_PER_SOCKET: String(CAPS.perSocket),
        MAX_SUBSCRIPTIONS_PER_PRINCIPAL: String(CAPS.perPrincipal),
        MAX_SUBSCRIPTIONS_PER_IP: String(CAPS.perIp),
        STATUS_RESUME_MAX_EVENTS: String(RESUME_MAX_EVENTS),
      },
    });
  });
  afterEach(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    clients = [];
    await eventually(async () => (await openSubscriptions()) === 0, { what: 'every subscription closed' });
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it('refuses a subscription over the cap of one socket, and takes one again once another ends', async () => {
    const socket = socketOf(await customerToken());
    const [first] = await follow(socket, CAPS.perSocket);
    expect(await refusal(socket)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);

    first!.unsubscribe();
    await eventually(async () => (await openSubscriptions()) === CAPS.perSocket - 1, {
      what: 'one subscription ended',
    });
    await follow(socket, 1);
  });

  it('refuses a subscription over the cap of one caller across sockets', async () => {
    const token = await customerToken();
    await follow(socketOf(token), CAPS.perSocket);
    const second = socketOf(token);
    await follow(second, CAPS.perPrincipal - CAPS.perSocket);
    expect(await refusal(second)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
  });

  it('refuses a subscription over the cap of one address across callers', async () => {
    await follow(socketOf(await customerToken()), CAPS.perSocket);
    await follow(socketOf(await customerToken()), CAPS.perSocket);
    const third = socketOf(await customerToken());
    await follow(third, CAPS.perIp - 2 * CAPS.perSocket);
    expect(await refusal(third)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
  });

  it("resumes a customer's list from their own claims however busy the log, and bounds a resumption of every claim", async () => {
    const { own, other } = claimsCast();
    const customerOf = (customerId: string) =>
      system.token({ kind: 'customer', customerId, sessionId: randomUUID(), trusted: true });
    const [mine, theirs] = await Promise.all([customerOf(own.customer.id), customerOf(other.customer.id)]);
    const submitted = async (token: string, policyId: string) => {
      const answer = await submitClaim(system.gatewayUrl, token, policyId);
      expect(answer.errors).toBeUndefined();
      return answer.data!.submitClaim;
    };
    // Given a customer's claim, then far more of another customer's claims than one resumption reads
    const start = await submitted(mine, own.policy.id);
    for (let index = 0; index <= RESUME_MAX_EVENTS; index += 1) await submitted(theirs, other.policy.id);
    const missed = await submitted(mine, own.policy.id);

    // Staff resuming every claim from there are told to reload
    const staff = await system.token({
      kind: 'staff',
      staffId: randomUUID(),
      sessionId: randomUUID(),
      roles: ['supervisor'],
    });
    const everyClaim = collect(socketOf(staff), RESUME, { after: start.cursor });
    expect(
      await eventually(() => (codesOf(everyClaim).length > 0 ? codesOf(everyClaim) : undefined), {
        what: "staff's resumption refused",
      }),
    ).toEqual(['CLAIM_FEED_RESUME_TOO_FAR']);

    // The customer resuming their list gets what they missed: only their own streams are read, so the
    // other claims cost nothing (until the read model has applied the last submissions, the few it has
    // not are read from the log and a resumption could be refused; it is tried again)
    const resumed = await eventually(
      async () => {
        const attempt = collect<{ claimStatusChanged: { claimId: string; status: string } }>(
          socketOf(mine),
          RESUME,
          { after: start.cursor },
        );
        await eventually(() => attempt.received.length > 0 || attempt.errors.length > 0, {
          what: 'the resumption answered',
        });
        if (attempt.errors.length === 0) return attempt;
        expect(codesOf(attempt)).toEqual(['CLAIM_FEED_RESUME_TOO_FAR']);
        attempt.unsubscribe();
        return undefined;
      },
      { what: "the customer's resumption delivering" },
    );
    const marker = await submitted(mine, own.policy.id);
    const changes = (await resumed.until(2)).map((payload) => payload.claimStatusChanged);
    expect(changes).toEqual([
      { claimId: missed.id, status: 'SUBMITTED' },
      { claimId: marker.id, status: 'SUBMITTED' },
    ]);
    expect(resumed.errors).toEqual([]);
  });
});
