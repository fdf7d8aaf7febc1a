import { env, loadConfig, serviceConfigSpec, type ConfigOf } from '@cabinet/platform';

export const identityConfigSpec = {
  ...serviceConfigSpec,
  PORT: env.port(4001),
  /** The key ring access tokens are signed with, shared by every identity instance. */
  SIGNING_KEYS_FILE: env.string('data/identity/signing-keys.json'),
  /** Seed the embedded profile's demo customers on an empty store. */
  SEED_DEMO_DATA: env.oneOf(['yes', 'no'] as const, 'no'),
};

export type IdentityConfig = ConfigOf<typeof identityConfigSpec>;

export const loadIdentityConfig = (source: Record<string, string | undefined> = process.env): IdentityConfig =>
  loadConfig(identityConfigSpec, source);
