import type { Server } from 'node:http';
import type { AccessTokenVerifier, EndedSessions } from '@cabinet/platform/auth';
import { getGraphQLWSOptions, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { refusalsAsResults } from './refusalsAsResults.ts';
import { socketAuthentication, type SocketCaller } from './socketAuthentication.ts';
import { socketOperationContext } from './socketRequest.ts';

/** graphql-ws on the runtime's GraphQL path of `httpServer`, each socket as its token's caller until its session ends. */
export function serveWebSockets(options: {
  readonly httpServer: Server;
  readonly runtime: GatewayRuntime;
  readonly verifier: AccessTokenVerifier;
  readonly endedSessions: Pick<EndedSessions, 'watch'>;
  readonly maxPayloadBytes: number;
}): { dispose(): void | Promise<void> } {
  const { runtime } = options;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: runtime.graphqlEndpoint,
    maxPayload: options.maxPayloadBytes,
  });
  return useServer<Record<string, unknown>, SocketCaller>(
    {
      ...refusalsAsResults(
        getGraphQLWSOptions<Record<string, unknown>, Extra & Partial<SocketCaller>>(runtime, (ctx) =>
          socketOperationContext(runtime, ctx.extra),
        ),
      ),
      ...socketAuthentication(options.verifier, options.endedSessions),
    },
    wsServer,
  );
}
