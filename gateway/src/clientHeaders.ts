import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER } from '@cabinet/platform/logging';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { OperationTypeNode } from 'graphql';
import { operationType } from './operationType.ts';

/**
 * `x-forwarded-for` as the gateway passes it on: what the client sent, then the address the gateway
 * accepted the connection from. Only that last entry is trustworthy; identity reads it for its
 * activity log and its per-address sign-in limits.
 */
export function forwardedFor(
  incoming: string | null | undefined,
  peerAddress: string | undefined,
): string | undefined {
  const peer = peerAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const chain = [incoming?.trim(), peer].filter((entry): entry is string => Boolean(entry));
  return chain.length > 0 ? chain.join(', ') : undefined;
}

/**
 * The client's request behind a GraphQL context (the runtime's Request may be a ponyfill's, so it is read,
 * not checked with instanceof).
 */
export function requestOf(context: unknown): Request | undefined {
  return (context as { request?: Request } | undefined)?.request;
}

/** The Node request behind a GraphQL context: the HTTP request, or a WebSocket's upgrade request. */
export function peerAddressOf(context: unknown): string | undefined {
  const req = (context as { req?: Partial<IncomingMessage> } | undefined)?.req;
  return req?.socket?.remoteAddress;
}

/**
 * The client's headers every subgraph call carries: its token and user agent, and `x-forwarded-for`
 * with the address the gateway saw it from. These name the caller, not the request, so identical
 * queries of one caller in flight at once are identical subgraph requests, and the runtime sends them
 * once (its in-flight deduplication); the request id goes to mutations only (useRequestIdOnMutations).
 */
export function headersForSubgraphs(request: Request, context: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  const authorization = request.headers.get('authorization');
  const userAgent = request.headers.get('user-agent');
  const forwarded = forwardedFor(request.headers.get('x-forwarded-for'), peerAddressOf(context));
  if (authorization) headers['authorization'] = authorization;
  if (userAgent) headers['user-agent'] = userAgent;
  if (forwarded) headers['x-forwarded-for'] = forwarded;
  return headers;
}

/**
 * A mutation's subgraph call carries the client request's id: the subgraph records the change as
 * caused by that request, and its log lines name it. Queries go without it (see headersForSubgraphs).
 */
export function useRequestIdOnMutations(): GatewayPlugin {
  return {
    onSubgraphExecute(payload) {
      const { executionRequest } = payload;
      if (operationType(executionRequest) !== OperationTypeNode.MUTATION) return;
      const requestId = requestOf(executionRequest.context)?.headers.get(REQUEST_ID_HEADER);
      if (!requestId) return;
      const extensions = executionRequest.extensions ?? {};
      const headers = (extensions['headers'] ?? {}) as Record<string, string>;
      payload.setExecutionRequest({
        ...executionRequest,
        extensions: { ...extensions, headers: { ...headers, [REQUEST_ID_HEADER]: requestId } },
      });
    },
  };
}
