import { env, loadConfig, LOG_LEVELS, optional, type ConfigOf } from '@cabinet/platform';

export const gatewayConfigSpec = {
  PORT: env.port(4000),
  HOST: env.string('0.0.0.0'),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
  SUPERGRAPH_FILE: env.string('schema/supergraph.graphql'),
  /** Where identity publishes the keys access tokens are signed with. */
  JWKS_URL: env.url('http://localhost:4001/.well-known/jwks.json'),
  TOKEN_ISSUER: env.string('cabinet-identity'),
  TOKEN_AUDIENCE: env.string('cabinet'),
  /** Routing overrides: the committed supergraph names the embedded profile's URLs. */
  IDENTITY_URL: optional(env.url()),
  POLICY_URL: optional(env.url()),
  CLAIMS_URL: optional(env.url()),
};

export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;

export const loadGatewayConfig = (source: Record<string, string | undefined> = process.env): GatewayConfig =>
  loadConfig(gatewayConfigSpec, source);
