import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Extra } from 'graphql-ws/use/ws';
import type { SocketCaller } from './socketAuthentication.ts';

/**
 * The context a WebSocket operation runs in. WebSocket clients carry their token in connectionParams;
 * giving it to the request as a header lets the same header propagation and entity fetches serve HTTP
 * and WebSocket alike.
 */
export function socketOperationContext(runtime: GatewayRuntime, extra: Extra & Partial<SocketCaller>) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(extra.request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
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
