import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCast } from '../support/demoCast.ts';
import { collect, graphql, wsClient } from '../support/graphqlClient.ts';
import { eventually } from '../support/eventually.ts';
import { metricsOf, sample } from '@cabinet/platform/testing';
import type { TestSystem } from '../support/testSystem.ts';

const { customer, stranger, policy } = demoCast();
const POLICY_CARD = /* GraphQL */ `
  query PolicyCard($id: UUID!) {
    policy(id: $id) {
      number
    }
  }
`;

/**
 * Runs first on the system oneSystem.gateway.e2e.test.ts shares: it counts requests and refusals since
 * the start.
 */
export function metricsSuite(systemOf: () => TestSystem): void {
  describe('Prometheus metrics', () => {
    prometheusMetrics(systemOf);
  });
}

function prometheusMetrics(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let customerToken: string;
  let strangerToken: string;

  beforeAll(async () => {
    system = systemOf();
    const session = { kind: 'customer', sessionId: randomUUID(), trusted: true } as const;
    customerToken = await system.token({ ...session, customerId: customer.id });
    strangerToken = await system.token({ ...session, customerId: stranger.id });
    // Given one policy card read and one refused
    const read = await graphql(system.gatewayUrl, POLICY_CARD, {
      token: customerToken,
      variables: { id: policy.id },
    });
    expect(read.errors).toBeUndefined();
    const refused = await graphql(system.gatewayUrl, POLICY_CARD, {
      token: strangerToken,
      variables: { id: policy.id },
    });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('POLICY_NOT_FOUND');
  });

  it('the gateway counts operations, errors by code and latency per operation, and shows every circuit', async () => {
    const text = await metricsOf(system.gatewayMetricsUrl);
    const operation = { operation: 'PolicyCard', type: 'query' };
    expect(sample(text, 'gateway_graphql_requests_total', operation)).toBe(2);
    expect(sample(text, 'gateway_graphql_request_duration_seconds_count', operation)).toBe(2);
    expect(
      sample(text, 'gateway_graphql_errors_total', { operation: 'PolicyCard', code: 'POLICY_NOT_FOUND' }),
    ).toBe(1);
    expect(
      sample(text, 'gateway_subgraph_requests_total', { subgraph: 'policy', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(2);
    for (const subgraph of ['identity', 'policy', 'claims', 'support']) {
      expect(sample(text, 'gateway_subgraph_circuit_state', { subgraph })).toBe(0);
    }
  });

  it('every subgraph serves /metrics; policy counts the operations it served and the error it returned', async () => {
    for (const name of ['identity', 'policy', 'claims', 'support'] as const) {
      const text = await metricsOf(system.services[name].url);
      expect(sample(text, 'process_cpu_user_seconds_total', { service: name })).toBeDefined();
    }
    const text = await metricsOf(system.services.policy.url);
    expect(
      sample(text, 'subgraph_graphql_requests_total', { service: 'policy', type: 'query' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'subgraph_graphql_errors_total', { service: 'policy', code: 'POLICY_NOT_FOUND' }),
    ).toBe(1);
    expect(
      sample(text, 'subgraph_graphql_request_duration_seconds_count', { service: 'policy', type: 'query' }),
    ).toBeGreaterThan(0);
  });

  it('the gateway gauges open subscriptions by transport until they end', async () => {
    const gauge = async () =>
      sample(await metricsOf(system.gatewayMetricsUrl), 'gateway_active_subscriptions', {
        transport: 'ws',
      }) ?? 0;
    const client = wsClient(system.gatewayUrl, customerToken);
    const changes = collect(
      client,
      /* GraphQL */ `
        subscription {
          claimStatusChanged {
            status
          }
        }
      `,
    );
    await eventually(async () => (await gauge()) === 1, { what: 'one open subscription' });

    changes.unsubscribe();
    await client.dispose();
    await eventually(async () => (await gauge()) === 0, { what: 'the subscription closed' });
  });
}
