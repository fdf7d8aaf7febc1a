import type { Readable } from 'node:stream';
import { nameBasedUuid } from '@cabinet/kernel';
import type { BlobStore } from '@cabinet/platform/blobs';
import { checkAnnouncedFile, FileErrors, storeUpload } from '@cabinet/platform/files';
import type { AttachedDocument } from '../../claim/domain/claimCommands.ts';
import {
  ERASED_PERSONAL_DATA,
  isSealedPersonalData,
  plainPersonalData,
} from '../../claim/domain/personalDataForm.ts';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import type {
  ClaimDocumentRecord,
  ClaimDocumentRepository,
  UploadedContent,
} from '../storage/claimDocumentRepository.ts';
import { DocumentErrors } from '../domain/documentErrors.ts';
import type { PublicLinks } from '@cabinet/platform/files';
import type { ClaimsLinkSigner } from './linkGrants.ts';

/** Namespace of document ids derived from a customer's idempotency key. */
const DOCUMENT_ID_NAMESPACE = '0b8e4f52-6a1d-4c3e-9f7a-2d5b8c1e6f40';
const UPLOAD_LINK_TTL_MS = 15 * 60_000;
const DOWNLOAD_LINK_TTL_MS = 5 * 60_000;

export interface UploadTicket {
  readonly documentId: string;
  /** PUT the file's bytes here (no other credentials needed) before `expiresAt`. */
  readonly uploadUrl: string;
  readonly expiresAt: Date;
}

const documentPath = (documentId: string) => `/documents/${documentId}`;

/** Uploads through signed links, checked by content; attachment and signed downloads. */
export class DocumentService {
  constructor(
    private readonly records: ClaimDocumentRepository,
    private readonly blobs: BlobStore,
    private readonly vault: CustomerKeyVault,
    private readonly signer: ClaimsLinkSigner,
    private readonly links: PublicLinks,
    private readonly now: () => Date,
  ) {}

  /** A customer announces a file; the same idempotency key gives the same document and a fresh link. */
  async requestUpload(
    customerId: string,
    file: { fileName: string; contentType: string; size: number },
    idempotencyKey: string,
  ): Promise<UploadTicket> {
    const fileName = checkAnnouncedFile(file);
    const documentId = nameBasedUuid(DOCUMENT_ID_NAMESPACE, `${customerId}:${idempotencyKey}`);
    const stored = await this.records.insertOnce({
      documentId,
      customerId,
      // Only the customer announces their files, so a customer who consented again gets a fresh key.
      name: await this.vault.forCustomerWithConsent().seal(customerId, { fileName }),
      declaredSizeBytes: file.size,
      createdAt: this.now().toISOString(),
      content: null,
    });
    const expiresAt = new Date(this.now().getTime() + UPLOAD_LINK_TTL_MS);
    const token = this.signer.sign({
      purpose: 'upload',
      documentId,
      customerId,
      maxBytes: stored.data.declaredSizeBytes,
      expiresAt: expiresAt.getTime(),
    });
    return { documentId, uploadUrl: this.links.url(documentPath(documentId), token), expiresAt };
  }

  /**
   * Stores an upload through the shared signed-upload path (`@cabinet/platform/files`): the first
   * bytes must be a PDF, JPEG, PNG or HEIC signature, and reading stops with DOCUMENT_TOO_LARGE as
   * soon as more than the signed size arrives.
   */
  async receive(
    documentId: string,
    token: string,
    body: AsyncIterable<Uint8Array>,
  ): Promise<UploadedContent> {
    const grant = this.signer.verify(token, 'upload', this.now());
    if (grant.documentId !== documentId) throw FileErrors.linkInvalid();
    const record = await this.records.get(documentId);
    if (!record || record.data.customerId !== grant.customerId) throw DocumentErrors.notFound(documentId);
    const uploaded: UploadedContent = {
      ...(await storeUpload(body, this.blobs, grant.maxBytes)),
      uploadedAt: this.now().toISOString(),
    };
    const saved = await this.records.update(documentId, (current) => {
      if (current.content === null) return { ...current, content: uploaded };
      if (current.content.sha256 !== uploaded.sha256) throw DocumentErrors.alreadyUploaded(documentId);
      return current;
    });
    if (!saved?.content) throw DocumentErrors.notFound(documentId);
    return saved.content;
  }

  /** The customer's uploaded documents, ready to attach to a claim; anything else is DOCUMENT_NOT_FOUND. */
  async attachable(customerId: string, documentIds: readonly string[]): Promise<AttachedDocument[]> {
    const unique = [...new Set(documentIds)];
    return Promise.all(
      unique.map(async (documentId) => {
        const record = (await this.records.get(documentId))?.data;
        if (!record || record.customerId !== customerId) throw DocumentErrors.notFound(documentId);
        if (!record.content) throw DocumentErrors.notUploaded(documentId);
        const { contentType, sizeBytes, sha256 } = record.content;
        return {
          documentId,
          contentType,
          sizeBytes,
          sha256,
          fileName: (await this.fileNameOf(record)) ?? documentId,
        };
      }),
    );
  }

  /** A short-lived link to a document's content; callers check first that the reader may see the claim. */
  downloadLink(documentId: string): { url: string; expiresAt: Date } {
    const expiresAt = new Date(this.now().getTime() + DOWNLOAD_LINK_TTL_MS);
    const token = this.signer.sign({ purpose: 'download', documentId, expiresAt: expiresAt.getTime() });
    return { url: this.links.url(`${documentPath(documentId)}/content`, token), expiresAt };
  }

  async open(
    documentId: string,
    token: string,
  ): Promise<{ content: Readable; contentType: string; sizeBytes: number; fileName: string | null }> {
    const grant = this.signer.verify(token, 'download', this.now());
    if (grant.documentId !== documentId) throw FileErrors.linkInvalid();
    const record = (await this.records.get(documentId))?.data;
    const blob = record?.content ? await this.blobs.get(record.content.sha256) : null;
    if (!record?.content || !blob) throw DocumentErrors.notFound(documentId);
    return {
      content: blob.content,
      contentType: record.content.contentType,
      sizeBytes: record.content.sizeBytes,
      fileName: await this.fileNameOf(record),
    };
  }

  /** After consent is revoked: the file names are dropped, the sealed ones included. */
  async eraseNamesOf(customerId: string): Promise<number> {
    const ids = await this.records.idsOfCustomer(customerId);
    for (const id of ids) {
      await this.records.update(id, (record) =>
        'erased' in record.name ? record : { ...record, name: ERASED_PERSONAL_DATA },
      );
    }
    return ids.length;
  }

  private async fileNameOf(record: ClaimDocumentRecord): Promise<string | null> {
    if (!isSealedPersonalData(record.name)) return plainPersonalData(record.name)?.fileName ?? null;
    return (await this.vault.open<{ fileName: string }>(record.name))?.fileName ?? null;
  }
}
