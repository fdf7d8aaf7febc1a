import type { FileDownloadGrant, FileUploadGrant, LinkSigner } from '@cabinet/platform/files';

/** What a claim history link allows: the PDF report of one claim of a customer, or of all their claims. */
export interface HistoryGrant {
  readonly purpose: 'history';
  readonly customerId: string;
  /** Null: every claim of the customer. */
  readonly claimId: string | null;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** Uploads and downloads of documents, and claim histories. */
export type LinkGrant = FileUploadGrant | FileDownloadGrant | HistoryGrant;

/** The signer of claims' links, with the HMAC key only claims holds. */
export type ClaimsLinkSigner = LinkSigner<LinkGrant>;
