import {
  ConfigError,
  env,
  loadConfig,
  LOG_LEVELS,
  optional,
  type ConfigOf,
  type Setting,
} from '@cabinet/platform';

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
  /** One attempt of a call to a subgraph; SUBGRAPH_TIMEOUTS_MS overrides it per subgraph. */
  SUBGRAPH_TIMEOUT_MS: env.integer(3_000, { min: 10, max: 120_000 }),
  /** Per-subgraph attempt timeouts, e.g. `claims=5000,identity=1500`. */
  SUBGRAPH_TIMEOUTS_MS: perSubgraphMilliseconds(),
  /** Extra attempts of a failed query (never of a mutation). */
  SUBGRAPH_RETRIES: env.integer(2, { min: 0, max: 5 }),
  SUBGRAPH_RETRY_BASE_MS: env.integer(50, { min: 1, max: 10_000 }),
  SUBGRAPH_RETRY_MAX_MS: env.integer(1_000, { min: 1, max: 60_000 }),
  /** Consecutive failed calls that open a subgraph's circuit. */
  CIRCUIT_FAILURE_THRESHOLD: env.integer(5, { min: 1, max: 1_000 }),
  /** How long an open circuit refuses calls before one probe call may try again. */
  CIRCUIT_OPEN_MS: env.integer(10_000, { min: 100, max: 600_000 }),
};

function perSubgraphMilliseconds(): Setting<ReadonlyMap<string, number>> {
  return {
    read(variable, raw) {
      const timeouts = new Map<string, number>();
      for (const entry of (raw ?? '').split(',').filter((part) => part.trim() !== '')) {
        const match = /^\s*([\w-]+)\s*=\s*(\d+)\s*$/.exec(entry);
        if (!match?.[1] || !match[2])
          throw new ConfigError(variable, `must look like "claims=5000,identity=1500", got "${raw}"`);
        timeouts.set(match[1], Number(match[2]));
      }
      return timeouts;
    },
  };
}

export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;

export const loadGatewayConfig = (source: Record<string, string | undefined> = process.env): GatewayConfig =>
  loadConfig(gatewayConfigSpec, source);
