import { env, loadConfig, optional, serviceConfigSpec, type ConfigOf } from '@cabinet/platform/config';
import { publicUrlSetting } from '@cabinet/platform/files';

export const policyConfigSpec = {
  ...serviceConfigSpec,
  PORT: env.port(4002),
  /** The gateway's public origin: policy PDF links are `<PUBLIC_URL>/files/policy/…`. */
  PUBLIC_URL: publicUrlSetting,
  /** The key policy PDF links are signed with, the same on every instance; unset: `<DATA_DIR>/policy/file-link.key`. */
  DOCUMENT_LINK_SECRET: optional(env.string()),
  /** How often pending payments are reconciled and ended policies marked EXPIRED. */
  HOUSEKEEPING_INTERVAL_MS: env.integer(30_000, { min: 1_000 }),
  /** Customers whose last policy reads are kept for a document store outage (0: no cache). */
  POLICY_CACHE_CUSTOMERS: env.integer(10_000, { min: 0 }),
  /** Policy cards and list pages kept per customer. */
  POLICY_CACHE_ENTRIES_PER_CUSTOMER: env.integer(50, { min: 0, max: 1_000 }),
  /** The oldest read served (marked stale) while the document store is down; older ones are not. */
  POLICY_CACHE_MAX_STALENESS_MS: env.integer(6 * 60 * 60 * 1_000, { min: 0 }),
  /** Tests only: POST /test-hooks/document-store/close takes the document store down. */
  POLICY_TEST_HOOKS: env.oneOf(['yes', 'no'] as const, 'no'),
};

export type PolicyConfig = ConfigOf<typeof policyConfigSpec>;

export const loadPolicyConfig = (source: Record<string, string | undefined> = process.env): PolicyConfig =>
  loadConfig(policyConfigSpec, source);
