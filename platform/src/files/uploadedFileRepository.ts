import type { SealedPersonalData } from '@cabinet/kernel';
import { idsWhere } from '../documents/collectionScans.ts';
import {
  VersionConflict,
  type Collection,
  type DocumentStore,
  type StoredDocument,
} from '../documents/port.ts';
import type { FileContentType } from './fileType.ts';

export interface UploadedContent {
  /** The type recognised from the file's first bytes. */
  readonly contentType: FileContentType;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

/** A file name as kept: plain, sealed with the customer's key, or erased once their consent was revoked. */
export type StoredFileName = { readonly fileName: string } | SealedPersonalData | { readonly erased: true };

/**
 * A file someone announced and (once `content` is set) uploaded. `customerId` is the uploader: a
 * customer, whose key seals the name, or (in support) a staff member, whose file name stays plain.
 */
export interface UploadedFileRecord {
  readonly documentId: string;
  readonly customerId: string;
  readonly name: StoredFileName;
  readonly declaredSizeBytes: number;
  readonly createdAt: string;
  readonly content: UploadedContent | null;
}

/** A service's uploaded files, in a collection of its own. */
export class UploadedFileRepository {
  private constructor(readonly collection: Collection<UploadedFileRecord>) {}

  static async open(store: DocumentStore, collectionName: string): Promise<UploadedFileRepository> {
    return new UploadedFileRepository(
      await store.collection<UploadedFileRecord>({
        name: collectionName,
        indexes: [{ fields: ['customerId'] }],
      }),
    );
  }

  get(documentId: string): Promise<StoredDocument<UploadedFileRecord> | null> {
    return this.collection.get(documentId);
  }

  /** Inserts the record unless one with its id exists already; answers what is stored. */
  async insertOnce(record: UploadedFileRecord): Promise<StoredDocument<UploadedFileRecord>> {
    const existing = await this.collection.get(record.documentId);
    if (existing) return existing;
    try {
      return await this.collection.insert(record.documentId, record);
    } catch (error) {
      const raced = await this.collection.get(record.documentId);
      if (raced) return raced;
      throw error;
    }
  }

  /** Applies `change` to the stored record, retrying on concurrent writes. */
  async update(
    documentId: string,
    change: (record: UploadedFileRecord) => UploadedFileRecord,
  ): Promise<UploadedFileRecord | null> {
    for (;;) {
      const stored = await this.collection.get(documentId);
      if (!stored) return null;
      const next = change(stored.data);
      if (next === stored.data) return next;
      try {
        return (await this.collection.replace(documentId, next, stored.version)).data;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
  }

  /** Every file id of an uploader. */
  idsOf(uploaderId: string): Promise<string[]> {
    return idsWhere(this.collection, { customerId: uploaderId });
  }
}
