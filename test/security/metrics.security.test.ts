import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsOf, sample } from '@cabinet/platform/testing';
import { graphql } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

/** Names the metrics keep besides the registered operations' in this system. */
const OPERATION_NAMES = 2;

const named = (name: string) => `query ${name} { __typename }`;

/** Every value of the `operation` label in a metrics page. */
function operationLabels(text: string): Set<string> {
  return new Set([...text.matchAll(/operation="([^"]*)"/g)].map((match) => match[1]!));
}

describe('metrics label bomb (#12)', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ env: { METRICS_OPERATION_NAMES: String(OPERATION_NAMES) } });
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it('the public endpoint does not serve /metrics; the internal listener does', async () => {
    const publicMetrics = await fetch(new URL('/metrics', system.gatewayUrl));
    expect(publicMetrics.status).toBe(404);
    expect(await publicMetrics.text()).not.toContain('gateway_graphql_requests_total');
    expect(new URL(system.gatewayMetricsUrl).hostname).toBe('127.0.0.1');
    expect(new URL(system.gatewayMetricsUrl).port).not.toBe(new URL(system.gatewayUrl).port);
    expect(await metricsOf(system.gatewayMetricsUrl)).toContain('gateway_graphql_requests_total');
  });

  it('client-chosen operation names cannot grow the series: long and late names count as "other"', async () => {
    const before = (await metricsOf(system.gatewayMetricsUrl)).length;
    const longNames = ['A', 'B', 'C'].map((letter) => letter.repeat(30_000));
    for (const name of [...longNames, 'FirstName', 'SecondName', 'ThirdName', 'FourthName']) {
      const response = await graphql(system.gatewayUrl, named(name));
      expect(response.errors).toBeUndefined();
    }
    // A registered operation keeps its name however many others came first.
    const registered = await graphql(system.gatewayUrl, 'query MobileClaim { __typename }');
    expect(registered.errors).toBeUndefined();

    const text = await metricsOf(system.gatewayMetricsUrl);
    const labels = operationLabels(text);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(64);
    expect(labels).toContain('FirstName');
    expect(labels).toContain('SecondName');
    expect(labels).toContain('MobileClaim');
    expect(labels).not.toContain('ThirdName');
    expect(labels).not.toContain('FourthName');
    // Three long names and two late ones, in one series.
    expect(sample(text, 'gateway_graphql_requests_total', { operation: 'other', type: 'query' })).toBe(5);
    expect(text.length - before).toBeLessThan(20_000);
  });
});
