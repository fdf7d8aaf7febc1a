import { LocalBlobStore } from './local/localBlobStore.ts';
import type { BlobStore } from './port.ts';

export interface BlobStoreConfig {
  /** The embedded profile's blob directory. */
  readonly directory: string;
}

export function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  return Promise.resolve(new LocalBlobStore(config.directory));
}
