import type { AccessTokenVerifier } from '@cabinet/platform/auth';
import { INTERNAL_REQUEST_HEADER, type InternalRequestSigner } from '@cabinet/platform/internal-requests';
import type { Logger, LogLevel } from '@cabinet/platform/logging';
import { TYPED_SCALARS } from '@cabinet/platform/scalars';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { headersForSubgraphs } from '../clientHeaders.ts';
import type { GatewayConfig } from '../config.ts';
import { graphiqlOptions } from '../graphiql.ts';
import type { GatewayLimits } from '../limits/limitsFromConfig.ts';
import { persistedDocumentsOptions } from '../limits/persistedDocuments.ts';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.ts';
import { resilienceFromConfig } from '../resilience/resilienceFromConfig.ts';
import type { SubgraphRoute } from '../supergraph.ts';
import { gatewayPlugins } from './gatewayPlugins.ts';
import { routerRuntimeHandler } from './routerRuntime.ts';
import { SUBGRAPH_TRANSPORTS, subgraphTransportEntries } from './subgraphTransports.ts';

/**
 * The Hive Gateway runtime serving the supergraph with the gateway's plugins, its schema loaded before
 * it is returned, so the first WebSocket operation never meets an unloaded schema.
 */
export async function startRuntime(parts: {
  readonly config: GatewayConfig;
  readonly supergraph: string;
  readonly routes: readonly SubgraphRoute[];
  readonly verifier: AccessTokenVerifier;
  readonly metrics: GatewayMetrics;
  readonly operationLabel: (name: string) => string;
  /** The registered operations, the only ones restricted clients may run in production. */
  readonly registeredOperations: ReadonlyMap<string, string>;
  readonly limits: GatewayLimits;
  /** Proves every subgraph call the gateway's: subgraphs answer no one else. */
  readonly internalRequests: InternalRequestSigner;
  readonly log: Logger;
  /** Whether the process sends traces: without, the tracing plugin is left out. */
  readonly traced: boolean;
}): Promise<GatewayRuntime> {
  const { config, routes, verifier, metrics, operationLabel, limits, internalRequests, log } = parts;
  const persistedDocuments = limits.production
    ? persistedDocumentsOptions(parts.registeredOperations, verifier)
    : undefined;
  const resilience = resilienceFromConfig(
    config,
    routes.map((route) => route.name),
    metrics,
    log,
  );

  const runtime = createGatewayRuntime({
    supergraph: parts.supergraph,
    unifiedGraphHandler: routerRuntimeHandler,
    logging: runtimeLogLevel(config.LOG_LEVEL),
    landingPage: false,
    ...limits.runtimeOptions,
    graphiql: limits.production ? false : graphiqlOptions(config.SIGN_IN_CALLBACK_URL),
    ...(persistedDocuments ? { persistedDocuments } : {}),
    renderGraphiQL,
    healthCheckEndpoint: '/healthcheck',
    // The gateway's own /readiness also asks every subgraph; the runtime's only knows the schema.
    readinessCheckEndpoint: '/readiness/schema',
    // The supergraph names the typed scalars without their rules; these give them back, so a bad value is
    // refused here, naming the client's argument, before any subgraph is asked.
    additionalResolvers: Object.fromEntries(TYPED_SCALARS.map((scalar) => [scalar.name, scalar])),
    ...resilience.runtimeOptions,
    transports: SUBGRAPH_TRANSPORTS,
    transportEntries: subgraphTransportEntries(routes),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, context }) => ({
        ...headersForSubgraphs(request, context),
        [INTERNAL_REQUEST_HEADER]: internalRequests.proof(),
      }),
    },
    plugins: () =>
      gatewayPlugins({
        verifier,
        metrics,
        operationLabel,
        limits,
        resilience: resilience.plugin,
        internalRequests,
        traced: parts.traced,
      }),
  });
  await runtime.getSchema();
  return runtime;
}

/** The runtime's own log knows no `silent` or `fatal`: it then logs errors only. */
function runtimeLogLevel(level: LogLevel) {
  return level === 'silent' || level === 'fatal' ? 'error' : level;
}
