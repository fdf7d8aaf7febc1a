import { join } from 'node:path';
import { openBlobStore, type BlobStore } from '@cabinet/platform/blobs';
import type { DocumentStore } from '@cabinet/platform/documents';
import type { ClaimsConfig } from '../../config.ts';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import { ClaimDocumentRepository } from '../storage/claimDocumentRepository.ts';
import type { PublicLinks } from '@cabinet/platform/files';
import { DocumentService } from './documentService.ts';
import type { ClaimsLinkSigner } from './linkGrants.ts';

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
  const service = new DocumentService(
    await ClaimDocumentRepository.open(stores.documents),
    blobs,
    stores.vault,
    fileLinks.signer,
    fileLinks.links,
    now,
  );
  return { service, blobs };
}
