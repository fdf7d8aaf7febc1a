import { createHmac, timingSafeEqual } from 'node:crypto';
import { DocumentErrors } from '../domain/documentErrors.ts';

/** What an upload link allows: one file into one document of one customer, up to its declared size. */
export interface UploadGrant {
  readonly purpose: 'upload';
  readonly documentId: string;
  readonly customerId: string;
  readonly maxBytes: number;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** What a download link allows: reading one stored document's content. */
export interface DownloadGrant {
  readonly purpose: 'download';
  readonly documentId: string;
  readonly expiresAt: number;
}

/** What a claim history link allows: the PDF report of one claim of a customer, or of all their claims. */
export interface HistoryGrant {
  readonly purpose: 'history';
  readonly customerId: string;
  /** Null: every claim of the customer. */
  readonly claimId: string | null;
  readonly expiresAt: number;
}

export type LinkGrant = UploadGrant | DownloadGrant | HistoryGrant;

/**
 * Short-lived capability tokens for the document routes: the grant as base64url JSON and an
 * HMAC-SHA256 over it. Whoever holds the token may do exactly what the grant says until it expires.
 */
export class LinkSigner {
  constructor(private readonly key: Buffer) {}

  sign(grant: LinkGrant): string {
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /**
   * The grant of a genuine, unexpired token for this purpose: DOCUMENT_LINK_INVALID for a forged,
   * altered or other-purpose token, DOCUMENT_LINK_EXPIRED for a genuine one past its time.
   */
  verify<P extends LinkGrant['purpose']>(
    token: string,
    purpose: P,
    now: Date,
  ): Extract<LinkGrant, { purpose: P }> {
    const [payload, mac, ...rest] = token.split('.');
    if (payload === undefined || mac === undefined || rest.length > 0) throw DocumentErrors.linkInvalid();
    const expected = this.mac(payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw DocumentErrors.linkInvalid();
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkGrant;
    if (grant.purpose !== purpose) throw DocumentErrors.linkInvalid();
    if (grant.expiresAt <= now.getTime()) throw DocumentErrors.linkExpired();
    return grant as Extract<LinkGrant, { purpose: P }>;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }
}
