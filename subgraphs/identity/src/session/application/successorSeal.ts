import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';

const INFO = 'cabinet refresh-token successor v1';
const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * The key a successor pair is sealed with, derived from the refresh token that bought it. The store
 * keeps only that token's SHA-256, so the pair can be opened by whoever presents the token again and
 * by nobody who only reads the store.
 */
function keyOf(refreshToken: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(refreshToken, 'utf8'), Buffer.alloc(0), INFO, 32));
}

/** `v1.iv.ciphertext+tag` (AES-256-GCM, base64url parts). */
export function sealFor(refreshToken: string, payload: unknown, iv: Uint8Array): string {
  if (iv.length !== IV_BYTES) throw new RangeError(`a seal's IV is ${IV_BYTES} bytes`);
  const cipher = createCipheriv('aes-256-gcm', keyOf(refreshToken), iv);
  const sealed = Buffer.concat([
    cipher.update(JSON.stringify(payload), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return [VERSION, Buffer.from(iv).toString('base64url'), sealed.toString('base64url')].join('.');
}

/** The payload, or null when `sealed` was not sealed for this token (or was altered). */
export function openWith(refreshToken: string, sealed: string): unknown {
  const [version, iv, body] = sealed.split('.');
  if (version !== VERSION || !iv || !body) return null;
  const bytes = Buffer.from(body, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(refreshToken), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(bytes.subarray(-16));
    return JSON.parse(
      Buffer.concat([decipher.update(bytes.subarray(0, -16)), decipher.final()]).toString('utf8'),
    ) as unknown;
  } catch {
    return null;
  }
}

export const SEAL_IV_BYTES = IV_BYTES;
