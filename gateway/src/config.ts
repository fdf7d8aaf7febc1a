import {
  ConfigError,
  env,
  loadConfig,
  optional,
  type ConfigOf,
  type Setting,
} from '@cabinet/platform/config';
import { internalRequestSecretSetting } from '@cabinet/platform/internal-requests';
import { operationLimitsConfigSpec } from '@cabinet/platform/limits';
import { LOG_LEVELS } from '@cabinet/platform/logging';

export const gatewayConfigSpec = {
  PORT: env.port(4000),
  HOST: env.string('0.0.0.0'),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
  /** `/metrics` is served on a listener of its own, for the scraper only: loopback unless set otherwise. */
  METRICS_PORT: env.port(9464),
  METRICS_HOST: env.string('127.0.0.1'),
  /**
   * Operation names the metrics label besides the registered ones, first come first served; later
   * names, and names longer than a short identifier, are counted as "other".
   */
  METRICS_OPERATION_NAMES: env.integer(100, { min: 0, max: 10_000 }),
  SUPERGRAPH_FILE: env.string('schema/supergraph.graphql'),
  /** Where identity publishes the keys access tokens are signed with. */
  JWKS_URL: env.url('http://localhost:4001/.well-known/jwks.json'),
  TOKEN_ISSUER: env.string('cabinet-identity'),
  TOKEN_AUDIENCE: env.string('cabinet'),
  /** Identity's feed of ended sessions; by default `/internal/ended-sessions` beside the JWKS. */
  ENDED_SESSIONS_URL: optional(env.url()),
  /** How often the feed is read: a signed-out session's tokens and sockets end within about this. */
  ENDED_SESSIONS_POLL_MS: env.integer(500, { min: 50, max: 60_000 }),
  /** Verified access tokens remembered (each until its expiry), so repeat requests skip the signature check. */
  VERIFIED_TOKENS_CACHED: env.integer(10_000, { min: 1, max: 1_000_000 }),
  /** Proves the gateway's calls to the subgraphs (see README, internal requests); required to serve. */
  INTERNAL_REQUEST_SECRET: internalRequestSecretSetting,
  /** Routing overrides: the committed supergraph names the embedded profile's URLs. */
  IDENTITY_URL: optional(env.url()),
  POLICY_URL: optional(env.url()),
  CLAIMS_URL: optional(env.url()),
  SUPPORT_URL: optional(env.url()),
  /** One attempt of a call to a subgraph; SUBGRAPH_TIMEOUTS_MS overrides it per subgraph. */
  SUBGRAPH_TIMEOUT_MS: env.integer(3_000, { min: 10, max: 120_000 }),
  /** Per-subgraph attempt timeouts, e.g. `claims=5000,identity=1500`. */
  SUBGRAPH_TIMEOUTS_MS: keyedIntegers('claims=5000,identity=1500'),
  /**
   * One attempt of a mutation, on any subgraph (never less than its query timeout): changes such as a
   * sign-in may take seconds under load, are never retried, and a slow one says nothing about the
   * subgraph's health.
   */
  SUBGRAPH_MUTATION_TIMEOUT_MS: env.integer(15_000, { min: 10, max: 300_000 }),
  /** Extra attempts of a failed query (never of a mutation). */
  SUBGRAPH_RETRIES: env.integer(2, { min: 0, max: 5 }),
  /** The first retry of a query waits twice this, each further one twice as long as the one before. */
  SUBGRAPH_RETRY_BASE_MS: env.integer(50, { min: 1, max: 10_000 }),
  /** Consecutive failed calls (each after its retries) that open a subgraph's circuit. */
  CIRCUIT_FAILURE_THRESHOLD: env.integer(5, { min: 1, max: 1_000 }),
  /** How long an open circuit refuses calls before one probe call may try again. */
  CIRCUIT_OPEN_MS: env.integer(10_000, { min: 100, max: 600_000 }),
  /** production: no GraphiQL, no introspection, strict CSP, persisted documents for partner and mobile clients. */
  GATEWAY_PROFILE: env.oneOf(['embedded', 'production'] as const, 'embedded'),
  /** Registered operations (`npm run schema`), the only ones partner and mobile clients may run in production. */
  PERSISTED_DOCUMENTS_FILE: env.string('schema/persisted-operations.json'),
  ...operationLimitsConfigSpec,
  /** Subscriptions open at once on one WebSocket, of one caller, from one IP address. */
  MAX_SUBSCRIPTIONS_PER_SOCKET: env.integer(20, { min: 1, max: 10_000 }),
  MAX_SUBSCRIPTIONS_PER_PRINCIPAL: env.integer(50, { min: 1, max: 100_000 }),
  MAX_SUBSCRIPTIONS_PER_IP: env.integer(500, { min: 1, max: 1_000_000 }),
  MAX_BODY_BYTES: env.integer(100_000, { min: 1_000, max: 50_000_000 }),
  /** The largest file upload passed on to a service (`/files/…`); each service holds an upload to its own limit too. */
  MAX_UPLOAD_BYTES: env.integer(20 * 1024 * 1024, { min: 1_000, max: 1_000_000_000 }),
  /** A file transfer whose service, or client, stays silent this long is dropped. */
  FILE_IDLE_TIMEOUT_MS: env.integer(30_000, { min: 100, max: 600_000 }),
  /**
   * Where every gateway instance keeps the same rate-limit counts (database `gateway`); without it each
   * instance counts in its own memory.
   */
  MONGODB_URL: optional(env.url()),
  /** Requests per minute (also the burst) by caller kind, and per IP address over all callers. */
  RATE_LIMITS: perKeyNumbers(['anonymous', 'customer', 'staff', 'partner', 'ip'] as const, {
    anonymous: 60,
    customer: 300,
    staff: 600,
    partner: 1_200,
    ip: 1_200,
  }),
  /** Browser origins allowed to call the graph, comma-separated (by default a local web frontend's dev server). */
  CORS_ORIGINS: env.string('http://localhost:5173'),
  /**
   * Embedded profile only: the sign-in page's redirect URI (dev/signin-page, set by `npm start`). Its
   * origin may call the graph, and GraphiQL's sign-in example uses it.
   */
  SIGN_IN_CALLBACK_URL: optional(env.url()),
};

function perKeyNumbers<K extends string>(
  keys: readonly K[],
  defaults: Record<K, number>,
): Setting<Record<K, number>> {
  return {
    read(variable, raw) {
      const values = { ...defaults };
      for (const [key, value] of keyedIntegers('customer=300,ip=1200').read(variable, raw)) {
        if (!(keys as readonly string[]).includes(key))
          throw new ConfigError(variable, `knows ${keys.join(', ')}, not "${key}"`);
        values[key as K] = value;
      }
      return values;
    },
  };
}

function keyedIntegers(example: string): Setting<ReadonlyMap<string, number>> {
  return {
    read(variable, raw) {
      const timeouts = new Map<string, number>();
      for (const entry of (raw ?? '').split(',').filter((part) => part.trim() !== '')) {
        const match = /^\s*([\w-]+)\s*=\s*(\d+)\s*$/.exec(entry);
        if (!match?.[1] || !match[2])
          throw new ConfigError(variable, `must look like "${example}", got "${raw}"`);
        timeouts.set(match[1], Number(match[2]));
      }
      return timeouts;
    },
  };
}

export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;

export const loadGatewayConfig = (source: Record<string, string | undefined> = process.env): GatewayConfig =>
  loadConfig(gatewayConfigSpec, source);
