import { createHmac, timingSafeEqual } from 'node:crypto';
import { FileErrors } from './fileErrors.ts';

/** What a signed link allows: a service's own grant, named by its purpose, until it expires. */
export interface SignedGrant {
  readonly purpose: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/**
 * Short-lived capability tokens for a service's file routes: the grant as base64url JSON and an
 * HMAC-SHA256 over it. Whoever holds the token may do exactly what the grant says until it expires.
 */
export class LinkSigner<G extends SignedGrant> {
  constructor(private readonly key: Buffer) {}

  sign(grant: G): string {
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /**
   * The grant of a genuine, unexpired token for this purpose: DOCUMENT_LINK_INVALID for a forged,
   * altered or other-purpose token, DOCUMENT_LINK_EXPIRED for a genuine one past its time.
   */
  verify<P extends G['purpose']>(token: string, purpose: P, now: Date): Extract<G, { purpose: P }> {
    const [payload, mac, ...rest] = token.split('.');
    if (payload === undefined || mac === undefined || rest.length > 0) throw FileErrors.linkInvalid();
    const expected = this.mac(payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw FileErrors.linkInvalid();
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as G;
    if (grant.purpose !== purpose) throw FileErrors.linkInvalid();
    if (grant.expiresAt <= now.getTime()) throw FileErrors.linkExpired();
    return grant as Extract<G, { purpose: P }>;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }
}
