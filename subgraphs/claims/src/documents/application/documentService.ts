import type { Readable } from 'node:stream';
import {
  UploadedFiles,
  type AnnouncedFile,
  type UploadedContent,
  type UploadedFileStores,
  type UploadTicket,
} from '@cabinet/platform/files';
import type { AttachedDocument } from '../../claim/domain/claimCommands.ts';
import { DocumentErrors } from '../domain/documentErrors.ts';

/** Namespace of document ids derived from a customer's idempotency key. */
const DOCUMENT_ID_NAMESPACE = '0b8e4f52-6a1d-4c3e-9f7a-2d5b8c1e6f40';

const CLAIM_DOCUMENT_FILES = {
  pathOf: (documentId: string) => `/documents/${documentId}`,
  idNamespace: DOCUMENT_ID_NAMESPACE,
  errors: DocumentErrors,
};

/** Claims' documents: customers' uploads through the platform's signed-upload path, attached to claims. */
export class DocumentService {
  private readonly files: UploadedFiles;

  constructor(stores: UploadedFileStores) {
    this.files = new UploadedFiles({ ...stores, ...CLAIM_DOCUMENT_FILES });
  }

  /** A customer announces a file; the same idempotency key gives the same document and a fresh link. */
  requestUpload(customerId: string, file: AnnouncedFile, idempotencyKey: string): Promise<UploadTicket> {
    return this.files.requestUpload({ kind: 'customer', id: customerId }, file, idempotencyKey);
  }

  receive(documentId: string, token: string, body: AsyncIterable<Uint8Array>): Promise<UploadedContent> {
    return this.files.receive(documentId, token, body);
  }

  /** The customer's uploaded documents, ready to attach to a claim; anything else is DOCUMENT_NOT_FOUND. */
  attachable(customerId: string, documentIds: readonly string[]): Promise<AttachedDocument[]> {
    return this.files.uploadedBy(customerId, documentIds);
  }

  /** A short-lived link to a document's content; callers check first that the reader may see the claim. */
  downloadLink(documentId: string): { url: string; expiresAt: Date } {
    return this.files.downloadLink(documentId);
  }

  open(
    documentId: string,
    token: string,
  ): Promise<{ content: Readable; contentType: string; sizeBytes: number; fileName: string | null }> {
    return this.files.open(documentId, token);
  }

  /** After consent is revoked: the file names are dropped, the sealed ones included. */
  eraseNamesOf(customerId: string): Promise<number> {
    return this.files.eraseNamesOf(customerId);
  }
}
