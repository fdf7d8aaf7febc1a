import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface SubgraphMetrics {
  /** Served on the subgraph's /metrics; every series carries a `service` label. */
  readonly registry: Registry;
  /** Counts each operation, its errors by `extensions.code`, and its latency. */
  readonly plugin: ApolloServerPlugin;
  /** Open graphql-ws connections: one per direct client, one per gateway however many it serves. */
  readonly webSockets: Gauge;
  /** Subscriptions running over those connections. */
  readonly subscriptions: Gauge;
}

/**
 * A subgraph's Prometheus series. Operation names come from the gateway's query plans (or a direct
 * caller), so their number stays bounded by the supergraph's operations.
 */
export function createSubgraphMetrics(service: string): SubgraphMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'subgraph_graphql_requests_total',
    help: 'GraphQL operations served, by operation name and type',
    labelNames: ['operation', 'type'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'subgraph_graphql_errors_total',
    help: 'GraphQL errors returned, by operation name and extensions.code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'subgraph_graphql_request_duration_seconds',
    help: 'Time from receiving an operation to sending its response, by operation name and type',
    labelNames: ['operation', 'type'],
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });

  const plugin: ApolloServerPlugin = {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ operationName, operation, response }) {
          const labels = { operation: operationName ?? 'anonymous', type: operation?.operation ?? 'invalid' };
          requests.inc(labels);
          duration.observe(labels, (performance.now() - started) / 1_000);
          if (response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) {
              const code = error.extensions?.['code'];
              errors.inc({ operation: labels.operation, code: typeof code === 'string' ? code : 'UNKNOWN' });
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
  const webSockets = new Gauge({
    name: 'subgraph_websocket_connections',
    help: 'Open graphql-ws connections',
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: 'subgraph_active_subscriptions',
    help: 'Subscriptions running over graphql-ws',
    registers: [registry],
  });
  return { registry, plugin, webSockets, subscriptions };
}
