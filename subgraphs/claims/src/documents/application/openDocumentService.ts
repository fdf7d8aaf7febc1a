import { join } from 'node:path';
import { openBlobStore, type BlobStore } from '@cabinet/platform/blobs';
import type { DocumentStore } from '@cabinet/platform/documents';
import type { ClaimsConfig } from '../../config.ts';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import { ClaimDocumentRepository } from '../storage/claimDocumentRepository.ts';
import { DocumentService, type DocumentLinks } from './documentService.ts';
import { loadOrCreateLinkSigningKey } from '@cabinet/platform/files';
import { ClaimLinkSigner } from './documentLinkGrants.ts';

/** The document service on the configured blob store, with the links' signer keyed from its file. */
export async function openDocumentService(
  config: ClaimsConfig,
  stores: { documents: DocumentStore; vault: CustomerKeyVault },
  links: DocumentLinks,
  now: () => Date,
): Promise<{ service: DocumentService; blobs: BlobStore; signer: ClaimLinkSigner }> {
  const blobs = await openBlobStore({
    ...(config.MONGODB_URL === undefined ? {} : { mongodbUrl: config.MONGODB_URL, database: 'claims' }),
    directory: join(config.DATA_DIR, 'claims', 'blobs'),
  });
  const key = await loadOrCreateLinkSigningKey(
    config.DOCUMENT_LINK_KEY_FILE ?? join(config.DATA_DIR, 'claims', 'document-link.key'),
  );
  const signer = new ClaimLinkSigner(key);
  const service = new DocumentService(
    await ClaimDocumentRepository.open(stores.documents),
    blobs,
    stores.vault,
    signer,
    links,
    now,
  );
  return { service, blobs, signer };
}
