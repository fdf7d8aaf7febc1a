import { LOG_LEVELS } from '../logging/logger.ts';
import { env, optional } from './env.ts';

/** What every subgraph reads: where it listens, how it logs, where its data lives, whom it trusts. */
export const serviceConfigSpec = {
  HOST: env.string('0.0.0.0'),
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
  /** Shared by identity and every service: identity answers the feed only to who sends it. */
  ENDED_SESSIONS_SECRET: optional(env.string()),
  /** Set in production: EventStoreDB instead of the embedded SQLite event store. */
  EVENTSTORE_URL: optional(env.url()),
  /** Set in production: MongoDB instead of the embedded SQLite document store. */
  MONGODB_URL: optional(env.url()),
};
