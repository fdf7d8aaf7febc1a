import { env, loadConfig, serviceConfigSpec, type ConfigOf } from '@cabinet/platform/config';

export const supportConfigSpec = {
  ...serviceConfigSpec,
  PORT: env.port(4004),
  /** The policy subgraph, asked directly whether a conversation's policy is the customer's. */
  POLICY_URL: env.url('http://localhost:4002/graphql'),
  /** The claims subgraph, asked directly whether a conversation's claim is the customer's. */
  CLAIMS_URL: env.url('http://localhost:4003/graphql'),
  /** The identity subgraph, asked directly whether an operator receiving a conversation is in the staff register. */
  IDENTITY_URL: env.url('http://localhost:4001/graphql'),
  /** One attempt of a call to policy, claims or identity. */
  UPSTREAM_TIMEOUT_MS: env.integer(2_000, { min: 100, max: 30_000 }),
  /** Days after closing within which a customer may reopen a conversation. */
  REOPEN_WITHIN_DAYS: env.integer(7, { min: 1, max: 365 }),
  /** The most messages a customer may send to one conversation within a minute. */
  CUSTOMER_MESSAGES_PER_MINUTE: env.integer(10, { min: 1, max: 60 }),
};

export type SupportConfig = ConfigOf<typeof supportConfigSpec>;

export const loadSupportConfig = (source: Record<string, string | undefined> = process.env): SupportConfig =>
  loadConfig(supportConfigSpec, source);
