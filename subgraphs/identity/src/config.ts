import { env, loadConfig, optional, serviceConfigSpec, type ConfigOf } from '@cabinet/platform/config';
import { DEFAULT_ESIA_SCOPES } from './esia/application/config.ts';

export const identityConfigSpec = {
  ...serviceConfigSpec,
  PORT: env.port(4001),
  /** The key ring access tokens are signed with, shared by every identity instance. */
  SIGNING_KEYS_FILE: env.string('data/identity/signing-keys.json'),
  /** A signing key older than this is replaced by a new one (the old one keeps verifying). */
  SIGNING_KEY_MAX_AGE_DAYS: env.integer(30, { min: 1, max: 365 }),

  /** ESIA's origin: https://esia.gosuslugi.ru in production, the emulator in dev and tests. */
  ESIA_BASE_URL: env.url('http://127.0.0.1:4010'),
  /** Our system's mnemonic registered in ESIA. */
  ESIA_CLIENT_ID: env.string('INSURER_CABINET'),
  ESIA_SCOPES: env.list([...DEFAULT_ESIA_SCOPES]),
  /** The exact redirect URIs a frontend may ask for; anything else is refused. */
  ESIA_REDIRECT_URIS: env.list([]),
  /** Where ESIA sends the browser after logout (`redirect_url`). */
  ESIA_LOGOUT_REDIRECT_URL: optional(env.url()),
  ESIA_TIMEOUT_MS: env.integer(10_000, { min: 100, max: 60_000 }),
  /** `key`: an RSA/EC key file (dev, tests); `command`: an external GOST signer (production). */
  ESIA_SIGNER: env.oneOf(['key', 'command'] as const, 'key'),
  ESIA_CLIENT_KEY_FILE: env.string('data/identity/esia-client-key.pem'),
  /** The certificate registered in ESIA for the key; without it the bare public key is registered. */
  ESIA_CLIENT_CERT_FILE: optional(env.string()),
  ESIA_SIGNER_COMMAND: optional(env.string()),
  /** Arguments of the signer command, comma-separated; it reads data on stdin and writes the signature. */
  ESIA_SIGNER_ARGS: env.list([]),
  ESIA_SIGNER_CERT_HASH: optional(env.string()),
  ESIA_SIGNER_OUTPUT: env.oneOf(['binary', 'base64'] as const, 'binary'),
  ESIA_SIGNER_REVERSE_BYTES: env.oneOf(['yes', 'no'] as const, 'no'),
  /** ESIA's token keys: a JWKS URL (the emulator) or ESIA's certificate file (production). */
  ESIA_TOKEN_JWKS_URL: optional(env.url()),
  ESIA_TOKEN_CERT_FILE: optional(env.string()),
  ESIA_TOKEN_ALGORITHMS: env.list(['RS256']),
  /** `jose`: RSA/EC token signatures (the emulator); `command`: ESIA's GOST signatures through an external tool. */
  ESIA_TOKEN_VERIFIER: env.oneOf(['jose', 'command'] as const, 'jose'),
  ESIA_TOKEN_VERIFY_COMMAND: optional(env.string()),
  /** Arguments of the verifying tool, comma-separated; `{signature}` names the detached signature file. */
  ESIA_TOKEN_VERIFY_ARGS: env.list([]),
  ESIA_TOKEN_VERIFY_REVERSE_BYTES: env.oneOf(['yes', 'no'] as const, 'no'),

  /** Sign-in attempts one client address may start per window. */
  SIGN_IN_LIMIT_PER_IP: env.integer(60, { min: 1, max: 100_000 }),
  /** Sign-ins one person (ESIA account or staff login) may attempt per window. */
  SIGN_IN_LIMIT_PER_PERSON: env.integer(10, { min: 1, max: 10_000 }),
  SIGN_IN_LIMIT_WINDOW_SECONDS: env.integer(900, { min: 1, max: 86_400 }),
  /** Partner token requests (`POST /oauth/token`) one client address may make per window. */
  PARTNER_TOKEN_LIMIT_PER_IP: env.integer(60, { min: 1, max: 100_000 }),
  /** Password hashes (scrypt, 128 MiB each) computed at once; more wait in the queue. */
  PASSWORD_HASH_CONCURRENCY: env.integer(2, { min: 1, max: 64 }),
  /**
   * Password checks that may wait for a hash slot; one more gets TOO_MANY_ATTEMPTS (HTTP 429) at once.
   * The last of them must still be answered within the gateway's timeout for identity (1.5 s).
   */
  PASSWORD_HASH_QUEUE_LENGTH: env.integer(2, { min: 0, max: 10_000 }),
  /** Password checks one client address may have running or waiting at once; more are refused at once. */
  PASSWORD_HASH_PER_ADDRESS: env.integer(1, { min: 1, max: 64 }),
  /**
   * Seconds a rotated refresh token still returns the pair it was traded for, so a client retrying after
   * a time-out keeps its session; 0 turns this off. Later reuse ends the session.
   */
  REFRESH_REUSE_GRACE_SECONDS: env.integer(10, { min: 0, max: 60 }),
  /** Days after a consent revocation at which personal data is erased (152-ФЗ art. 21: at most 30). */
  ERASURE_AFTER_DAYS: env.integer(30, { min: 0, max: 30 }),
};

export type IdentityConfig = ConfigOf<typeof identityConfigSpec>;

export const loadIdentityConfig = (
  source: Record<string, string | undefined> = process.env,
): IdentityConfig => loadConfig(identityConfigSpec, source);
