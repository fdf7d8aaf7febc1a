import { createHmac, timingSafeEqual } from 'node:crypto';
import { LinkErrors } from './linkErrors.ts';

/** What a link allows, named by its purpose, until `expiresAt` (milliseconds since the epoch). */
export interface SignedGrant {
  readonly purpose: string;
  readonly expiresAt: number;
}

/**
 * Short-lived capability tokens for file links: the grant as base64url JSON and an HMAC-SHA256 over it.
 * Whoever holds the token may do exactly what the grant says until it expires.
 */
export class LinkSigner<Grant extends SignedGrant = SignedGrant> {
  constructor(private readonly key: Buffer) {}

  sign(grant: Grant): string {
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /**
   * The grant of a genuine, unexpired token for this purpose: DOCUMENT_LINK_INVALID for a forged,
   * altered or other-purpose token, DOCUMENT_LINK_EXPIRED for a genuine one past its time.
   */
  verify<P extends Grant['purpose']>(token: string, purpose: P, now: Date): Extract<Grant, { purpose: P }> {
    const [payload, mac, ...rest] = token.split('.');
    if (payload === undefined || mac === undefined || rest.length > 0) throw LinkErrors.invalid();
    const expected = this.mac(payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw LinkErrors.invalid();
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Grant;
    if (grant.purpose !== purpose) throw LinkErrors.invalid();
    if (grant.expiresAt <= now.getTime()) throw LinkErrors.expired();
    return grant as Extract<Grant, { purpose: P }>;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }
}
