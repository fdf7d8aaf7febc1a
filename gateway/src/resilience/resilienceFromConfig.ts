import type { Logger } from '@cabinet/platform/logging';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GatewayConfig } from '../config.ts';
import { CIRCUIT_STATE_VALUE, type GatewayMetrics } from '../metrics/gatewayMetrics.ts';
import { SubgraphBreakers, useSubgraphCircuits } from './subgraphCircuits.ts';
import { upstreamPolicy } from './upstreamPolicy.ts';

/**
 * The gateway's timeouts and retries as configured (options of the runtime) and its circuit breakers
 * (a plugin), reporting into its metrics.
 */
export function resilienceFromConfig(
  config: GatewayConfig,
  subgraphs: readonly string[],
  metrics: GatewayMetrics,
  log: Logger,
): { readonly runtimeOptions: ReturnType<typeof upstreamPolicy>; readonly plugin: GatewayPlugin } {
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
  return {
    runtimeOptions: upstreamPolicy({
      timeoutMsFor: (subgraph) => config.SUBGRAPH_TIMEOUTS_MS.get(subgraph) ?? config.SUBGRAPH_TIMEOUT_MS,
      mutationTimeoutMs: config.SUBGRAPH_MUTATION_TIMEOUT_MS,
      maxRetries: config.SUBGRAPH_RETRIES,
      retryBaseMs: config.SUBGRAPH_RETRY_BASE_MS,
    }),
    plugin: useSubgraphCircuits({
      breakers,
      log,
      onCallEnd: (subgraph, outcome, durationMs, operation) => {
        metrics.subgraphRequests.inc({ subgraph, outcome });
        metrics.subgraphDuration.observe({ subgraph, operation }, durationMs / 1_000);
      },
    }),
  };
}
