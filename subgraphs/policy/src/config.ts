import { env, loadConfig, serviceConfigSpec, type ConfigOf } from '@cabinet/platform';

export const policyConfigSpec = {
  ...serviceConfigSpec,
  PORT: env.port(4002),
  /** Seed the embedded profile's demo registry on an empty store. */
  SEED_DEMO_DATA: env.oneOf(['yes', 'no'] as const, 'no'),
};

export type PolicyConfig = ConfigOf<typeof policyConfigSpec>;

export const loadPolicyConfig = (source: Record<string, string | undefined> = process.env): PolicyConfig =>
  loadConfig(policyConfigSpec, source);
