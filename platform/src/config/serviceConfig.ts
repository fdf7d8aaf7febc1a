import { internalRequestSecretSetting } from '../internalRequests/internalRequestProof.ts';
import { operationLimitsConfigSpec } from '../limits/limitsConfig.ts';
import { LOG_LEVELS } from '../logging/logger.ts';
import { env, optional, type ConfigOf } from './env.ts';

/** What every subgraph reads: where it listens, how it logs, where its data lives, whom it trusts. */
export const serviceConfigSpec = {
  /** Loopback by default: only the gateway and sibling services call a subgraph (0.0.0.0 inside a private network). */
  HOST: env.string('127.0.0.1'),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
  /** The embedded profile keeps SQLite files and blobs here. */
  DATA_DIR: env.string('data'),
  JWKS_URL: env.url('http://localhost:4001/.well-known/jwks.json'),
  TOKEN_ISSUER: env.string('cabinet-identity'),
  TOKEN_AUDIENCE: env.string('cabinet'),
  /** Identity's feed of ended sessions; by default `/internal/ended-sessions` beside the JWKS. */
  ENDED_SESSIONS_URL: optional(env.url()),
  /** How often the feed is read: a signed-out session's tokens are refused within about this. */
  ENDED_SESSIONS_POLL_MS: env.integer(500, { min: 50, max: 60_000 }),
  /** The gateway's and the sibling services' proof of their requests; required to serve. */
  INTERNAL_REQUEST_SECRET: internalRequestSecretSetting,
  /** The gateway's operation limits, held to here too for whoever reaches the subgraph. */
  ...operationLimitsConfigSpec,
  /** Entities one `_entities` call may name; the gateway's batches stay far below it. */
  MAX_ENTITY_REPRESENTATIONS: env.integer(500, { min: 1, max: 100_000 }),
  /** Set in production: EventStoreDB instead of the embedded SQLite event store. */
  EVENTSTORE_URL: optional(env.url()),
  /** Set in production: MongoDB instead of the embedded SQLite document store. */
  MONGODB_URL: optional(env.url()),
};

export type ServiceConfig = ConfigOf<typeof serviceConfigSpec>;
