import { DEMO_PARTNER_CLIENTS, DEMO_STAFF } from '@cabinet/demo-data';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestSystem } from '../support/testSystem.ts';

const USER_AGENT = 'CabinetMobile/2.3 (e2e)';
const FORGED_ADDRESS = '203.0.113.7';

/** Runs on the system oneSystem.gateway.e2e.test.ts shares. */
export function clientForwardingSuite(systemOf: () => TestSystem): void {
  describe('the client as subgraphs see it through the gateway', () => {
    clientSeenThroughTheGateway(systemOf);
  });
}

function clientSeenThroughTheGateway(systemOf: () => TestSystem): void {
  let system: TestSystem;

  beforeAll(() => {
    system = systemOf();
  });

  it("passes the client's user agent on and appends the address it saw to x-forwarded-for", async () => {
    const [staff] = DEMO_STAFF;
    if (!staff) throw new Error('the demo data has no staff account');
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'x-forwarded-for': FORGED_ADDRESS,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown };
    };

    // When staff sign in with a forged address in front of the real one
    const signedIn = await post(
      'mutation ($l: String!, $p: String!) { staffSignIn(login: $l, password: $p) { accessToken } }',
      { l: staff.login, p: staff.password },
    );
    expect(signedIn.errors).toBeUndefined();
    const { accessToken } = signedIn.data?.['staffSignIn'] as { accessToken: string };

    // Then identity's activity log holds the agent and the address the gateway saw, not the forged one
    const activity = await post(
      '{ myActivity(first: 5) { nodes { action ip userAgent } } }',
      {},
      accessToken,
    );
    const { nodes } = activity.data?.['myActivity'] as {
      nodes: { action: string; ip: string | null; userAgent: string | null }[];
    };
    const entry = nodes.find((node) => node.action === 'SIGN_IN');
    expect(entry?.userAgent).toBe(USER_AGENT);
    expect(['127.0.0.1', '::1']).toContain(entry?.ip);
  });

  it("serves identity's partner token endpoint at the gateway", async () => {
    const [client] = DEMO_PARTNER_CLIENTS;
    if (!client) throw new Error('the demo data has no partner client');
    const ask = (secret: string) =>
      fetch(new URL('/oauth/token', system.gatewayUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client.clientId,
          client_secret: secret,
          scope: 'claims:status',
        }),
      });

    const wrong = await ask('not-the-secret');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });

    const right = await ask(client.clientSecret);
    expect(right.status).toBe(200);
    expect(right.headers.get('cache-control')).toBe('no-store');
    const body = (await right.json()) as { access_token: string };
    expect(decodeJwt(body.access_token)).toMatchObject({ kind: 'partner', partnerId: client.partnerId });
  });
}
