import type { Logger } from '@cabinet/platform/logging';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GatewayConfig } from '../config.ts';
import { CIRCUIT_STATE_VALUE, type GatewayMetrics } from '../metrics/gatewayMetrics.ts';
import { SubgraphBreakers, useSubgraphResilience } from './subgraphResilience.ts';

/** The gateway's timeouts, retries and circuit breakers as configured, reporting into its metrics. */
export function resilienceFromConfig(
  config: GatewayConfig,
  subgraphs: readonly string[],
  metrics: GatewayMetrics,
  log: Logger,
): GatewayPlugin {
  const breakers = new SubgraphBreakers(
    { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, openForMs: config.CIRCUIT_OPEN_MS },
    () => Date.now(),
    (subgraph, state) => {
      metrics.circuitState.set({ subgraph }, CIRCUIT_STATE_VALUE[state]);
      log.warn({ subgraph, circuit: state }, 'subgraph circuit changed');
    },
  );
  for (const subgraph of subgraphs) {
    metrics.circuitState.set({ subgraph }, CIRCUIT_STATE_VALUE[breakers.for(subgraph).state]);
  }
  return useSubgraphResilience({
    breakers,
    log,
    policyFor: (subgraph) => {
      const timeoutMs = config.SUBGRAPH_TIMEOUTS_MS.get(subgraph) ?? config.SUBGRAPH_TIMEOUT_MS;
      return {
        timeoutMs,
        // A mutation never waits less than a query to the same subgraph.
        mutationTimeoutMs: Math.max(config.SUBGRAPH_MUTATION_TIMEOUT_MS, timeoutMs),
        maxRetries: config.SUBGRAPH_RETRIES,
        backoff: { baseMs: config.SUBGRAPH_RETRY_BASE_MS, maxMs: config.SUBGRAPH_RETRY_MAX_MS },
      };
    },
    onCallEnd: (subgraph, outcome, durationMs, operation) => {
      metrics.subgraphRequests.inc({ subgraph, outcome });
      metrics.subgraphDuration.observe({ subgraph, operation }, durationMs / 1_000);
    },
  });
}
