import { createHash } from 'node:crypto';

/** 256 bits, so a refresh token cannot be guessed; only its hash is ever stored. */
export const REFRESH_TOKEN_BYTES = 32;

export function encodeRefreshToken(bytes: Uint8Array): string {
  if (bytes.length !== REFRESH_TOKEN_BYTES)
    throw new RangeError(`a refresh token is ${REFRESH_TOKEN_BYTES} bytes`);
  return Buffer.from(bytes).toString('base64url');
}

/** SHA-256 suffices (no salt, no stretching): the token is random, not a password someone chose. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
