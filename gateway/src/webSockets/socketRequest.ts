import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Extra } from 'graphql-ws/use/ws';
import type { SocketCaller } from './socketAuthentication.ts';

/**
 * The context a WebSocket operation runs in. The socket's verified token becomes the request's
 * Authorization header, whichever way it came, so the same header propagation and entity fetches
 * serve HTTP and WebSocket alike; no unverified Authorization of the upgrade request goes further.
 */
export function socketOperationContext(runtime: GatewayRuntime, extra: Extra & Partial<SocketCaller>) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(extra.request.headers)) {
    if (typeof value === 'string' && name !== 'authorization') headers.set(name, value);
  }
  if (extra.authorization) headers.set('authorization', `Bearer ${extra.authorization}`);
  return {
    req: extra.request,
    socket: extra.socket,
    request: new runtime.fetchAPI.Request(
      `http://${headers.get('host') ?? 'gateway'}${runtime.graphqlEndpoint}`,
      {
        method: 'GET',
        headers,
      },
    ),
  };
}
