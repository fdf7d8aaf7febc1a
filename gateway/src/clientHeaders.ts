import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER } from '@cabinet/platform/logging';

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

/** The Node request behind a GraphQL context: the HTTP request, or a WebSocket's upgrade request. */
export function peerAddressOf(context: unknown): string | undefined {
  const req = (context as { req?: Partial<IncomingMessage> } | undefined)?.req;
  return req?.socket?.remoteAddress;
}

/**
 * The client's headers every subgraph call carries: its token, request id and user agent, and
 * `x-forwarded-for` with the address the gateway saw it from.
 */
export function headersForSubgraphs(request: Request, context: unknown): Record<string, string> {
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
}
