import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDomainError } from '@cabinet/kernel';
import { bearerToken, createAccessTokenVerifier, whenExpired } from '@cabinet/platform/auth';
import { createLogger, REQUEST_ID_HEADER, requestIdFrom } from '@cabinet/platform/logging';
import type { RunningService } from '@cabinet/platform/process';
import { createGatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import wsTransport from '@graphql-mesh/transport-ws';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { CloseCode, type ServerOptions } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { useAccessTokenCheck } from './authentication.ts';
import { forwardedFor, peerAddressOf } from './clientHeaders.ts';
import type { GatewayConfig } from './config.ts';
import { graphiqlOptions } from './graphiql.ts';
import { limitsFromConfig } from './limits/limitsFromConfig.ts';
import { loadOperationManifest, persistedDocumentsOptions } from './limits/persistedDocuments.ts';
import { createGatewayMetrics } from './metrics/gatewayMetrics.ts';
import { useGatewayMetrics } from './metrics/useGatewayMetrics.ts';
import { proxyOAuthToken } from './oauthProxy.ts';
import { subgraphsReady } from './readiness.ts';
import { resilienceFromConfig } from './resilience/resilienceFromConfig.ts';
import { subgraphRoutes } from './supergraph.ts';
import { cacheVerifiedTokens } from './verifiedTokenCache.ts';
import { useStaleMarker } from './staleMarker.ts';
import { useSubscriberIdentity } from './subscriberIdentity.ts';
import { useTracing } from './telemetry/useTracing.ts';

/**
 * A refusal thrown while an operation's parameters are read (a persisted-documents refusal, say)
 * reaches the client as an error result: graphql-ws would otherwise put its message into the close
 * reason, and a Cyrillic one longer than a close frame allows brings the process down.
 */
function refusalsAsResults<P extends Record<string, unknown> | undefined, E>(
  options: ServerOptions<P, E>,
): ServerOptions<P, E> {
  type Run = NonNullable<ServerOptions<P, E>['execute']>;
  const answering = (run: Run | undefined): Run | undefined =>
    run &&
    (async (args) => {
      try {
        return await run(args);
      } catch (error) {
        if (error instanceof GraphQLError) return { errors: [error] };
        throw error;
      }
    });
  return { ...options, execute: answering(options.execute), subscribe: answering(options.subscribe) };
}

type SocketExtra = { authorization?: string; expiry?: NodeJS.Timeout };

/**
 * The one public endpoint: HTTP, SSE and graphql-ws on /graphql, GraphiQL, /healthcheck,
 * /readiness, /metrics and partners' `POST /oauth/token` (identity's, passed through). The supergraph is loaded before it listens, so the first WebSocket operation never
 * meets an unloaded schema.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const log = createLogger('gateway', config.LOG_LEVEL);
  const supergraph = await readFile(config.SUPERGRAPH_FILE, 'utf8');
  const overrides: Record<string, string | undefined> = {
    identity: config.IDENTITY_URL,
    policy: config.POLICY_URL,
    claims: config.CLAIMS_URL,
  };
  const routes = subgraphRoutes(supergraph).map((route) => ({
    ...route,
    url: overrides[route.name] ?? route.url,
  }));
  const verifier = cacheVerifiedTokens(
    createAccessTokenVerifier(
      { jwksUrl: config.JWKS_URL },
      { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ),
    { maxEntries: config.VERIFIED_TOKENS_CACHED, now: () => Date.now() },
  );
  const metrics = createGatewayMetrics();
  const limits = limitsFromConfig(config, '/graphql');
  const persistedDocuments = limits.production
    ? persistedDocumentsOptions(await loadOperationManifest(config.PERSISTED_DOCUMENTS_FILE), verifier)
    : undefined;
  const resilience = resilienceFromConfig(
    config,
    routes.map((route) => route.name),
    metrics,
    log,
  );

  const gateway = createGatewayRuntime({
    supergraph,
    logging: config.LOG_LEVEL === 'silent' || config.LOG_LEVEL === 'fatal' ? 'error' : config.LOG_LEVEL,
    landingPage: false,
    ...limits.runtimeOptions,
    graphiql: limits.production ? false : graphiqlOptions(config.SIGN_IN_CALLBACK_URL),
    ...(persistedDocuments ? { persistedDocuments } : {}),
    renderGraphiQL,
    healthCheckEndpoint: '/healthcheck',
    // Our own /readiness below also asks every subgraph; the runtime's only knows the schema.
    readinessCheckEndpoint: '/readiness/schema',
    // Loaded here rather than on first use: a burst of first subscriptions would otherwise each load
    // the WebSocket transport while the import is pending and open an upstream connection apiece.
    transports: { http: httpTransport, ws: wsTransport },
    transportEntries: {
      ...Object.fromEntries(routes.map((route) => [route.name, { location: route.url }])),
      claims: {
        ...(overrides['claims'] ? { location: overrides['claims'] } : {}),
        options: {
          subscriptions: {
            kind: 'ws',
            location: '/graphql',
          },
        },
      },
    },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, context }) => {
        const headers: Record<string, string> = {};
        const authorization = request.headers.get('authorization');
        const requestId = request.headers.get(REQUEST_ID_HEADER);
        const userAgent = request.headers.get('user-agent');
        const forwarded = forwardedFor(request.headers.get('x-forwarded-for'), peerAddressOf(context));
        if (authorization) headers['authorization'] = authorization;
        if (requestId) headers[REQUEST_ID_HEADER] = requestId;
        if (userAgent) headers['user-agent'] = userAgent;
        if (forwarded) headers['x-forwarded-for'] = forwarded;
        return headers;
      },
    },
    plugins: () => [
      // First, so its spans wrap whatever the other plugins refuse or retry.
      useTracing('/graphql'),
      useGatewayMetrics(metrics),
      useAccessTokenCheck(verifier, limits.rememberPrincipal),
      ...limits.plugins,
      resilience,
      useStaleMarker(),
      useSubscriberIdentity(),
    ],
  });
  await gateway.getSchema();

  const identityRoute = routes.find((route) => route.name === 'identity');
  const oauthToken =
    identityRoute &&
    proxyOAuthToken(
      identityRoute.url,
      config.SUBGRAPH_TIMEOUTS_MS.get('identity') ?? config.SUBGRAPH_TIMEOUT_MS,
      log,
    );
  const httpServer = createServer((req, res) => {
    req.headers[REQUEST_ID_HEADER] = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    if (!limits.guardHttp(req, res)) return;
    if (req.url === '/oauth/token' && req.method === 'POST' && oauthToken) {
      oauthToken(req, res);
      return;
    }
    if (req.url === '/metrics') {
      void metrics.registry.metrics().then((body) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(body);
      });
      return;
    }
    if (req.url === '/readiness') {
      void subgraphsReady(routes.map((route) => route.url)).then((ready) => {
        res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready' }));
      });
      return;
    }
    void gateway(req, res);
  });

  // A WebSocket message is held to the same size as a request body.
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: gateway.graphqlEndpoint,
    maxPayload: config.MAX_BODY_BYTES,
  });
  const graphqlWs = useServer<Record<string, unknown>, SocketExtra>(
    {
      ...refusalsAsResults(
        getGraphQLWSOptions<Record<string, unknown>, Extra & Partial<SocketExtra>>(gateway, (ctx) => {
          // WebSocket clients carry their token in connectionParams; giving it to the request as a header
          // lets the same header propagation and entity fetches serve HTTP and WebSocket alike.
          const headers = new Headers();
          for (const [name, value] of Object.entries(ctx.extra.request.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          if (ctx.extra.authorization) headers.set('authorization', `Bearer ${ctx.extra.authorization}`);
          return {
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            request: new gateway.fetchAPI.Request(
              `http://${headers.get('host') ?? 'gateway'}${gateway.graphqlEndpoint}`,
              {
                method: 'GET',
                headers,
              },
            ),
          };
        }),
      ),
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['token'];
        if (raw === undefined || raw === null || raw === '') return true;
        try {
          const token = typeof raw === 'string' ? bearerToken(raw) : undefined;
          if (token === undefined) return false;
          const verified = await verifier.verify(token);
          ctx.extra.authorization = token;
          ctx.extra.expiry = whenExpired(verified, () =>
            ctx.extra.socket.close(CloseCode.Unauthorized, 'Token expired'),
          );
          return true;
        } catch (error) {
          if (isDomainError(error)) return false;
          throw error;
        }
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),
    },
    wsServer,
  );

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://localhost:${port}${gateway.graphqlEndpoint}`;
  log.info({ url, subgraphs: routes }, 'gateway listening');

  return {
    url,
    async stop() {
      await graphqlWs.dispose();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(force);
      await gateway[Symbol.asyncDispose]();
      log.info('gateway stopped');
    },
  };
}
