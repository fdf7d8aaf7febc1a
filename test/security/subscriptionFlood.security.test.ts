import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { metricsOf, sample } from '@cabinet/platform/testing';
import { eventually } from '../support/eventually.ts';
import { collect, wsClient } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const CAPS = { perSocket: 3, perPrincipal: 5, perIp: 8 };
const FOLLOW = 'subscription { claimStatusChanged { status } }';

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
});
