/**
 * Our gateway as production starts it, on a free loopback port and a given supergraph, its tokens checked
 * against a stand-in of identity (../gateway/identityStandIn.ts): what the benches that measure or check
 * it against other gateways launch.
 */
export const PRODUCTION_GATEWAY_ENTRY = 'gateway/src/main.ts';

export function productionGatewayEnv(parts: {
  readonly supergraphFile: string;
  readonly internalRequestSecret: string;
  /** The identity stand-in's settings for the gateway. */
  readonly identityEnv: Readonly<Record<string, string>>;
}): Record<string, string> {
  return {
    GATEWAY_PROFILE: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    METRICS_PORT: '0',
    SUPERGRAPH_FILE: parts.supergraphFile,
    INTERNAL_REQUEST_SECRET: parts.internalRequestSecret,
    ...parts.identityEnv,
  };
}
