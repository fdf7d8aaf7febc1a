import type { GatewayConfig } from './config.ts';
import { subgraphRoutes, type SubgraphRoute } from './supergraph.ts';

/** Where each subgraph is: the supergraph's URL, unless the configuration overrides it. */
export function routingTable(supergraph: string, config: GatewayConfig): SubgraphRoute[] {
  const overrides: Record<string, string | undefined> = {
    identity: config.IDENTITY_URL,
    policy: config.POLICY_URL,
    claims: config.CLAIMS_URL,
    support: config.SUPPORT_URL,
  };
  return subgraphRoutes(supergraph).map((route) => ({
    ...route,
    url: overrides[route.name] ?? route.url,
  }));
}
