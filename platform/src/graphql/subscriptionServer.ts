import type { Server } from 'node:http';
import { getOperationAST, GraphQLError, OperationTypeNode, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AccessTokenVerifier } from '../auth/accessTokens.ts';
import type { EndedSessions } from '../auth/endedSessions.ts';
import { isDomainError, type ErrorCode } from '@cabinet/kernel';
import {
  INTERNAL_REQUEST_EXTENSION,
  type InternalRequestVerifier,
} from '../internalRequests/internalRequestProof.ts';
import { shapeRules, tokenRefusal } from '../limits/operationLimits.ts';
import { createErrorFormatter } from './formatError.ts';
import { internalOnlyRefusal } from './internalOnly.ts';
import type { Logger } from '../logging/logger.ts';
import { REQUEST_ID_HEADER } from '../logging/requestId.ts';
import type { SubgraphMetrics } from '../metrics/subgraphMetrics.ts';
import { traceOperationSetup } from '../telemetry/webSocketTracing.ts';
import { ANONYMOUS_CALLER, callerContext, callerVerifier } from './subscriptionCallers.ts';
import { documentPreparer } from './subscriptionDocuments.ts';
import { endOperation, socketOperations, type SocketExtra } from './subscriptionOperations.ts';
import { runRefusal, type SubgraphLimits } from './subgraphLimits.ts';

/** As much as an HTTP request body may carry. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * graphql-ws on /graphql. A client puts its token into `connectionParams` and every operation on the socket
 * is theirs. A gateway instead keeps one connection for many subscribers and names each operation's
 * subscriber in the subscribe message's `extensions.authorization`; that token is verified here like any
 * other, so the shared connection itself is never trusted with anyone's identity. Errors leave through the
 * same formatter as over HTTP, so they carry the same `extensions.code`. Each operation's setup is traced
 * as a child of the `extensions.traceparent` its subscribe message carries. Every subscribe message
 * carries the gateway's proof in `extensions.internalRequest` (a connection lives too long for one proof),
 * and each operation is held to the same limits as over HTTP.
 */
export function serveSubscriptions(options: {
  readonly httpServer: Server;
  readonly schema: GraphQLSchema;
  /** Already refuses the tokens of ended sessions; `endedSessions` ends what they started. */
  readonly verifier: AccessTokenVerifier;
  readonly endedSessions: Pick<EndedSessions, 'watch'>;
  readonly log: Logger;
  readonly services: unknown;
  readonly metrics: Pick<SubgraphMetrics, 'webSockets' | 'subscriptions'>;
  readonly internalRequests: InternalRequestVerifier;
  readonly limits: SubgraphLimits;
}): { dispose(): void | Promise<void> } {
  const { schema, log, limits } = options;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: MAX_MESSAGE_BYTES,
  });
  const formatError = createErrorFormatter(log);
  const formatted = (errors: readonly GraphQLError[]) =>
    errors.map((error) => formatError(error.toJSON(), error));
  const prepare = documentPreparer(schema, shapeRules(limits));
  const callerFor = callerVerifier(options.verifier, options.endedSessions);
  const sockets = socketOperations(options.metrics);

  return useServer<Record<string, unknown>, SocketExtra>(
    traceOperationSetup({
      schema,
      onConnect: async (ctx) => {
        try {
          const raw = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['token'];
          const caller = await callerFor(raw, (why) =>
            ctx.extra.socket.close(
              CloseCode.Unauthorized,
              why === 'expired' ? 'Token expired' : 'Session ended',
            ),
          );
          sockets.connected(ctx.extra, caller ?? ANONYMOUS_CALLER);
          return true;
        } catch (error) {
          if (isDomainError(error)) return false;
          throw error;
        }
      },
      // Everything that can refuse an operation happens here, before it counts as running: graphql-ws
      // would otherwise close the whole socket on a syntax error, taking every subscriber on it along.
      onSubscribe: async (ctx, id, payload) => {
        if (options.internalRequests.callerOf(payload.extensions?.[INTERNAL_REQUEST_EXTENSION]) === undefined)
          return [internalOnlyRefusal()];
        const tooLong = tokenRefusal(payload.query, limits.maxTokens);
        if (tooLong) return [tooLong];
        const prepared = prepare(payload.query);
        if (prepared.refusal) return prepared.refusal;
        const { document } = prepared;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refusal('Unable to identify operation', 'GRAPHQL_VALIDATION_FAILED');
        const tooMuch = runRefusal(limits, {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        });
        if (tooMuch) return [tooMuch];

        let caller = ctx.extra.connection ?? ANONYMOUS_CALLER;
        try {
          const named = await callerFor(payload.extensions?.['authorization'], () =>
            endOperation(ctx.subscriptions[id]),
          );
          caller = named ?? caller;
        } catch (error) {
          if (!isDomainError(error)) throw error;
          return refusal(error.message, error.code);
        }
        sockets.started(ctx.extra, id, caller, operation.operation === OperationTypeNode.SUBSCRIPTION);
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: callerContext(
            caller,
            ctx.extra.request.headers[REQUEST_ID_HEADER],
            log,
            options.services,
          ),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatted(result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatted(errors),
      onComplete: (ctx, id) => sockets.completed(ctx.extra, id),
      onClose: (ctx) => sockets.closed(ctx.extra, ctx.acknowledged),
    }),
    wsServer,
  );
}

function refusal(message: string, code: ErrorCode): GraphQLError[] {
  return [new GraphQLError(message, { extensions: { code } })];
}
