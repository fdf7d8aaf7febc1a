import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoCast } from '../support/demoCast.ts';
import { eventually } from '../support/eventually.ts';
import type { TestSystem } from '../support/testSystem.ts';

const { customer } = demoCast();
const ME = /* GraphQL */ `
  query {
    me {
      fullName
    }
  }
`;

/** A graphql-ws client that sends its token as the upgrade request's Authorization header only. */
function clientWithUpgradeHeader(httpUrl: string, authorization: string, closes: number[]): Client {
  class WebSocketWithHeader extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { authorization } });
    }
  }
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocketWithHeader,
    retryAttempts: 0,
    lazy: true,
    on: { closed: (event) => closes.push((event as { code: number }).code) },
  });
}

/** The operation's outcome: its data, or the codes of its errors or of the close that ended it. */
async function outcome(client: Client, query: string): Promise<{ data?: unknown; codes: string[] }> {
  try {
    const result = await client.iterate({ query }).next();
    const value = result.value as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return {
      data: value?.data,
      codes: (value?.errors ?? []).map((error) => error.extensions?.code ?? 'NO_CODE'),
    };
  } catch (error) {
    const code = (error as { code?: number }).code;
    return { codes: [code === undefined ? String(error) : `CLOSE_${code}`] };
  }
}

/** Runs on the system the suite file shares (oneSystem.security.test.ts). */
export function webSocketAuthenticationSuite(systemOf: () => TestSystem): void {
  describe('a token in the WebSocket upgrade header (#12)', () => {
    let system: TestSystem;

    beforeAll(() => {
      system = systemOf();
    });

    it('a garbage token in the upgrade header is refused at connection, as in connectionParams', async () => {
      const closes: number[] = [];
      const client = clientWithUpgradeHeader(system.gatewayUrl, 'Bearer not-a-token', closes);
      try {
        expect(await outcome(client, ME)).toEqual({ codes: ['CLOSE_4403'] });
      } finally {
        await client.dispose();
      }
    });

    it('a valid token in the upgrade header is the socket’s caller until it expires', async () => {
      const session = { kind: 'customer', sessionId: randomUUID(), trusted: true } as const;
      const token = await system.token({ ...session, customerId: customer.id }, { ttlSeconds: 5 });
      const closes: number[] = [];
      const client = clientWithUpgradeHeader(system.gatewayUrl, `Bearer ${token}`, closes);
      try {
        const answer = await outcome(client, ME);
        expect(answer.codes).toEqual([]);
        expect((answer.data as { me?: { fullName?: string } }).me?.fullName).toContain(customer.lastName);
        // A subscription keeps the socket open until the token's expiry closes it.
        const following = client.iterate({ query: 'subscription { claimStatusChanged { status } }' });
        const ended = following.next().catch(() => undefined);
        await eventually(() => closes.includes(4401), { what: 'the socket closed when its token expired' });
        await ended;
      } finally {
        await client.dispose();
      }
    });
  });
}
