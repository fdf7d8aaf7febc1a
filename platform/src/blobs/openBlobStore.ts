import { LocalBlobStore } from './local/localBlobStore.ts';
import type { BlobStore } from './port.ts';

export interface BlobStoreConfig {
  /** Selects GridFS (production) when set; otherwise the local directory is used. */
  readonly mongodbUrl?: string;
  /** The MongoDB database holding the bucket; required with `mongodbUrl`. */
  readonly database?: string;
  /** The embedded profile's blob directory. */
  readonly directory: string;
}

/** The MongoDB driver is loaded only when it is used. */
export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  if (config.mongodbUrl !== undefined) {
    if (config.database === undefined) throw new Error('a GridFS blob store needs a database name');
    const { GridFsBlobStore } = await import('./gridfs/gridFsBlobStore.ts');
    return new GridFsBlobStore({ url: config.mongodbUrl, database: config.database });
  }
  return new LocalBlobStore(config.directory);
}
