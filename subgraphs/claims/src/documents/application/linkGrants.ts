import type { LinkSigner } from '@cabinet/platform/files';

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

/** The signer of claims' links, with the HMAC key only claims holds. */
export type ClaimsLinkSigner = LinkSigner<LinkGrant>;
