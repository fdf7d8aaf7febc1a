import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import wsTransport from '@graphql-mesh/transport-ws';
import type { SubgraphRoute } from '../supergraph.ts';

/**
 * Loaded here rather than on first use: a burst of first subscriptions would otherwise each load the
 * WebSocket transport while the import is pending and open an upstream connection apiece.
 */
export const SUBGRAPH_TRANSPORTS = { http: httpTransport, ws: wsTransport };

/** The subgraphs that serve subscriptions: claims' status changes, support's conversations. */
const SUBSCRIBING_SUBGRAPHS = new Set(['claims', 'support']);

/** Each subgraph over HTTP at its route; subscriptions over graphql-ws on the subgraph's /graphql. */
export function subgraphTransportEntries(
  routes: readonly SubgraphRoute[],
): NonNullable<GatewayConfigBase<Record<string, unknown>>['transportEntries']> {
  return Object.fromEntries(
    routes.map((route) => [
      route.name,
      {
        location: route.url,
        ...(SUBSCRIBING_SUBGRAPHS.has(route.name)
          ? { options: { subscriptions: { kind: 'ws', location: '/graphql' } } }
          : {}),
      },
    ]),
  );
}
