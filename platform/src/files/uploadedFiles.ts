import type { Readable } from 'node:stream';
import { nameBasedUuid, type DomainError } from '@cabinet/kernel';
import type { BlobStore } from '../blobs/port.ts';
import type { CustomerKeyVault } from '../privacy/customerKeyVault.ts';
import { FileErrors } from './fileErrors.ts';
import type { PublicLinks } from './publicLinks.ts';
import { checkAnnouncedFile, storeUpload, type AnnouncedFile } from './signedUpload.ts';
import type {
  UploadedContent,
  UploadedFileRecord,
  UploadedFileRepository,
} from './uploadedFileRepository.ts';

const UPLOAD_LINK_TTL_MS = 15 * 60_000;
const DOWNLOAD_LINK_TTL_MS = 5 * 60_000;

/** What an upload link allows: one file into one announced record of one uploader, up to its declared size. */
export interface FileUploadGrant {
  readonly purpose: 'upload';
  readonly documentId: string;
  readonly customerId: string;
  readonly maxBytes: number;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** What a download link allows: reading one stored file's content. */
export interface FileDownloadGrant {
  readonly purpose: 'download';
  readonly documentId: string;
  readonly expiresAt: number;
}

type FileLinkGrant = FileUploadGrant | FileDownloadGrant;

/** The part of a service's `LinkSigner` its files need: the service's signer may grant more purposes. */
export interface FileLinkSigner {
  sign(grant: FileLinkGrant): string;
  verify<P extends FileLinkGrant['purpose']>(
    token: string,
    purpose: P,
    now: Date,
  ): Extract<FileLinkGrant, { purpose: P }>;
}

export interface UploadTicket {
  readonly documentId: string;
  /** PUT the file's bytes here (no other credentials needed) before `expiresAt`. */
  readonly uploadUrl: string;
  readonly expiresAt: Date;
}

/** Who uploads: a customer's file name is sealed with their key, a staff member's stays plain. */
export interface FileUploader {
  readonly kind: 'customer' | 'staff';
  readonly id: string;
}

/** An uploaded file, ready to be recorded where it is attached. */
export interface UploadedFile {
  readonly documentId: string;
  readonly contentType: UploadedContent['contentType'];
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly fileName: string;
}

/** A service's own refusals about its files (the signed-upload path's are `FileErrors`). */
export interface UploadedFileErrors {
  notFound(documentId: string): DomainError;
  notUploaded(documentId: string): DomainError;
  alreadyUploaded(documentId: string): DomainError;
}

export interface UploadedFilesOptions {
  readonly records: UploadedFileRepository;
  readonly blobs: BlobStore;
  readonly vault: CustomerKeyVault;
  readonly signer: FileLinkSigner;
  readonly links: PublicLinks;
  /** Where a file lives under the service's `/files`: `<path>` takes the PUT, `<path>/content` is read. */
  readonly pathOf: (documentId: string) => string;
  /** Namespace of the file ids derived from an uploader's idempotency key. */
  readonly idNamespace: string;
  readonly errors: UploadedFileErrors;
  readonly now: () => Date;
}

/** Where a service's files are kept and how their links are signed: what its wiring provides. */
export type UploadedFileStores = Pick<
  UploadedFilesOptions,
  'records' | 'blobs' | 'vault' | 'signer' | 'links' | 'now'
>;

/**
 * Uploads through signed links, checked by content (the same for claims' documents and support's
 * attachments); the uploader's own uploaded files for attaching, signed downloads, erased names.
 */
export class UploadedFiles {
  constructor(private readonly options: UploadedFilesOptions) {}

