import { join } from 'node:path';
import { openBlobStore, type BlobStore } from '@cabinet/platform/blobs';
import type { DocumentStore } from '@cabinet/platform/documents';
import type { ClaimsConfig } from '../../config.ts';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import { UploadedFileRepository } from '@cabinet/platform/files';
import type { PublicLinks } from '@cabinet/platform/files';
import { DocumentService } from './documentService.ts';
import type { ClaimsLinkSigner } from './linkGrants.ts';

/** Where claims keeps its customers' uploaded documents. */
const CLAIM_DOCUMENTS = 'claim_documents';

/** The document service on the configured blob store. */
export async function openDocumentService(
  config: ClaimsConfig,
  stores: { documents: DocumentStore; vault: CustomerKeyVault },
  fileLinks: { signer: ClaimsLinkSigner; links: PublicLinks },
  now: () => Date,
): Promise<{ service: DocumentService; blobs: BlobStore }> {
  const blobs = await openBlobStore({
    ...(config.MONGODB_URL === undefined ? {} : { mongodbUrl: config.MONGODB_URL, database: 'claims' }),
    directory: join(config.DATA_DIR, 'claims', 'blobs'),
  });
  const records = await UploadedFileRepository.open(stores.documents, CLAIM_DOCUMENTS);
  const service = new DocumentService({ records, blobs, vault: stores.vault, ...fileLinks, now });
  return { service, blobs };
}
