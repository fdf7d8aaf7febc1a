import { env, loadConfig, serviceConfigSpec, type ConfigOf } from '@cabinet/platform/config';
import { notificationConfigSpec } from '@cabinet/platform/notifications';
import { fileLinkConfigSpec } from '@cabinet/platform/files';

export const claimsConfigSpec = {
  ...serviceConfigSpec,
  PORT: env.port(4003),
  /** The policy subgraph, asked directly (not through the gateway) whether a claim's policy is valid. */
  POLICY_URL: env.url('http://localhost:4002/graphql'),
  POLICY_TIMEOUT_MS: env.integer(2_000, { min: 100, max: 30_000 }),
  /**
   * The identity subgraph, asked directly whether an adjuster being assigned is in the staff register, and
   * for a customer's Gosuslugi-verified e-mail when they submit a claim.
   */
  IDENTITY_URL: env.url('http://localhost:4001/graphql'),
  IDENTITY_TIMEOUT_MS: env.integer(2_000, { min: 100, max: 30_000 }),
  /** Working days the insurer has to answer a customer's question. */
  CLARIFICATION_ANSWER_WORKING_DAYS: env.integer(5, { min: 1, max: 30 }),
  /** The largest payout an adjuster may approve alone, in roubles; above it a supervisor decides. */
  ADJUSTER_APPROVAL_LIMIT_RUB: env.integer(500_000, { min: 1 }),
  /** Payouts from this sum up, in kopecks, are made by a supervisor only (100 000 ₽ by default). */
  SUPERVISOR_PAYOUT_FROM_KOPECKS: env.integer(10_000_000, { min: 1 }),
  /** Days to decide on non-ОСАГО products (ОСАГО's 20 days are fixed by law). */
  DECISION_DAYS_KASKO: env.integer(30, { min: 1, max: 365 }),
  DECISION_DAYS_DMS: env.integer(15, { min: 1, max: 365 }),
  DECISION_DAYS_PROPERTY: env.integer(30, { min: 1, max: 365 }),
  DECISION_DAYS_MORTGAGE: env.integer(30, { min: 1, max: 365 }),
  DECISION_DAYS_TRAVEL: env.integer(15, { min: 1, max: 365 }),
  DECISION_DAYS_ACCIDENT: env.integer(30, { min: 1, max: 365 }),
  /**
   * The most claim events one status subscription resuming with `after` reads from the shared log
   * (staff and partners following every claim they may see; a customer's only while the read model catches up).
   */
  STATUS_RESUME_MAX_EVENTS: env.integer(5_000, { min: 10, max: 100_000 }),
  ...notificationConfigSpec,
  ...fileLinkConfigSpec,
};

export type ClaimsConfig = ConfigOf<typeof claimsConfigSpec>;

export const loadClaimsConfig = (source: Record<string, string | undefined> = process.env): ClaimsConfig =>
  loadConfig(claimsConfigSpec, source);
