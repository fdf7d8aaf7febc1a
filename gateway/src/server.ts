import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createLogger } from '@cabinet/platform/logging';
import type { RunningService } from '@cabinet/platform/process';
import type { GatewayConfig } from './config.ts';
import { routeHttp } from './http/httpRoutes.ts';
import { closeGracefully, listen } from './http/httpServer.ts';
import { metricsEndpoint } from './http/metricsEndpoint.ts';
import { oauthTokenProxy } from './http/oauthProxy.ts';
import { readinessEndpoint } from './http/readiness.ts';
import { limitsFromConfig } from './limits/limitsFromConfig.ts';
import { createGatewayMetrics } from './metrics/gatewayMetrics.ts';
import { routingTable } from './routing.ts';
import { startRuntime } from './runtime/gatewayRuntime.ts';
import { accessTokenVerifierFor } from './tokenVerifier.ts';
import { serveWebSockets } from './webSockets/webSocketServer.ts';

/**
 * The one public endpoint: HTTP, SSE and graphql-ws on /graphql, GraphiQL, /healthcheck,
 * /readiness, /metrics and partners' `POST /oauth/token` (identity's, passed through). The supergraph
 * is loaded before it listens, so the first WebSocket operation never meets an unloaded schema.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const log = createLogger('gateway', config.LOG_LEVEL);
  const supergraph = await readFile(config.SUPERGRAPH_FILE, 'utf8');
  const routes = routingTable(supergraph, config);
  const verifier = accessTokenVerifierFor(config);
  const metrics = createGatewayMetrics();
  const limits = limitsFromConfig(config, '/graphql');
  const runtime = await startRuntime({ config, supergraph, routes, verifier, metrics, limits, log });

  const httpServer = createServer(
    routeHttp({
      guard: limits.guardHttp,
      oauthToken: oauthTokenProxy(routes, config, log),
      metrics: metricsEndpoint(metrics.registry),
      readiness: readinessEndpoint(routes.map((route) => route.url)),
      runtime,
    }),
  );
  // A WebSocket message is held to the same size as a request body.
  const webSockets = serveWebSockets({
    httpServer,
    runtime,
    verifier,
    maxPayloadBytes: config.MAX_BODY_BYTES,
  });

  const port = await listen(httpServer, config.PORT, config.HOST);
  const url = `http://localhost:${port}${runtime.graphqlEndpoint}`;
  log.info({ url, subgraphs: routes }, 'gateway listening');

  return {
    url,
    async stop() {
      await webSockets.dispose();
      await closeGracefully(httpServer);
      await runtime[Symbol.asyncDispose]();
      log.info('gateway stopped');
    },
  };
}
