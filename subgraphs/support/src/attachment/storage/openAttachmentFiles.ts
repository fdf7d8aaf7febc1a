import { join } from 'node:path';
import { openBlobStore, type BlobStore } from '@cabinet/platform/blobs';
import type { DocumentStore } from '@cabinet/platform/documents';
import { UploadedFileRepository } from '@cabinet/platform/files';
import type { SupportStorage } from '../../conversation/storage/supportStores.ts';

/** Where support keeps the files attached to messages: their records and their content. */
export async function openAttachmentFiles(
  storage: SupportStorage,
  documents: DocumentStore,
): Promise<{ records: UploadedFileRepository; blobs: BlobStore }> {
  const blobs = await openBlobStore({
    ...(storage.MONGODB_URL === undefined ? {} : { mongodbUrl: storage.MONGODB_URL, database: 'support' }),
    directory: join(storage.DATA_DIR, 'support', 'blobs'),
  });
  return { records: await UploadedFileRepository.open(documents, 'support_attachments'), blobs };
}
