import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Principal } from '@cabinet/kernel';

/** A policy PDF link works for 5 minutes: long enough to click, too short to be worth sharing. */
export const DOCUMENT_LINK_TTL_MS = 5 * 60 * 1000;

/** Who a link was issued to: the holder (`customer:<id>`) or an employee (`staff:<id>`). */
export type LinkSubject = `customer:${string}` | `staff:${string}`;

export interface VerifiedLink {
  readonly policyId: string;
  readonly subject: LinkSubject;
}

export type LinkCheck =
  | { readonly ok: true; readonly link: VerifiedLink }
  | { readonly ok: false; readonly reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' };

export function linkSubjectOf(principal: Principal): LinkSubject | null {
  switch (principal.kind) {
    case 'customer':
      return `customer:${principal.customerId}`;
    case 'staff':
      return `staff:${principal.staffId}`;
    case 'partner':
    case 'anonymous':
      return null;
  }
}

/**
 * Signed download links: HMAC-SHA256 over the policy id, the subject and the expiry, so none of the
 * three can be changed without the secret. The link carries no token: a browser can open it as it is.
 */
export class DocumentLinks {
  constructor(
    private readonly secret: Buffer,
    /** Where clients reach this service's files: `<PUBLIC_URL>/files/policy`. */
    private readonly baseUrl: string,
  ) {}

  sign(policyId: string, subject: LinkSubject, now: Date): { url: string; expiresAt: Date } {
    const expiresAt = new Date(now.getTime() + DOCUMENT_LINK_TTL_MS);
    const expires = String(expiresAt.getTime());
    const query = new URLSearchParams({
      sub: subject,
      exp: expires,
      sig: this.signature(policyId, subject, expires),
    });
    return { url: `${this.baseUrl}${policyDocumentPath(policyId)}?${query.toString()}`, expiresAt };
  }

  verify(policyId: string, query: Record<string, unknown>, now: Date): LinkCheck {
    const { sub, exp, sig } = query;
    if (typeof sub !== 'string' || typeof exp !== 'string' || typeof sig !== 'string' || !/^\d+$/.test(exp)) {
      return { ok: false, reason: 'MALFORMED' };
    }
    if (!/^(customer|staff):[\w-]+$/.test(sub)) return { ok: false, reason: 'MALFORMED' };
    const expected = Buffer.from(this.signature(policyId, sub, exp), 'base64url');
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'BAD_SIGNATURE' };
    }
    if (Number(exp) <= now.getTime()) return { ok: false, reason: 'EXPIRED' };
    return { ok: true, link: { policyId, subject: sub as LinkSubject } };
  }

  private signature(policyId: string, subject: string, expires: string): string {
    return createHmac('sha256', this.secret)
      .update(`${policyId}\n${subject}\n${expires}`)
      .digest('base64url');
  }
}

/** The PDF's path under the service's files (`/files` on the service, `/files/policy` at the gateway). */
export function policyDocumentPath(policyId: string): string {
  return `/documents/policies/${encodeURIComponent(policyId)}.pdf`;
}
