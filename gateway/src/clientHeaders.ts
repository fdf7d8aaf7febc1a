import type { IncomingMessage } from 'node:http';

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
