import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../support/graphqlClient.ts';
import { demoCast } from '../support/demoCast.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const { customer } = demoCast();

// The gateway reads these when the system starts it: short enough for a test to see every state.
const GATEWAY_SETTINGS = {
  SUBGRAPH_TIMEOUT_MS: '500',
  SUBGRAPH_RETRIES: '1',
  CIRCUIT_FAILURE_THRESHOLD: '1',
  CIRCUIT_OPEN_MS: '1000',
};

const ME_WITH_CLAIMS = /* GraphQL */ `
  {
    me {
      fullName
      claims {
        totalCount
      }
    }
  }
`;

async function circuitState(system: TestSystem, subgraph: string): Promise<number | undefined> {
  const text = await (await fetch(system.gatewayMetricsUrl)).text();
  const match = new RegExp(`^gateway_subgraph_circuit_state\\{subgraph="${subgraph}"\\} (\\d+)$`, 'm').exec(
    text,
  );
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

describe('the gateway when a subgraph stops answering', () => {
  let system: TestSystem;
  let token: string;
  let claimsFrozen = false;

  beforeAll(async () => {
    system = await startTestSystem({ env: GATEWAY_SETTINGS });
    token = await system.token({
      kind: 'customer',
      customerId: customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
  });
  afterAll(async () => {
    if (claimsFrozen) system.services.claims.kill('SIGCONT');
    await system?.shutdown();
  });

  it('answers with SUBGRAPH_UNAVAILABLE for the frozen part, opens its circuit, serves the rest, and recovers', async () => {
    expect(await circuitState(system, 'claims')).toBe(0);
    expect((await graphql(system.gatewayUrl, ME_WITH_CLAIMS, { token })).errors).toBeUndefined();

    // SIGSTOP keeps the port open but the process silent: the worst case, every call has to time out.
    system.services.claims.kill('SIGSTOP');
    claimsFrozen = true;

    const during = await graphql(system.gatewayUrl, ME_WITH_CLAIMS, { token });
    expect(during.status).toBe(200);
    expect(during.errors).toEqual([
      expect.objectContaining({
        path: ['me', 'claims'],
        extensions: expect.objectContaining({
          code: 'SUBGRAPH_UNAVAILABLE',
          serviceName: 'claims',
        }) as unknown,
      }),
    ]);
    expect(await circuitState(system, 'claims')).toBe(2);

    // Identity and policy are untouched by the claims outage.
    const others = await graphql<{ me: { fullName: string; policies: { totalCount: number } } }>(
      system.gatewayUrl,
      /* GraphQL */ `
        {
          me {
            fullName
            policies {
              totalCount
            }
          }
        }
      `,
      { token },
    );
    expect(others.errors).toBeUndefined();
    expect(others.data?.me.fullName).toBe(
      `${customer.lastName} ${customer.firstName} ${customer.middleName}`,
    );

    system.services.claims.kill('SIGCONT');
    claimsFrozen = false;
    await expect
      .poll(async () => (await graphql(system.gatewayUrl, ME_WITH_CLAIMS, { token })).errors, {
        timeout: 15_000,
        interval: 250,
      })
      .toBeUndefined();
    expect(await circuitState(system, 'claims')).toBe(0);
    expect(system.logs.get('gateway')?.some((line) => line.includes('"circuit":"half-open"'))).toBe(true);
  });
});
