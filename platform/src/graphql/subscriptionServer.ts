import type { Server } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { bearerToken, whenExpired, type AccessTokenVerifier } from '../auth/accessTokens.ts';
import { ANONYMOUS, isDomainError, type ErrorCode, type Principal } from '@cabinet/kernel';
import { LruMap } from '../collections/lruMap.ts';
import { createErrorFormatter } from './formatError.ts';
import type { Logger } from '../logging/logger.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from '../logging/requestId.ts';
import type { SubgraphMetrics } from '../metrics/subgraphMetrics.ts';
import { traceOperationSetup } from '../telemetry/webSocketTracing.ts';
import type { RequestContext } from './context.ts';

/** Whose operation it is: the socket's caller, or the subscriber a shared connection named for one operation. */
interface Caller {
  readonly principal: Principal;
  readonly authorization: string | undefined;
  readonly expiry?: NodeJS.Timeout;
}

interface RunningOperation {
  readonly caller: Caller;
  readonly subscription: boolean;
}

type SocketExtra = {
  connection?: Caller;
  /** Operations running on the socket, with the caller each was started for. */
  operations?: Map<string, RunningOperation>;
};

const ANONYMOUS_CALLER: Caller = { principal: ANONYMOUS, authorization: undefined };
const PREPARED_DOCUMENTS_KEPT = 500;
const PREPARED_QUERY_MAX_LENGTH = 20_000;
/** As much as an HTTP request body may carry. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * graphql-ws on /graphql. A client puts its token into `connectionParams` and every operation on the socket
 * is theirs. A gateway instead keeps one connection for many subscribers and names each operation's
 * subscriber in the subscribe message's `extensions.authorization`; that token is verified here like any
 * other, so the shared connection itself is never trusted with anyone's identity. Errors leave through the
 * same formatter as over HTTP, so they carry the same `extensions.code`. Each operation's setup is traced
 * as a child of the `extensions.traceparent` its subscribe message carries.
 */
export function serveSubscriptions(options: {
  readonly httpServer: Server;
  readonly schema: GraphQLSchema;
  readonly verifier: AccessTokenVerifier;
  readonly log: Logger;
  readonly services: unknown;
  readonly metrics: Pick<SubgraphMetrics, 'webSockets' | 'subscriptions'>;
}): { dispose(): void | Promise<void> } {
  const { schema, verifier, log, metrics } = options;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: MAX_MESSAGE_BYTES,
  });
  const formatError = createErrorFormatter(log);
  const formatted = (errors: readonly GraphQLError[]) =>
    errors.map((error) => formatError(error.toJSON(), error));

  // Subscribers of a gateway all send the same few documents: each is parsed and validated once, not
  // kept as a parsed copy per subscriber.
  const preparedDocuments = new LruMap<string, PreparedDocument>(PREPARED_DOCUMENTS_KEPT);
  function prepare(query: string): PreparedDocument {
    const known = preparedDocuments.get(query);
    if (known) return known;
    const prepared = parseAndValidate(schema, query);
    if (!prepared.refusal && query.length <= PREPARED_QUERY_MAX_LENGTH)
      preparedDocuments.set(query, prepared);
    return prepared;
  }

  /**
   * The verified caller a token names (`Bearer …` or bare), undefined when there is none; when the token
   * expires, `onExpiry` ends what it was given.
   */
  async function callerFor(raw: unknown, onExpiry: () => void): Promise<Caller | undefined> {
    const token = typeof raw === 'string' ? bearerToken(raw) : undefined;
    if (token === undefined) return undefined;
    const verified = await verifier.verify(token);
    return { principal: verified.principal, authorization: token, expiry: whenExpired(verified, onExpiry) };
  }

  return useServer<Record<string, unknown>, SocketExtra>(
    traceOperationSetup({
      schema,
      onConnect: async (ctx) => {
        try {
          const raw = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['token'];
          ctx.extra.connection =
            (await callerFor(raw, () => ctx.extra.socket.close(CloseCode.Unauthorized, 'Token expired'))) ??
            ANONYMOUS_CALLER;
          metrics.webSockets.inc();
          return true;
        } catch (error) {
          if (isDomainError(error)) return false;
          throw error;
        }
      },
      // Everything that can refuse an operation happens here, before it counts as running: graphql-ws
      // would otherwise close the whole socket on a syntax error, taking every subscriber on it along.
      onSubscribe: async (ctx, id, payload) => {
        const refusal = (message: string, code: ErrorCode) => [
          new GraphQLError(message, { extensions: { code } }),
        ];
        const prepared = prepare(payload.query);
        if (prepared.refusal) return prepared.refusal;
        const { document } = prepared;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refusal('Unable to identify operation', 'GRAPHQL_VALIDATION_FAILED');

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
        const subscription = operation.operation === OperationTypeNode.SUBSCRIPTION;
        (ctx.extra.operations ??= new Map()).set(id, { caller, subscription });
        if (subscription) metrics.subscriptions.inc();
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contextFor(ctx.extra.request.headers[REQUEST_ID_HEADER], caller),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatted(result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatted(errors),
      onComplete: (ctx, id) => {
        const running = ctx.extra.operations?.get(id);
        if (!running) return;
        ctx.extra.operations?.delete(id);
        if (running.caller !== ctx.extra.connection) clearTimeout(running.caller.expiry);
        if (running.subscription) metrics.subscriptions.dec();
      },
      onClose: (ctx) => {
        if (ctx.acknowledged) metrics.webSockets.dec();
        clearTimeout(ctx.extra.connection?.expiry);
        for (const { caller } of ctx.extra.operations?.values() ?? []) clearTimeout(caller.expiry);
      },
    }),
    wsServer,
  );

  function contextFor(requestIdHeader: string | string[] | undefined, caller: Caller): RequestContext {
    const requestId = requestIdFrom(typeof requestIdHeader === 'string' ? requestIdHeader : undefined);
    return {
      principal: caller.principal,
      requestId,
      log: log.child({ requestId }),
      authorization: caller.authorization,
      services: options.services,
    };
  }
}

type PreparedDocument =
  | { readonly document: DocumentNode; readonly refusal?: undefined }
  | { readonly refusal: readonly GraphQLError[] };

function parseAndValidate(schema: GraphQLSchema, query: string): PreparedDocument {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { refusal: [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0)
    return { refusal: invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
  return { document };
}

function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code } });
}

/** Ends a running subscription: graphql-ws then tells the client it is complete. */
function endOperation(operation: AsyncIterable<unknown> | AsyncGenerator | null | undefined): void {
  if (operation && 'return' in operation) void operation.return(undefined);
}
