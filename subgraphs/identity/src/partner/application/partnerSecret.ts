import { createHash, timingSafeEqual } from 'node:crypto';

const SCHEME = 'sha256';

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/**
 * `sha256$hash`: partner secrets are generated, not chosen (256 random bits), so one SHA-256 keeps them
 * as safe as scrypt keeps a password, at a cost an attacker cannot turn into a denial of service.
 * Hashes stored earlier are `scrypt$…` and still verify, through the bounded hash queue.
 */
export function hashPartnerSecret(secret: string): string {
  return `${SCHEME}$${digest(secret).toString('base64url')}`;
}

/** Whether `stored` is in the cheap format; anything else is verified as a password hash. */
export function isPartnerSecretHash(stored: string): boolean {
  return stored.startsWith(`${SCHEME}$`);
}

export function verifyPartnerSecret(secret: string, stored: string): boolean {
  const expected = Buffer.from(stored.slice(SCHEME.length + 1), 'base64url');
  const actual = digest(secret);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Compared against when the client id is unknown, so the answer takes as long as for a known one. */
export const UNKNOWN_CLIENT_HASH = `${SCHEME}$${'A'.repeat(43)}`;
