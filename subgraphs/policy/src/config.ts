import { env, loadConfig, optional, serviceConfigSpec, type ConfigOf } from '@cabinet/platform';

export const policyConfigSpec = {
  ...serviceConfigSpec,
  PORT: env.port(4002),
  /** Seed the embedded profile's demo registry on an empty store. */
  SEED_DEMO_DATA: env.oneOf(['yes', 'no'] as const, 'no'),
  /** Where clients reach this service for policy PDFs; unset: http://localhost:<port it listens on>. */
  PUBLIC_URL: optional(env.url()),
  /** The key policy PDF links are signed with, the same on every instance; unset: a key in DATA_DIR. */
  DOCUMENT_LINK_SECRET: optional(env.string()),
  /** How often pending payments are reconciled and ended policies marked EXPIRED. */
  HOUSEKEEPING_INTERVAL_MS: env.integer(30_000, { min: 1_000 }),
};

export type PolicyConfig = ConfigOf<typeof policyConfigSpec>;

export const loadPolicyConfig = (source: Record<string, string | undefined> = process.env): PolicyConfig =>
  loadConfig(policyConfigSpec, source);
