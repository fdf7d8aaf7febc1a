import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { followIdentitysEndedSessions } from '@cabinet/platform/auth';
import {
  createInternalRequestSigner,
  requireInternalRequestSecret,
} from '@cabinet/platform/internal-requests';
import { createLogger } from '@cabinet/platform/logging';
import { hostInUrl, type RunningService } from '@cabinet/platform/process';
import type { GatewayConfig } from './config.ts';
import { fileProxy } from './http/fileProxy.ts';
import { routeHttp } from './http/httpRoutes.ts';
import { closeGracefully, listen } from './http/httpServer.ts';
import { metricsEndpoint } from './http/metricsEndpoint.ts';
import { oauthTokenProxy } from './http/oauthProxy.ts';
import { readinessEndpoint } from './http/readiness.ts';
import { limitsFromConfig } from './limits/limitsFromConfig.ts';
import { loadOperationManifest } from './limits/persistedDocuments.ts';
import { createGatewayMetrics } from './metrics/gatewayMetrics.ts';
import { operationLabeller, registeredOperationNames } from './metrics/operationLabels.ts';
import { routingTable } from './routing.ts';
import { startRuntime } from './runtime/gatewayRuntime.ts';
import { accessTokenVerifierFor } from './tokenVerifier.ts';
import { serveWebSockets } from './webSockets/webSocketServer.ts';

/**
 * The one public endpoint: HTTP, SSE and graphql-ws on /graphql, GraphiQL, /healthcheck,
 * /readiness, partners' `POST /oauth/token` (identity's, passed through) and the services' signed file
 * links under `/files/<service>/` (passed through); `/metrics` on a listener
 * of its own (METRICS_HOST:METRICS_PORT), out of the public's reach. The supergraph is loaded before
 * it listens, so the first WebSocket operation never meets an unloaded schema.
 */
export async function startGateway(
  config: GatewayConfig,
  options: { readonly traced: boolean },
): Promise<RunningService> {
  const log = createLogger('gateway', config.LOG_LEVEL);
  const internalRequests = createInternalRequestSigner(
    requireInternalRequestSecret(config.INTERNAL_REQUEST_SECRET),
    'gateway',
  );
  const supergraph = await readFile(config.SUPERGRAPH_FILE, 'utf8');
  const routes = routingTable(supergraph, config);
  const endedSessions = followIdentitysEndedSessions(config, internalRequests, log);
  const verifier = accessTokenVerifierFor(config, endedSessions);
  const metrics = createGatewayMetrics();
  const limits = limitsFromConfig(config, '/graphql');
  const registeredOperations = await loadOperationManifest(config.PERSISTED_DOCUMENTS_FILE);
  const operationLabel = operationLabeller(
    registeredOperationNames(registeredOperations.values()),
    config.METRICS_OPERATION_NAMES,
  );
  const runtime = await startRuntime({
    config,
    supergraph,
    routes,
    verifier,
    metrics,
    operationLabel,
    registeredOperations,
    limits,
    internalRequests,
    log,
    traced: options.traced,
  });

  const httpServer = createServer(
    routeHttp({
      guard: limits.guardHttp,
      oauthToken: oauthTokenProxy(routes, config, internalRequests, log),
      readiness: readinessEndpoint(routes.map((route) => route.url)),
      files: fileProxy({
        routes,
        maxUploadBytes: config.MAX_UPLOAD_BYTES,
        idleTimeoutMs: config.FILE_IDLE_TIMEOUT_MS,
        internalRequests,
        spend: limits.spendFileRequest,
        allowsOrigin: limits.allowsOrigin,
        log,
      }),
      runtime,
    }),
  );
  // A WebSocket message is held to the same size as a request body.
  const webSockets = serveWebSockets({
    httpServer,
    runtime,
    verifier,
    endedSessions,
    maxPayloadBytes: config.MAX_BODY_BYTES,
  });

  const metricsServer = createServer(metricsEndpoint(metrics.registry));

  const metricsPort = await listen(metricsServer, config.METRICS_PORT, config.METRICS_HOST);
  const metricsUrl = `http://${hostInUrl(config.METRICS_HOST)}:${metricsPort}/metrics`;
  const port = await listen(httpServer, config.PORT, config.HOST);
  const url = `http://localhost:${port}${runtime.graphqlEndpoint}`;
  log.info({ url, metricsUrl, subgraphs: routes }, 'gateway listening');

  return {
    url,
    async stop() {
      endedSessions.stop();
      await webSockets.dispose();
      await closeGracefully(httpServer);
      await closeGracefully(metricsServer);
      await runtime[Symbol.asyncDispose]();
      await limits.close();
      log.info('gateway stopped');
    },
  };
}
