import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Response, type Router } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { requestClientMiddleware } from '../activity/requestClient.ts';
import { AUTHENTICATION_UNAVAILABLE, type AccessTokenVerifier } from '../auth/accessTokens.ts';
import { refusingEndedSessions, type EndedSessions } from '../auth/endedSessions.ts';
import type { ServiceConfig } from '../config/serviceConfig.ts';
import {
  createInternalRequestVerifier,
  requireInternalRequestSecret,
} from '../internalRequests/internalRequestProof.ts';
import { shapeRules } from '../limits/operationLimits.ts';
import { isDomainError } from '@cabinet/kernel';
import { createErrorFormatter } from './formatError.ts';
import type { Logger } from '../logging/logger.ts';
import type { Registry } from 'prom-client';
import { createSubgraphMetrics } from '../metrics/subgraphMetrics.ts';
import { FILES_PATH } from '../files/publicFiles.ts';
import { hostInUrl } from '../process/hostInUrl.ts';
import { subgraphTracingPlugin } from '../telemetry/subgraphTracing.ts';
import { contextFromHeaders, type RequestContext } from './context.ts';
import { internalOnlyMiddleware, isInternalRequest } from './internalOnly.ts';
import { serveSubscriptions } from './subscriptionServer.ts';
import { operationLimitsPlugin, subgraphLimitsFrom, tokenLimitMiddleware } from './subgraphLimits.ts';

/** Where a service mounts its file routes: an express router under `/files`. */
export type FilesRouter = Router;

export interface SubgraphServerOptions {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly port: number;
  /** The settings every service shares: where it listens (HOST), the internal request secret, the limits. */
  readonly config: ServiceConfig;
  readonly log: Logger;
  readonly verifier: AccessTokenVerifier;
  /** Sessions that ended: their tokens are refused and their subscriptions ended; stopped with the server. */
  readonly endedSessions: EndedSessions;
  /** Serve graphql-ws on /graphql too (the claims subgraph's subscriptions). */
  readonly subscriptions?: boolean;
  /**
   * Extra HTTP routes of the service (JWKS, the partners' token endpoint), mounted before /graphql; open
   * to anyone who reaches the port, so each protects itself (client credentials). The request's client
   * (platform/activity) is known to them.
   */
  readonly routes?: (app: Express) => void;
  /**
   * The service's file routes (uploads and downloads behind signed links), mounted under `/files`: the
   * gateway passes `<PUBLIC_URL>/files/<service>/…` on to them with its proof, and a request without
   * one is refused like a GraphQL call. Each route still checks its link's signature.
   */
  readonly files?: (router: FilesRouter) => void;
  /** Answers /healthz: false while a dependency the service cannot work without is down. */
  readonly healthy?: () => Promise<boolean>;
  /** Adds the service's own series (stores, outboxes) to the registry its /metrics serves. */
  readonly registerMetrics?: (registry: Registry) => void;
  /** Put into every request's context as `services`. */
  readonly services?: unknown;
  /** Released after the server stopped taking requests (stores, timers). */
  readonly onStop?: () => Promise<void>;
}

export interface RunningSubgraph {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * One subgraph process: Apollo Server on /graphql over express, optionally graphql-ws on the same
 * path, /healthz, Prometheus /metrics, and a graceful stop: no new connections, WebSockets closed with 1001 (going away),
 * then the HTTP requests in flight answered before the stores are released.
 * GraphQL is answered to the gateway and sibling services only, each request proven with the internal
 * request secret, and held to the gateway's operation limits and a bound on `_entities` representations.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningSubgraph> {
  const { log, config, endedSessions } = options;
  const verifier = refusingEndedSessions(options.verifier, endedSessions);
  const internalRequests = createInternalRequestVerifier(
    requireInternalRequestSecret(config.INTERNAL_REQUEST_SECRET),
  );
  const limits = subgraphLimitsFrom(config);
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);

  const metrics = createSubgraphMetrics(options.name);
  options.registerMetrics?.(metrics.registry);
  const subscriptions =
    options.subscriptions === true
      ? serveSubscriptions({
          httpServer,
          schema: options.schema,
          verifier,
          endedSessions,
          log,
          services: options.services,
          metrics,
          internalRequests,
          limits,
        })
      : undefined;

  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    // Only proven internal callers get this far: the gateway's tooling may introspect.
    introspection: true,
    validationRules: shapeRules(limits),
    // runService owns SIGTERM/SIGINT: Apollo's own handler (on unless NODE_ENV=test) would stop only
    // Apollo and then kill the process by the signal again, before the service's stores and leases close.
    stopOnTerminationSignals: false,
    // No Apollo Studio here: inline tracing would only add bytes to every subgraph response.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      metrics.plugin,
      subgraphTracingPlugin(),
      operationLimitsPlugin(limits),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    void (options.healthy?.() ?? Promise.resolve(true)).then(
      (ok) => res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: options.name }),
      () => res.status(503).json({ status: 'unavailable', service: options.name }),
    );
  });
  app.get('/metrics', (_req, res) => {
    void metrics.registry.metrics().then(
      (body) => res.type(metrics.registry.contentType).send(body),
      (error: unknown) => {
        log.error({ err: error }, 'metrics could not be collected');
        res.status(500).end();
      },
    );
  });
  app.use(requestClientMiddleware((headers) => isInternalRequest(internalRequests, headers)));
  options.routes?.(app);
  if (options.files) {
    const files = express.Router();
    options.files(files);
    app.use(FILES_PATH, internalOnlyMiddleware(internalRequests), files, (_req: unknown, res: Response) => {
      res.status(404).json({ error: { code: 'FILE_NOT_FOUND', message: 'Файл не найден.' } });
    });
  }
  app.use(
    '/graphql',
    internalOnlyMiddleware(internalRequests),
    express.json({ limit: '1mb' }),
    tokenLimitMiddleware(limits.maxTokens),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await contextFromHeaders(req.headers, verifier, log, options.services);
        } catch (error) {
          if (isDomainError(error)) {
            const status = error.code === AUTHENTICATION_UNAVAILABLE ? 503 : 401;
            throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
          }
          throw error;
        }
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, config.HOST, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${hostInUrl(config.HOST)}:${port}/graphql`;
  log.info({ url }, `${options.name} subgraph listening`);

  return {
    url,
    port,
    async stop() {
      // Refuse new connections first; requests already received finish while Apollo drains the server.
      httpServer.close();
      endedSessions.stop();
      await subscriptions?.dispose();
      await apollo.stop();
      await options.onStop?.();
      log.info(`${options.name} subgraph stopped`);
    },
  };
}
