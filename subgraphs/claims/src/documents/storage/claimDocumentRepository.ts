import {
  idsWhere,
  VersionConflict,
  type Collection,
  type DocumentStore,
  type StoredDocument,
} from '@cabinet/platform/documents';
import type { PersonalData } from '../../claim/domain/personalDataForm.ts';
import type { FileContentType } from '@cabinet/platform/files';

export interface UploadedContent {
  /** The type recognised from the file's first bytes. */
  readonly contentType: FileContentType;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

/** A document a customer announced and (once `content` is set) uploaded. The file name is sealed with the customer's key. */
export interface ClaimDocumentRecord {
  readonly documentId: string;
  readonly customerId: string;
  readonly name: PersonalData<{ readonly fileName: string }>;
  readonly declaredSizeBytes: number;
  readonly createdAt: string;
  readonly content: UploadedContent | null;
}

const CLAIM_DOCUMENTS = { name: 'claim_documents', indexes: [{ fields: ['customerId'] }] } as const;

export class ClaimDocumentRepository {
  private constructor(readonly collection: Collection<ClaimDocumentRecord>) {}

  static async open(store: DocumentStore): Promise<ClaimDocumentRepository> {
    return new ClaimDocumentRepository(await store.collection<ClaimDocumentRecord>(CLAIM_DOCUMENTS));
  }

  get(documentId: string): Promise<StoredDocument<ClaimDocumentRecord> | null> {
    return this.collection.get(documentId);
  }

  /** Inserts the record unless one with its id exists already; answers what is stored. */
  async insertOnce(record: ClaimDocumentRecord): Promise<StoredDocument<ClaimDocumentRecord>> {
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
    change: (record: ClaimDocumentRecord) => ClaimDocumentRecord,
  ): Promise<ClaimDocumentRecord | null> {
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

  /** Every document id of a customer. */
  idsOfCustomer(customerId: string): Promise<string[]> {
    return idsWhere(this.collection, { customerId });
  }
}