  /** An uploader announces a file; the same idempotency key gives the same file and a fresh link. */
  async requestUpload(
    uploader: FileUploader,
    file: AnnouncedFile,
    idempotencyKey: string,
  ): Promise<UploadTicket> {
    const { records, vault, signer, links, pathOf, now } = this.options;
    const fileName = checkAnnouncedFile(file);
    const documentId = nameBasedUuid(this.options.idNamespace, `${uploader.id}:${idempotencyKey}`);
    const stored = await records.insertOnce({
      documentId,
      customerId: uploader.id,
      // A customer announces only their own files, so one who consented again gets a fresh key.
      name:
        uploader.kind === 'customer'
          ? await vault.forCustomerWithConsent().seal(uploader.id, { fileName })
          : { fileName },
      declaredSizeBytes: file.size,
      createdAt: now().toISOString(),
      content: null,
    });
    const expiresAt = new Date(now().getTime() + UPLOAD_LINK_TTL_MS);
    const token = signer.sign({
      purpose: 'upload',
      documentId,
      customerId: uploader.id,
      maxBytes: stored.data.declaredSizeBytes,
      expiresAt: expiresAt.getTime(),
    });
    return { documentId, uploadUrl: links.url(pathOf(documentId), token), expiresAt };
  }

  /**
   * Stores an upload through the shared signed-upload path: the first bytes must be a PDF, JPEG, PNG or
   * HEIC signature, and reading stops with DOCUMENT_TOO_LARGE as soon as more than the signed size arrives.
   */
  async receive(
    documentId: string,
    token: string,
    body: AsyncIterable<Uint8Array>,
  ): Promise<UploadedContent> {
    const { records, blobs, signer, errors, now } = this.options;
    const grant = signer.verify(token, 'upload', now());
    if (grant.documentId !== documentId) throw FileErrors.linkInvalid();
    const record = await records.get(documentId);
    if (!record || record.data.customerId !== grant.customerId) throw errors.notFound(documentId);
    const uploaded: UploadedContent = {
      ...(await storeUpload(body, blobs, grant.maxBytes)),
      uploadedAt: now().toISOString(),
    };
    const saved = await records.update(documentId, (current) => {
      if (current.content === null) return { ...current, content: uploaded };
      if (current.content.sha256 !== uploaded.sha256) throw errors.alreadyUploaded(documentId);
      return current;
    });
    if (!saved?.content) throw errors.notFound(documentId);
    return saved.content;
  }

  /** The uploader's own uploaded files, each once; anyone else's or an unknown id is `notFound`. */
  async uploadedBy(uploaderId: string, documentIds: readonly string[]): Promise<UploadedFile[]> {
    const { records, errors } = this.options;
    return Promise.all(
      [...new Set(documentIds)].map(async (documentId) => {
        const record = (await records.get(documentId))?.data;
        if (!record || record.customerId !== uploaderId) throw errors.notFound(documentId);
        if (!record.content) throw errors.notUploaded(documentId);
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

  /** A short-lived link to a file's content; callers check first that the reader may see it. */
  downloadLink(documentId: string): { url: string; expiresAt: Date } {
    const { signer, links, pathOf, now } = this.options;
    const expiresAt = new Date(now().getTime() + DOWNLOAD_LINK_TTL_MS);
    const token = signer.sign({ purpose: 'download', documentId, expiresAt: expiresAt.getTime() });
    return { url: links.url(`${pathOf(documentId)}/content`, token), expiresAt };
  }

  async open(
    documentId: string,
    token: string,
  ): Promise<{ content: Readable; contentType: string; sizeBytes: number; fileName: string | null }> {
    const { records, blobs, signer, errors, now } = this.options;
    const grant = signer.verify(token, 'download', now());
    if (grant.documentId !== documentId) throw FileErrors.linkInvalid();
    const record = (await records.get(documentId))?.data;
    const blob = record?.content ? await blobs.get(record.content.sha256) : null;
    if (!record?.content || !blob) throw errors.notFound(documentId);
    return {
      content: blob.content,
      contentType: record.content.contentType,
      sizeBytes: record.content.sizeBytes,
      fileName: await this.fileNameOf(record),
    };
  }

  /** After a customer's consent is revoked: the names of their files are dropped, the sealed ones included. */
  async eraseNamesOf(customerId: string): Promise<number> {
    const { records } = this.options;
    const ids = await records.idsOf(customerId);
    for (const id of ids) {
      await records.update(id, (record) =>
        'erased' in record.name ? record : { ...record, name: { erased: true } },
      );
    }
    return ids.length;
  }

  private async fileNameOf(record: UploadedFileRecord): Promise<string | null> {
    const { name } = record;
    if ('fileName' in name) return name.fileName;
    if ('erased' in name) return null;
    return (await this.options.vault.open<{ fileName: string }>(name))?.fileName ?? null;
  }
}
