import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CircuitState } from '../resilience/circuitBreaker.ts';

/** Exported as a number so that alerts can say `> 0`: closed 0, half-open 1, open 2. */
export const CIRCUIT_STATE_VALUE: Readonly<Record<CircuitState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

const LATENCY_BUCKETS_SECONDS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'operation' | 'type'>;
  readonly errors: Counter<'operation' | 'code'>;
  readonly requestDuration: Histogram<'operation' | 'type'>;
  readonly subgraphRequests: Counter<'subgraph' | 'outcome'>;
  readonly subgraphDuration: Histogram<'subgraph' | 'operation'>;
  readonly subscriptions: Gauge<'transport'>;
  readonly circuitState: Gauge<'subgraph'>;
}

/** The gateway's Prometheus series; one registry per gateway so tests can run several in a process. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'gateway_graphql_requests_total',
      help: 'GraphQL operations received, by operation name and type',
      labelNames: ['operation', 'type'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'gateway_graphql_errors_total',
      help: 'GraphQL errors returned to clients, by operation name and extensions.code',
      labelNames: ['operation', 'code'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'gateway_graphql_request_duration_seconds',
      help: 'Time from parsed operation to response, by operation name and type',
      labelNames: ['operation', 'type'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [registry],
    }),
    subgraphRequests: new Counter({
      name: 'gateway_subgraph_requests_total',
      help: 'Calls to subgraphs, by subgraph and outcome (ok, failed, refused by an open circuit)',
      labelNames: ['subgraph', 'outcome'],
      registers: [registry],
    }),
    subgraphDuration: new Histogram({
      name: 'gateway_subgraph_request_duration_seconds',
      help: 'Duration of calls to subgraphs including retries, by subgraph and operation name',
      labelNames: ['subgraph', 'operation'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [registry],
    }),
    subscriptions: new Gauge({
      name: 'gateway_active_subscriptions',
      help: 'Subscriptions open right now, by client transport',
      labelNames: ['transport'],
      registers: [registry],
    }),
    circuitState: new Gauge({
      name: 'gateway_subgraph_circuit_state',
      help: 'Circuit breaker state per subgraph: 0 closed, 1 half-open, 2 open',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
  };
}
